package io.ledgerbridge.activities.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ledgerbridge.activities.mapping.MappingFile.Direction;
import io.ledgerbridge.activities.mapping.MappingFile.FieldEntry;
import io.ledgerbridge.activities.mapping.MappingFile.MappingEntry;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The mappings file as typed data: binding, the refusals of Jackson and Bean Validation, and the merge. */
class MappingFileBindingTest {
  private static final String ADMIN = "admin.yaml";

  private static String defaultsYaml() throws IOException {
    try (InputStream in = MappingFileBindingTest.class.getClassLoader().getResourceAsStream(Mappings.DEFAULTS_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static MappingFile bind(String yaml) {
    return MappingBinding.bind(MappingYaml.parse(yaml, ADMIN));
  }

  private static MappingEntry entry(MappingFile file, SyncObject object, String salesforceObject) {
    return file.mappings().stream()
        .filter(m -> m.object() == object && m.salesforceObject().equals(salesforceObject))
        .findFirst()
        .orElseThrow();
  }

  private static FieldEntry field(MappingEntry mapping, String salesforce) {
    return mapping.fields().stream().filter(f -> salesforce.equals(f.salesforce())).findFirst().orElseThrow();
  }

  @Test
  void theDefaultsBindToTypedValuesAndSurviveARoundTripThroughTheModel() throws Exception {
    MappingFile defaults = bind(defaultsYaml());

    assertThat(defaults.version()).isEqualTo(1);
    assertThat(defaults.deferral().maxAttempts()).isEqualTo(3);
    MappingEntry customer = entry(defaults, SyncObject.CUSTOMER, "Account");
    assertThat(customer.direction()).isEqualTo(Direction.BOTH);
    assertThat(customer.conflictPolicy()).isEqualTo(ConflictPolicy.SALESFORCE_WINS);
    assertThat(customer.matching().pairs()).extracting(MappingFile.PairEntry::qbo).containsExactly("DisplayName");
    assertThat(field(customer, "Name").transforms()).containsExactly("trim", "truncate");
    assertThat(field(customer, "Name").length()).isEqualTo(255);
    assertThat(field(customer, "Name").required()).isTrue();
    assertThat(field(customer, "BillingStreet").qbo()).hasSize(5).first().isEqualTo("BillAddr.Line1");
    FieldEntry status = field(customer, "QBO_Sync_Status__c");
    assertThat(status.direction()).isEqualTo(Direction.QBO_TO_SALESFORCE);
    assertThat(status.map()).containsEntry("true", "Active").containsEntry("false", "Inactive");
    assertThat(status.defaultValue()).isEqualTo("Inactive");
    MappingEntry invoice = entry(defaults, SyncObject.INVOICE, "Invoice__c");
    assertThat(invoice.lines().qboComputed()).containsEntry("DetailType", "SubTotalLineDetail");
    assertThat(invoice.lines().qboInner()).isEqualTo("GroupLineDetail.Line");
    assertThat(invoice.lines().checkTotal()).isTrue();
    assertThat(field(invoice, "Account__c").reference()).isEqualTo(SyncObject.CUSTOMER);

    // JSON is YAML: the model written back as JSON binds to the same model.
    ObjectMapper writer = JsonMapper.builder()
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS) // the @AssertTrue checks are no keys of the file
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
    assertThat(bind(writer.writeValueAsString(defaults))).isEqualTo(defaults);
  }

  @Test
  void anUnknownKeyIsRefusedAtItsLineListingTheKnownOnes() {
    String yaml = """
        mappings:
          - object: Customer
            salesforceObject: Account
            fields:
              - salesforce: Phone
                qbo: Mobile.FreeFormNumber
                transfroms: [trim]
        """;

    String knownKeys = Arrays.stream(FieldEntry.class.getRecordComponents())
        .map(c -> c.getName().equals("defaultValue") ? "default" : c.getName())
        .sorted()
        .collect(Collectors.joining(", "));
    assertRefused(yaml, 7, "Customer mapping: fields.transfroms: unknown key; known keys are " + knownKeys);
    assertThat(knownKeys).contains("createOnly", "default", "transforms").doesNotContain("oneValueSource");
  }

  @Test
  void aWrongEnumValueIsRefusedListingTheValuesAsTheFileWritesThem() {
    String yaml = """
        mappings:
          - object: Customer
            salesforceObject: Account
            fields:
              - salesforce: Phone
                qbo: Mobile.FreeFormNumber
                type: money
        """;

    assertRefused(yaml, 7, "Customer mapping: fields.type: 'money' is not one of text, number, boolean, date");
    assertRefused(yaml.replace("type: money", "direction: up"), 7,
        "Customer mapping: fields.direction: 'up' is not one of QBO_TO_SALESFORCE, SALESFORCE_TO_QBO, BOTH");
    assertRefused(yaml.replace("type: money", "reference: PurchaseOrder"), 7,
        "Customer mapping: fields.reference: unknown object 'PurchaseOrder'; known objects are " + SyncObject.knownNames());
  }

  @Test
  void aBeanValidationFailureIsRefusedAtTheLineOfTheValueOrOfTheEntryMissingAKey() {
    String yaml = """
        deferral:
          maxAttempts: 2
        mappings:
          - object: Customer
            salesforceObject: Account
            fields:
              - salesforce: Phone
                qbo: Mobile.FreeFormNumber
                length: 0
        """;

    assertRefused(yaml, 9, "Customer mapping: fields.length: '0' is not a positive whole number");
    assertRefused(yaml.replace("maxAttempts: 2", "maxAttempts: -1"), 2,
        "deferral.maxAttempts: '-1' is not a positive whole number");
    assertRefused(yaml.replace("length: 0", "transforms: [trim, shout]"), 9,
        "Customer mapping: fields.transforms[]: 'shout' is not one of [trim, truncate, upper, lower]");
    assertRefused(yaml.replace("length: 0", "constant: x\n        template: y"), 7,
        "Customer mapping: fields[]: give only one of constant, template and function");
    // A new mapping (Customer to Contact) without salesforceObject's sibling keys: the entry's line.
    assertRefused("""
        mappings:
          - object: Customer
            salesforceObject: Contact
            fields:
              - {salesforce: LastName, qbo: FamilyName}
        """, 2, "Customer mapping: direction: required");
  }

  @Test
  void theOverrideIsMergedIntoTheDefaultsAndEveryPartKeepsTheLineOfItsFile() {
    Mappings mappings = Mappings.withOverride("""
        deferral: {maxAttempts: 5}
        mappings:
          - object: customer
            salesforceObject: Account
            direction: SALESFORCE_TO_QBO
            conflictPolicy: HOLD
            fields:
              - salesforce: Phone
                qbo: Mobile.FreeFormNumber
              - {salesforce: Fax, qbo: Fax.FreeFormNumber}
              - {salesforce: Website, remove: true}
              - {salesforce: QBO_Sync_Status__c, remove: true}
          - object: Invoice
            salesforceObject: Invoice__c
            lines:
              fields:
                - {salesforce: Description__c, qbo: Description, remove: true}
                - {salesforce: Tax_Code__c, qbo: SalesItemLineDetail.TaxCodeRef.value}
          - object: Customer
            salesforceObject: Contact
            direction: QBO_TO_SALESFORCE
            fields:
              - {salesforce: LastName, qbo: FamilyName}
              - {salesforce: Nothing__c, remove: true}
        """, ADMIN);

    assertThat(mappings.maxDeferAttempts()).isEqualTo(5);
    ObjectMapping account = mappings.require(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO);
    assertThat(account.salesforceObject()).isEqualTo("Account");
    assertThat(account.origin()).isEqualTo(ADMIN + " line 3");
    assertThat(account.directions()).containsExactly(SyncDirection.SALESFORCE_TO_QBO);
    assertThat(account.conflictPolicy()).isEqualTo(ConflictPolicy.HOLD);
    assertThat(account.qboCondition()).isEqualTo("Active IN (true, false)"); // kept from the defaults
    Map<String, String> origins = account.fields().stream()
        .collect(Collectors.toMap(FieldMapping::salesforce, FieldMapping::origin));
    assertThat(origins).containsEntry("Phone", ADMIN + " line 8").containsEntry("Fax", ADMIN + " line 10")
        .doesNotContainKeys("Website", "QBO_Sync_Status__c");
    assertThat(origins.get("Name")).startsWith(Mappings.DEFAULTS_SOURCE + " line ");
    assertThat(account.fields()).extracting(FieldMapping::salesforce).startsWith("Name").endsWith("Fax");

    LineMapping lines = mappings.require(SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE).lines();
    assertThat(lines.salesforceObject()).isEqualTo("Invoice_Line__c");
    assertThat(lines.fields()).extracting(FieldMapping::salesforce)
        .contains("Product__c", "Tax_Code__c").doesNotContain("Description__c");

    ObjectMapping contact = mappings.require(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE);
    assertThat(contact.salesforceObject()).isEqualTo("Contact");
    assertThat(contact.origin()).isEqualTo(ADMIN + " line 19");
    assertThat(contact.fields()).extracting(FieldMapping::salesforce).containsExactly("LastName");
  }

  @Test
  void narrowingAMappingToOneDirectionLeavesOutTheDefaultFieldsThatFlowOnlyTheOtherWay() {
    Mappings mappings = Mappings.withOverride("""
        mappings:
          - {object: Vendor, salesforceObject: Account, direction: QBO_TO_SALESFORCE}
          - {object: Customer, salesforceObject: Account, direction: SALESFORCE_TO_QBO}
        """, ADMIN);

    ObjectMapping vendors = mappings.require(SyncObject.require("Vendor"), SyncDirection.QBO_TO_SALESFORCE);
    assertThat(vendors.fields()).flatExtracting(FieldMapping::qbo).as("CompanyName went to QuickBooks only")
        .contains("DisplayName").doesNotContain("CompanyName");
    assertThat(vendors.fields()).extracting(FieldMapping::salesforce).contains("Type", "QBO_Sync_Status__c");
    ObjectMapping customers = mappings.require(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO);
    assertThat(customers.fields()).extracting(FieldMapping::salesforce).contains("Name", "Phone")
        .as("the status came from QuickBooks only").doesNotContain("QBO_Sync_Status__c");

    assertRefused("""
        mappings:
          - object: Vendor
            salesforceObject: Account
            direction: QBO_TO_SALESFORCE
            fields:
              - {qbo: AcctNum, direction: SALESFORCE_TO_QBO, constant: "V-1"}
        """, 6, "Vendor mapping: fields.direction: the mapping syncs only [QBO_TO_SALESFORCE]; a field cannot flow [SALESFORCE_TO_QBO]");
  }

  @Test
  void aNewMappingsFieldsAreTakenAsGivenSoATwiceMappedFieldIsStillRefused() {
    assertRefused("""
        mappings:
          - object: Customer
            salesforceObject: Contact
            direction: QBO_TO_SALESFORCE
            fields:
              - {salesforce: LastName, qbo: FamilyName}
              - {salesforce: lastname, qbo: DisplayName}
        """, 7, "Customer mapping: fields[]: Salesforce field lastname is mapped twice (also at " + ADMIN + " line 6)");
  }

  private static void assertRefused(String yaml, int line, String message) {
    assertThatThrownBy(() -> Mappings.withOverride(yaml, ADMIN))
        .isInstanceOf(MappingFileException.class)
        .hasMessageContaining(ADMIN + ", line " + line + ": " + message)
        .satisfies(e -> assertThat(((MappingFileException) e).line()).isEqualTo(line));
  }
}
