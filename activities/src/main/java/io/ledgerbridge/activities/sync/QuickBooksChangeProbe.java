package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.quickbooks.ChangeCapture;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.store.CursorStore;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One change data capture call per scheduled run for every QuickBooks object the sync reads, instead
 * of a query per object: Intuit meters every read (CorePlus), and a job syncing four objects every
 * few minutes would otherwise spend four reads a run on companies where nothing changed. The first
 * object of a run asks QuickBooks what changed since the oldest cursor of them all; every object of
 * that run then skips its query when nothing of its entity changed since its own cursor, and takes
 * its deletes from the same answer. Where the answer cannot say (more than Intuit's 1,000 records,
 * a cursor older than change data capture's 30 days, an object never synced), the object queries as
 * before, so nothing is missed; a change made after the call is read by the next run.
 */
final class QuickBooksChangeProbe {
  private static final Logger log = LoggerFactory.getLogger(QuickBooksChangeProbe.class);
  /** Intuit answers at most 1,000 records per change data capture call, over every entity together. */
  private static final int MOST_PER_ANSWER = 1000;
  /** Change data capture reaches back 30 days; stay inside it. */
  static final Duration WINDOW = Duration.ofDays(29);
  private static final int RUNS_KEPT = 64;

  /** What QuickBooks answered for one run: records changed at or after {@code since}, answered at {@code answeredAt}. */
  private record Answer(Instant since, ChangeCapture changes) {}

  private final QuickBooksClient client;
  private final Mappings mappings;
  private final SyncStores stores;
  private final SyncOptions options;
  private final Map<String, Optional<Answer>> byRun = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Answer>> eldest) {
          return size() > RUNS_KEPT;
        }
      });

  QuickBooksChangeProbe(QuickBooksClient client, Mappings mappings, SyncStores stores, SyncOptions options) {
    this.client = client;
    this.mappings = mappings;
    this.stores = stores;
    this.options = options;
  }

  /**
   * When the run's entity certainly has no record changed since {@code cursor} that the sync has not
   * already written (none at all, or only ones whose link holds their current SyncToken: the records
   * of the cursor's own second, which every run reads again): the time of QuickBooks' answer that
   * says so; empty when it cannot be said.
   */
  Optional<Instant> nothingChangedSince(SyncRun run, String cursor) {
    Optional<Answer> answer = answer(run, cursor);
    if (answer.isEmpty() || answer.get().changes().answeredAt() == null) {
      return Optional.empty();
    }
    return nothingNew(run, changedSince(answer.get(), run, cursor)) ? Optional.of(answer.get().changes().answeredAt())
        : Optional.empty();
  }

  private boolean nothingNew(SyncRun run, List<ObjectNode> changed) {
    List<String> ids = changed.stream()
        .filter(r -> !"Deleted".equals(r.path("status").asText()))
        .map(r -> r.path("Id").asText())
        .toList();
    if (ids.isEmpty()) {
      return true;
    }
    Map<String, RecordLink> links = stores.links().findAll(run.realmId, run.object, run.mapping.salesforceObject(), ids);
    for (ObjectNode record : changed) {
      RecordLink link = links.get(record.path("Id").asText());
      if (!"Deleted".equals(record.path("status").asText())
          && (link == null || !Objects.equals(link.qboSyncToken(), record.path("SyncToken").asText(null)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The run's entity's records changed since {@code cursor}, oldest first, straight from the run's
   * answer (change data capture carries whole records), so a run with a few changes reads nothing
   * more; empty when the answer cannot stand for the object's query: none covers the cursor, the
   * mapping's condition would leave some records out, or there are more than {@code most} of them.
   */
  Optional<Changed> changedRecords(SyncRun run, String cursor, int most) {
    if (!run.mapping.qboConditionKeepsEveryRecord()) {
      return Optional.empty();
    }
    return answer(run, cursor)
        .filter(answer -> answer.changes().answeredAt() != null)
        .map(answer -> new Changed(changedSince(answer, run, cursor).stream()
            .filter(r -> !"Deleted".equals(r.path("status").asText()))
            .sorted(Comparator.comparing((ObjectNode r) -> Times.qbo(Times.qboLastUpdated(r)))
                .thenComparing(r -> r.path("Id").asText()))
            .toList(), answer.changes().answeredAt()))
        .filter(changed -> changed.records().size() <= most);
  }

  /** An object's records changed since its cursor, and when QuickBooks gave the answer they came in. */
  record Changed(List<ObjectNode> records, Instant answeredAt) {}

  /** The run's entity's deletes since {@code cursor} from the run's answer, when it has one. */
  Optional<List<String>> deletedSince(SyncRun run, String cursor) {
    return answer(run, cursor).map(answer -> changedSince(answer, run, cursor).stream()
        .filter(r -> "Deleted".equals(r.path("status").asText()))
        .map(r -> r.path("Id").asText())
        .toList());
  }

  /** The run's answer, when it covers the object's cursor. */
  private Optional<Answer> answer(SyncRun run, String cursor) {
    if (run.runId == null || run.direction != SyncDirection.QBO_TO_SALESFORCE || cursor == null) {
      return Optional.empty();
    }
    Instant from = Times.qbo(cursor);
    return byRun.computeIfAbsent(run.realmId + "/" + run.runId, key -> ask(run))
        .filter(answer -> !from.isBefore(answer.since()));
  }

  /** The run's entity's records in the answer changed at or after {@code cursor}. */
  private static List<ObjectNode> changedSince(Answer answer, SyncRun run, String cursor) {
    Instant from = Times.qbo(cursor);
    return answer.changes().of(run.mapping.qboEntity()).stream()
        .filter(r -> {
          String changedAt = Times.qboLastUpdated(r);
          return changedAt == null || !Times.qbo(changedAt).isBefore(from);
        })
        .toList();
  }

  /** One call for every QuickBooks entity synced to Salesforce, since the oldest of their cursors. */
  private Optional<Answer> ask(SyncRun run) {
    List<String> entities = new ArrayList<>();
    Instant since = null;
    for (ObjectMapping mapping : mappings.all()) {
      if (!mapping.directions().contains(SyncDirection.QBO_TO_SALESFORCE)) {
        continue;
      }
      Optional<String> cursor =
          stores.cursors().find(run.realmId, mapping.object(), SyncDirection.QBO_TO_SALESFORCE).map(CursorStore.Cursor::value);
      if (cursor.isPresent()) {
        // Objects of one entity (Customer, Contact) share its part of the answer, which reaches back to the older cursor.
        if (!entities.contains(mapping.qboEntity())) {
          entities.add(mapping.qboEntity());
        }
        Instant at = Times.qbo(cursor.get());
        since = since == null || at.isBefore(since) ? at : since;
      }
    }
    if (since == null || since.isBefore(options.clock().instant().minus(WINDOW))) {
      return Optional.empty();
    }
    // A second early: a record saved in the cursor's own second after the last read must be in the answer.
    ChangeCapture changes = client.changes(run.realmId, entities, since.minusSeconds(1).toString());
    int records = changes.size();
    if (records >= MOST_PER_ANSWER) {
      log.info("{}: {} QuickBooks changes since {}, more than one change data capture answer holds; each object queries",
          run, records, since);
      return Optional.empty();
    }
    log.debug("{}: {} QuickBooks changes since {} across {}", run, records, since, entities);
    return Optional.of(new Answer(since, changes));
  }
}
