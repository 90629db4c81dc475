package io.ledgerbridge.workflows.sync;

import java.util.List;

/**
 * Whether the Salesforce org has every object and field the mappings use, with compatible types, and (when a
 * QuickBooks company was named) whether its chart of accounts has the accounts the Item mapping names and the
 * mappings fit its currency and tax settings.
 *
 * @param ok true when nothing is missing or incompatible
 * @param problems exactly what is missing or wrong, one entry per field (or object)
 * @param checked the Salesforce objects that were described, e.g. {@code Account}
 */
public record PreflightResult(boolean ok, List<Problem> problems, List<String> checked) {
  public PreflightResult {
    problems = problems == null ? List.of() : List.copyOf(problems);
    checked = checked == null ? List.of() : List.copyOf(checked);
  }

  /**
   * One missing or incompatible thing.
   *
   * @param object the mapped LedgerBridge object, e.g. {@code Customer}
   * @param salesforceObject e.g. {@code Account}
   * @param field the Salesforce field, or null when the whole object is missing or the problem is a QuickBooks account
   * @param problem what is wrong and what the mapping needs, e.g. "missing: needs a Text(80) external ID field"
   */
  public record Problem(String object, String salesforceObject, String field, String problem) {
    @Override
    public String toString() {
      return salesforceObject + (field == null ? "" : "." + field) + " (" + object + "): " + problem;
    }
  }
}
