package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import java.time.Instant;

/** What a conflict policy decides for a record both sides changed since the last sync. */
final class Conflicts {
  private Conflicts() {}

  enum Decision {
    /** Write the source's version over the target's. */
    WRITE,
    /** Leave the target's version; the other direction carries it over. */
    KEEP_TARGET,
    /** Write neither; record a conflict for a person. */
    HOLD
  }

  /**
   * @param sourceSystem the system the sync reads from, as {@link Side#system()} names it: the policies
   *     that name a winner compare it
   */
  static Decision decide(ConflictPolicy policy, String sourceSystem, Instant sourceChangedAt, Instant targetChangedAt) {
    return switch (policy) {
      case QBO_WINS -> wins("QuickBooks", sourceSystem);
      case SALESFORCE_WINS -> wins("Salesforce", sourceSystem);
      case HOLD -> Decision.HOLD;
      case NEWEST_WINS -> {
        if (sourceChangedAt == null || targetChangedAt == null) {
          yield Decision.HOLD;
        }
        yield sourceChangedAt.isAfter(targetChangedAt) ? Decision.WRITE : Decision.KEEP_TARGET;
      }
    };
  }

  private static Decision wins(String winner, String sourceSystem) {
    return winner.equals(sourceSystem) ? Decision.WRITE : Decision.KEEP_TARGET;
  }

  /**
   * The CONFLICT error's message: both versions of the mapped fields, so a person can decide.
   *
   * @param sourceVersion the source record mapped to the target's fields
   * @param targetVersion the target's current values of those fields
   */
  static String describe(SyncRun run, String sourceId, String sourceSystem, JsonNode sourceVersion, String targetSystem,
      JsonNode targetVersion) {
    return "Both " + sourceSystem + " and " + targetSystem + " changed " + run.object.displayName() + " " + sourceId
        + " since the last sync; policy " + run.policy() + " holds it until a person decides (retry it with"
        + " QBO_WINS or SALESFORCE_WINS). " + sourceSystem + ": " + sourceVersion + " " + targetSystem + ": " + targetVersion;
  }

  static String kept(SyncRun run, String targetSystem) {
    return "both sides changed; " + targetSystem + (targetSystem.endsWith("s") ? "'" : "'s") + " version stays (policy "
        + run.policy() + ")";
  }
}
