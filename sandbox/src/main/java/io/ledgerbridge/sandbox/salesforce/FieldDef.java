package io.ledgerbridge.sandbox.salesforce;

import java.util.List;

/**
 * One field of an sObject, with the attributes describe reports and the sandbox enforces.
 *
 * @param length        max characters for text types, 0 otherwise
 * @param precision     total digits for numeric types
 * @param scale         decimals for numeric types
 * @param referenceTo   target objects of a lookup
 * @param defaultValue  value set on create when the client sends none (null: none)
 * @param restrictedPicklist only the listed picklist values are accepted
 * @param cascadeDelete for a lookup: deleting the parent deletes this record too (master-detail, and a few
 *                      standard lookups such as Opportunity.AccountId); otherwise the lookup is cleared
 * @param summary       for a roll-up summary field, what it sums; null otherwise
 */
record FieldDef(
    String name,
    String label,
    FieldType type,
    int length,
    int precision,
    int scale,
    boolean nillable,
    boolean createable,
    boolean updateable,
    boolean externalId,
    boolean unique,
    boolean caseSensitive,
    boolean custom,
    boolean idLookup,
    List<String> referenceTo,
    String relationshipName,
    List<String> picklistValues,
    Object defaultValue,
    boolean cascadeDelete,
    boolean restrictedPicklist,
    Summary summary) {

  /**
   * A roll-up summary: the sum of {@code summedField} over the live {@code detailObject} records whose
   * master-detail field {@code masterField} names the record.
   */
  record Summary(String detailObject, String masterField, String summedField) {}

  /** A field the client must send on create: not nillable, createable, and no server default. */
  boolean requiredOnCreate() {
    return !nillable && createable && defaultValue == null && type != FieldType.BOOLEAN;
  }

  boolean defaultedOnCreate() {
    return defaultValue != null || type == FieldType.BOOLEAN || !createable && !nillable;
  }

  static Builder field(String name, String label, FieldType type) {
    return new Builder(name, label, type);
  }

  /** Starts from a writable, nillable, non-unique field; chain what differs. */
  static final class Builder {
    private final String name;
    private final String label;
    private final FieldType type;
    private int length;
    private int precision;
    private int scale;
    private boolean nillable = true;
    private boolean createable = true;
    private boolean updateable = true;
    private boolean externalId;
    private boolean unique;
    private boolean caseSensitive;
    private boolean idLookup;
    private List<String> referenceTo = List.of();
    private String relationshipName;
    private List<String> picklistValues = List.of();
    private Object defaultValue;
    private boolean cascadeDelete;
    private boolean restrictedPicklist;
    private Summary summary;

    private Builder(String name, String label, FieldType type) {
      this.name = name;
      this.label = label;
      this.type = type;
      this.length = switch (type) {
        case ID, REFERENCE -> 18;
        case PICKLIST, URL -> 255;
        case EMAIL -> 80;
        case PHONE -> 40;
        default -> 0;
      };
      if (type == FieldType.BOOLEAN) {
        nillable = false;
        defaultValue = Boolean.FALSE;
      }
    }

    Builder length(int characters) {
      this.length = characters;
      return this;
    }

    Builder number(int totalDigits, int decimals) {
      this.precision = totalDigits;
      this.scale = decimals;
      return this;
    }

    Builder required() {
      this.nillable = false;
      return this;
    }

    Builder createOnly() {
      this.updateable = false;
      return this;
    }

    /** Set by the server only (Id, audit fields, formula-like fields). */
    Builder system() {
      this.createable = false;
      this.updateable = false;
      return this;
    }

    Builder notNillable() {
      this.nillable = false;
      return this;
    }

    /** An External ID; unique or not, and whether matching respects case. */
    Builder externalId(boolean isUnique, boolean isCaseSensitive) {
      this.externalId = true;
      this.idLookup = true;
      this.unique = isUnique;
      this.caseSensitive = isCaseSensitive;
      return this;
    }

    Builder idLookup() {
      this.idLookup = true;
      return this;
    }

    Builder references(String relationship, String... targets) {
      this.referenceTo = List.of(targets);
      this.relationshipName = relationship;
      return this;
    }

    /** A master-detail field: required, set on create only, and deleting the master deletes the detail. */
    Builder masterDetail(String relationship, String master) {
      references(relationship, master);
      this.nillable = false;
      this.updateable = false;
      this.cascadeDelete = true;
      return this;
    }

    /** A lookup whose parent's deletion also deletes this record (Salesforce does so for Opportunity.AccountId). */
    Builder cascadeDelete() {
      this.cascadeDelete = true;
      return this;
    }

    Builder picklist(String... values) {
      this.picklistValues = List.of(values);
      return this;
    }

    /** A picklist that refuses values it does not list (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). */
    Builder restrictedPicklist(String... values) {
      this.picklistValues = List.of(values);
      this.restrictedPicklist = true;
      return this;
    }

    /** A roll-up summary field (SUM), which only the server sets: see {@link RecordRules#afterWrite}. */
    Builder summary(String detailObject, String masterField, String summedField) {
      system();
      this.summary = new Summary(detailObject, masterField, summedField);
      return this;
    }

    Builder defaultValue(Object value) {
      this.defaultValue = value;
      return this;
    }

    FieldDef build() {
      return new FieldDef(name, label, type, length, precision, scale, nillable, createable, updateable, externalId,
          unique, caseSensitive, name.endsWith("__c"), idLookup, referenceTo, relationshipName, picklistValues,
          defaultValue, cascadeDelete, restrictedPicklist, summary);
    }
  }
}
