package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.time.Instant;

/**
 * What the sync last wrote or read for one record present on both sides: the Salesforce record it
 * corresponds to, the QBO SyncToken and the Salesforce SystemModstamp after the sync (a side whose
 * current value differs changed since), and the hash of the mapped content, which decides "unchanged".
 *
 * @param salesforceObject e.g. {@code Account}; one QBO record may be linked to several objects
 * @param salesforceModstamp null when the sync has not read it (links from before it did)
 */
public record RecordLink(
    String companyId,
    SyncObject object,
    String qboId,
    String salesforceObject,
    String salesforceId,
    String qboSyncToken,
    String contentHash,
    Instant salesforceModstamp,
    SyncDirection lastDirection,
    Instant syncedAt) {

  /** A link to the Salesforce object QBO records of this kind are written to by default. */
  public RecordLink(
      String companyId,
      SyncObject object,
      String qboId,
      String salesforceId,
      String qboSyncToken,
      String contentHash,
      SyncDirection lastDirection,
      Instant syncedAt) {
    this(companyId, object, qboId, defaultSalesforceObject(object), salesforceId, qboSyncToken, contentHash, null,
        lastDirection, syncedAt);
  }

  /** The Salesforce object the default mappings write QBO records of {@code object} to. */
  public static String defaultSalesforceObject(SyncObject object) {
    return switch (object) {
      case CUSTOMER -> "Account";
      case ITEM -> "Product2";
      case INVOICE -> "Invoice__c";
      case PAYMENT -> "Payment__c";
    };
  }

  public RecordLink withSalesforceModstamp(Instant modstamp) {
    return new RecordLink(companyId, object, qboId, salesforceObject, salesforceId, qboSyncToken, contentHash, modstamp,
        lastDirection, syncedAt);
  }
}
