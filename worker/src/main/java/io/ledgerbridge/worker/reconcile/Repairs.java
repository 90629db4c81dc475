package io.ledgerbridge.worker.reconcile;

import io.ledgerbridge.activities.store.RecordLinkStore;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.RecordSyncRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The records a reconciliation asks to be synced again, handed to the per-record sync a request's
 * worth at a time, never written here: a linked record's link is first marked for a resync, so the
 * sync writes it though the link says the target holds it, and decides as for any change.
 */
final class Repairs {
  /** Where records go to be synced again: the per-record sync, in production. */
  @FunctionalInterface
  interface HandOver {
    void sync(String companyId, SyncObject object, SyncDirection direction, List<String> sourceIds);
  }

  private record Pending(String sourceId, String linkedQboId) {}

  private final String companyId;
  private final SyncObject object;
  private final String salesforceObject;
  private final RecordLinkStore links;
  private final HandOver handOver;
  private final Map<SyncDirection, List<Pending>> pending = new EnumMap<>(SyncDirection.class);
  private int requested;

  Repairs(String companyId, SyncObject object, String salesforceObject, RecordLinkStore links, HandOver handOver) {
    this.companyId = companyId;
    this.object = object;
    this.salesforceObject = salesforceObject;
    this.links = links;
    this.handOver = handOver;
  }

  /**
   * Asks for one record to be synced again.
   *
   * @param sourceId its id in the system {@code direction} reads: QuickBooks going to Salesforce
   * @param linkedQboId the QuickBooks id of its link to mark, or null when it has none
   */
  void request(SyncDirection direction, String sourceId, String linkedQboId) {
    List<Pending> waiting = pending.computeIfAbsent(direction, d -> new ArrayList<>());
    waiting.add(new Pending(sourceId, linkedQboId));
    requested++;
    if (waiting.size() >= RecordSyncRequest.MAX_IDS) {
      flush(direction);
    }
  }

  /** Hands over what is still waiting. */
  void flush() {
    List.copyOf(pending.keySet()).forEach(this::flush);
  }

  private void flush(SyncDirection direction) {
    List<Pending> waiting = pending.remove(direction);
    if (waiting == null || waiting.isEmpty()) {
      return;
    }
    List<String> linked = waiting.stream().map(Pending::linkedQboId).filter(id -> id != null).toList();
    if (!linked.isEmpty()) {
      links.markForResync(companyId, object, salesforceObject, direction, linked);
    }
    handOver.sync(companyId, object, direction, waiting.stream().map(Pending::sourceId).toList());
  }

  int requested() {
    return requested;
  }
}
