package io.ledgerbridge.activities.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.activities.store.RecordLink;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.Collection;
import java.util.Map;

/**
 * One system as the sync sees it, whichever role a direction gives it ({@link Source}, {@link
 * Target}): its name, its end of a record link, and the keys it keeps on its records. QuickBooks and
 * Salesforce are the two today; the {@link Pipeline} runs the same steps over any two.
 */
interface Side {
  /** The system's name, for messages: "QuickBooks", "Salesforce". */
  String system();

  /** How a record of the mapping's object is named in messages, e.g. "QuickBooks Customer" or "Account". */
  String objectName(ObjectMapping mapping);

  // ---- its end of a record link ----

  /** This system's record id in the link. */
  String idIn(RecordLink link);

  /** This system's record version in the link, as {@link #linkEnd} takes it; null when the link has none. */
  String versionIn(RecordLink link);

  /** Puts this system's record id and version into a link being made. */
  void linkEnd(LinkParts link, String id, String version);

  /** The links of this system's records of {@code object} with these ids, keyed by those ids. */
  Map<String, RecordLink> linksOf(String realmId, SyncObject object, String salesforceObject, Collection<String> ids);

  // ---- the keys it keeps: the other system's id on its records ----

  /**
   * The other system's ids that records of this system with these ids carry as their key, keyed by
   * this system's id; empty for a system that keeps no keys.
   */
  Map<String, String> keysById(SyncRun run, ObjectMapping mapping, Collection<String> ids);

  /**
   * The ids of this system's records that carry these ids of the other system as their key, keyed by
   * the other system's id; empty for a system that keeps no keys.
   */
  Map<String, String> idsByKey(SyncRun run, ObjectMapping mapping, Collection<String> keys);

  /** A record field's value as text: null when absent, null, empty or not a single value. */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
      return null;
    }
    String text = node.asText();
    return text.isEmpty() ? null : text;
  }

  /** A field's value as {@link #text} with surrounding blanks removed, as matching compares it; null when blank. */
  static String stripped(JsonNode node) {
    String text = text(node);
    return text == null || text.isBlank() ? null : text.strip();
  }
}
