package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * A company setting Intuit keeps as one row of its own entity (Id 1): readable and queryable, changed by update,
 * never created through the API (the sandbox makes it with the company).
 */
abstract class CompanySettingKind implements EntityKind {
  /** The one row's Id. */
  static final long ID = 1;

  @Override
  public Set<String> filterableProperties() {
    return Set.of("id", "metadata.lastupdatedtime");
  }

  @Override
  public final ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing) {
    if (existing == null) {
      throw QboFault.unsupportedOperation("Operation Create is not supported for entity " + name()
          + "; update the company's.");
    }
    return updated(candidate.deepCopy(), existing);
  }

  /** The setting as an update leaves it: {@code candidate} (a copy) with what the update may not change kept. */
  abstract ObjectNode updated(ObjectNode candidate, ObjectNode existing);
}
