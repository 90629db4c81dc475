package io.ledgerbridge.sandbox.salesforce;

import static io.ledgerbridge.sandbox.salesforce.FieldDef.field;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The org's schema: the one place both describe and validation read. Standard fields follow Salesforce's
 * field reference (reference §8); custom fields mirror {@code src/salesforce/objects/*.object}, which a
 * test keeps in step.
 */
final class SalesforceSchema {
  /**
   * Custom fields that exist only in the sandbox, not in the metadata an admin deploys. Legacy_Id__c is a
   * non-unique External ID so that upsert's 300 Multiple Choices answer can be exercised.
   */
  static final Set<String> SANDBOX_ONLY_FIELDS = Set.of("Account.Legacy_Id__c");

  private final Map<String, SObjectType> typesByLowerName = new LinkedHashMap<>();

  SalesforceSchema() {
    add(account());
  }

  /** The type by any casing, or null. */
  SObjectType type(String anyCase) {
    return typesByLowerName.get(anyCase.toLowerCase(Locale.ROOT));
  }

  Collection<SObjectType> types() {
    return typesByLowerName.values();
  }

  /** The type whose records have this 3-character key prefix, or null. */
  SObjectType typeByKeyPrefix(String prefix) {
    for (SObjectType type : typesByLowerName.values()) {
      if (type.keyPrefix().equals(prefix)) {
        return type;
      }
    }
    return null;
  }

  private void add(SObjectType type) {
    typesByLowerName.put(type.name().toLowerCase(Locale.ROOT), type);
  }

  private static SObjectType account() {
    List<FieldDef> fields = new ArrayList<>(systemFields("Account"));
    fields.add(field("Name", "Account Name", FieldType.STRING).length(255).required().idLookup().build());
    fields.add(field("Type", "Account Type", FieldType.PICKLIST).picklist("Prospect", "Customer - Direct",
        "Customer - Channel", "Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other").build());
    fields.add(field("BillingStreet", "Billing Street", FieldType.TEXTAREA).length(255).build());
    fields.add(field("BillingCity", "Billing City", FieldType.STRING).length(40).build());
    fields.add(field("BillingState", "Billing State/Province", FieldType.STRING).length(80).build());
    fields.add(field("BillingPostalCode", "Billing Zip/Postal Code", FieldType.STRING).length(20).build());
    fields.add(field("BillingCountry", "Billing Country", FieldType.STRING).length(80).build());
    fields.add(field("Phone", "Account Phone", FieldType.PHONE).length(40).build());
    // Website's length is UNCONFIRMED in the reference; 255 is what describe shows in orgs.
    fields.add(field("Website", "Website", FieldType.URL).length(255).build());
    fields.add(field("Description", "Account Description", FieldType.TEXTAREA).length(32000).build());
    fields.add(field("OwnerId", "Owner ID", FieldType.REFERENCE).references("Owner", "User").notNillable()
        .defaultValue(SalesforceOrg.INTEGRATION_USER_ID).build());
    fields.add(field("QBO_Id__c", "QBO Id", FieldType.STRING).length(80).externalId(true, false).build());
    fields.add(field("QBO_Sync_Status__c", "QBO Sync Status", FieldType.STRING).length(40).build());
    fields.add(field("Legacy_Id__c", "Legacy Id", FieldType.STRING).length(80).externalId(false, false).build());
    return SObjectType.of("Account", "Account", "Accounts", "001", true, fields);
  }

  /** Fields every object has and only the server sets. */
  private static List<FieldDef> systemFields(String objectName) {
    return List.of(
        field("Id", objectName + " ID", FieldType.ID).system().notNillable().idLookup().build(),
        field("IsDeleted", "Deleted", FieldType.BOOLEAN).system().build(),
        field("CreatedDate", "Created Date", FieldType.DATETIME).system().notNillable().build(),
        field("CreatedById", "Created By ID", FieldType.REFERENCE).references("CreatedBy", "User").system().notNillable().build(),
        field("LastModifiedDate", "Last Modified Date", FieldType.DATETIME).system().notNillable().build(),
        field("LastModifiedById", "Last Modified By ID", FieldType.REFERENCE).references("LastModifiedBy", "User").system()
            .notNillable().build(),
        field("SystemModstamp", "System Modstamp", FieldType.DATETIME).system().notNillable().build());
  }
}
