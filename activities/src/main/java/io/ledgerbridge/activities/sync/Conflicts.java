package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.workflows.catalog.SyncDirection;
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

  static Decision decide(ConflictPolicy policy, SyncDirection direction, Instant qboChangedAt, Instant salesforceChangedAt) {
    boolean sourceIsQbo = direction == SyncDirection.QBO_TO_SALESFORCE;
    return switch (policy) {
      case QBO_WINS -> sourceIsQbo ? Decision.WRITE : Decision.KEEP_TARGET;
      case SALESFORCE_WINS -> sourceIsQbo ? Decision.KEEP_TARGET : Decision.WRITE;
      case HOLD -> Decision.HOLD;
      case NEWEST_WINS -> {
        if (qboChangedAt == null || salesforceChangedAt == null) {
          yield Decision.HOLD;
        }
        Instant source = sourceIsQbo ? qboChangedAt : salesforceChangedAt;
        Instant target = sourceIsQbo ? salesforceChangedAt : qboChangedAt;
        yield source.isAfter(target) ? Decision.WRITE : Decision.KEEP_TARGET;
      }
    };
  }

  /**
   * The CONFLICT error's message: both versions of the mapped fields, so a person can decide.
   *
   * @param sourceVersion the source record mapped to the target's fields
   * @param targetVersion the target's current values of those fields
   */
  static String describe(SyncRun run, String sourceId, JsonNode sourceVersion, JsonNode targetVersion) {
    boolean sourceIsQbo = run.direction == SyncDirection.QBO_TO_SALESFORCE;
    return "Both QuickBooks and Salesforce changed " + run.object.displayName() + " " + sourceId
        + " since the last sync; policy " + run.policy() + " holds it until a person decides (retry it with"
        + " QBO_WINS or SALESFORCE_WINS). QuickBooks: " + (sourceIsQbo ? sourceVersion : targetVersion)
        + " Salesforce: " + (sourceIsQbo ? targetVersion : sourceVersion);
  }

  static String kept(SyncRun run) {
    return run.direction == SyncDirection.QBO_TO_SALESFORCE
        ? "both sides changed; Salesforce's version stays (policy " + run.policy() + ")"
        : "both sides changed; QuickBooks' version stays (policy " + run.policy() + ")";
  }
}
