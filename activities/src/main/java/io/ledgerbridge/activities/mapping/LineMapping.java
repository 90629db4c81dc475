package io.ledgerbridge.activities.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child records of a mapped object: invoice lines, a payment's applications. In QuickBooks they are
 * an array inside the record; in Salesforce, records of their own whose {@code parentField} looks up the
 * header.
 *
 * @param externalIdField the Salesforce field holding {@code {realmId}-{invoiceId}-{lineId}}, for
 *     lines written to Salesforce; null when lines only flow to QuickBooks
 * @param qboPath the array in the QuickBooks record, e.g. {@code Line}
 * @param qboFilter only array elements whose fields have these values are lines, e.g.
 *     {@code DetailType: SalesItemLineDetail} (QuickBooks adds a SubTotal line on reads)
 * @param qboLineId a template of paths in the line that gives its {@code lineId}, for lines QuickBooks
 *     gives no {@code Id} (a payment's lines are named by the transaction each applies to:
 *     {@code {LinkedTxn[0].TxnType}-{LinkedTxn[0].TxnId}}); null for the line's {@code Id}
 */
public record LineMapping(
    String salesforceObject,
    String parentField,
    String externalIdField,
    String qboPath,
    Map<String, String> qboFilter,
    String qboLineId,
    List<FieldMapping> fields) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

  public LineMapping {
    qboFilter = qboFilter == null ? Map.of() : Map.copyOf(qboFilter);
    fields = List.copyOf(fields);
  }

  /**
   * Whether any field of the lines flows to Salesforce: lines whose every field flows to QuickBooks (a Quote's,
   * whose QuoteLineItems QuickBooks cannot make) are read from Salesforce only, even in a mapping that syncs both ways.
   */
  public boolean writtenToSalesforce() {
    return fields.stream().anyMatch(field -> field.flows(SyncDirection.QBO_TO_SALESFORCE));
  }

  /** A QuickBooks line's id within its record, or null when the line has none (a path of the template is empty). */
  public String qboIdOf(JsonNode line) {
    if (qboLineId == null) {
      return FieldMapping.text(line.get("Id"));
    }
    Matcher placeholder = PLACEHOLDER.matcher(qboLineId);
    StringBuilder id = new StringBuilder();
    while (placeholder.find()) {
      String value = FieldMapping.text(Paths.first(line, placeholder.group(1).trim()));
      if (value == null) {
        return null;
      }
      placeholder.appendReplacement(id, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(id);
    return id.toString();
  }
}
