package io.ledgerbridge.sandbox.salesforce;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An sObject type: its fields (looked up case-insensitively, as Salesforce does) and key prefix.
 *
 * @param deletable false for objects Salesforce never lets you delete, such as PricebookEntry
 */
record SObjectType(String name, String label, String labelPlural, String keyPrefix, boolean deletable,
    Map<String, FieldDef> fieldsByLowerName) {

  static SObjectType of(String name, String label, String labelPlural, String keyPrefix, boolean deletable,
      List<FieldDef> fields) {
    Map<String, FieldDef> byName = new LinkedHashMap<>();
    for (FieldDef field : fields) {
      byName.put(field.name().toLowerCase(Locale.ROOT), field);
    }
    return new SObjectType(name, label, labelPlural, keyPrefix, deletable, java.util.Collections.unmodifiableMap(byName));
  }

  boolean custom() {
    return name.endsWith("__c");
  }

  /** The field by any casing, or null. */
  FieldDef field(String anyCase) {
    return fieldsByLowerName.get(anyCase.toLowerCase(Locale.ROOT));
  }

  Collection<FieldDef> fields() {
    return fieldsByLowerName.values();
  }
}
