package io.ledgerbridge.activities.mapping;

import java.util.List;
import java.util.Map;

/**
 * The child records of a mapped object: invoice lines. In QuickBooks they are an array inside the
 * record; in Salesforce, records of their own whose {@code parentField} looks up the header.
 *
 * @param externalIdField the Salesforce field holding {@code {realmId}-{invoiceId}-{lineId}}, for
 *     lines written to Salesforce; null when lines only flow to QuickBooks
 * @param qboPath the array in the QuickBooks record, e.g. {@code Line}
 * @param qboFilter only array elements whose fields have these values are lines, e.g.
 *     {@code DetailType: SalesItemLineDetail} (QuickBooks adds a SubTotal line on reads)
 */
public record LineMapping(
    String salesforceObject,
    String parentField,
    String externalIdField,
    String qboPath,
    Map<String, String> qboFilter,
    List<FieldMapping> fields) {

  public LineMapping {
    qboFilter = qboFilter == null ? Map.of() : Map.copyOf(qboFilter);
    fields = List.copyOf(fields);
  }
}
