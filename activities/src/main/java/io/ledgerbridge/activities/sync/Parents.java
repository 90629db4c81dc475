package io.ledgerbridge.activities.sync;

import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's parent step, the same in both directions: a batch's parent records (an invoice's
 * customer, a line's item) found in the target, pulled through first when the job says so, and
 * what is still missing named, so the record waits (is deferred) instead of failing.
 */
final class Parents {
  private static final Logger log = LoggerFactory.getLogger(Parents.class);

  /** Where the direction's writer finds parents in the target. */
  interface Lookup {
    /** Target ids of the parent's records with these source ids; ids not in the target are absent. */
    Map<String, String> targetIds(SyncObject parent, ObjectMapping parentMapping, Set<String> sourceIds);

    /** Why one parent counts as missing, e.g. which key the target lacks. */
    String missing(ObjectMapping parentMapping, String sourceId);
  }

  private final SyncEngine engine;
  private final SyncRun run;
  private final Lookup lookup;
  private final Map<SyncObject, Map<String, String>> resolved = new HashMap<>();

  /** Resolves every parent the batch names ({@code wanted}: source ids by parent object). */
  Parents(SyncEngine engine, SyncRun run, Map<SyncObject, Set<String>> wanted, Lookup lookup) {
    this.engine = engine;
    this.run = run;
    this.lookup = lookup;
    wanted.forEach(this::resolve);
  }

  private void resolve(SyncObject parent, Set<String> sourceIds) {
    ObjectMapping parentMapping = engine.mappings.require(parent, run.direction);
    Map<String, String> ids = new HashMap<>(lookup.targetIds(parent, parentMapping, sourceIds));
    Set<String> missing = new LinkedHashSet<>(sourceIds);
    missing.removeAll(ids.keySet());
    if (!missing.isEmpty() && run.pullParents && !run.pulling.contains(parent) && parent != run.object) {
      log.info("Pulling {} {} of company {} through to {} for {}", parent.displayName(), missing, run.realmId,
          engine.target(run.direction).system(), run.object.displayName());
      engine.processIds(run.forObject(parent, parentMapping), missing);
      ids.putAll(lookup.targetIds(parent, parentMapping, missing));
    }
    resolved.put(parent, ids);
  }

  /** The parent's target id, or null when it is not in the target. */
  String targetId(SyncObject parent, String sourceId) {
    return resolved.getOrDefault(parent, Map.of()).get(sourceId);
  }

  /** The parents of one record ({@code needed}: source ids by parent object) the target lacks, each with why. */
  List<String> missing(Map<SyncObject, Set<String>> needed) {
    List<String> missing = new ArrayList<>();
    needed.forEach((object, ids) -> {
      for (String id : ids) {
        if (targetId(object, id) == null) {
          missing.add(object.displayName() + " " + id + " ("
              + lookup.missing(engine.mappings.require(object, run.direction), id) + ")");
        }
      }
    });
    return missing;
  }
}
