package io.ledgerbridge.activities.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile mappings files, as a table: each is refused with a {@link MappingFileException} naming
 * the file, the line at fault and the reason, never any other exception (which would stop the
 * start with a stack trace instead of a line to fix).
 */
class HostileMappingFileTest {
  private static final String SOURCE = "hostile.yaml";

  /** A mappings file and where and why it must be refused; line 0 when no line is at fault. */
  record Case(String yaml, int line, List<String> words) {}

  private final List<Case> cases = new ArrayList<>();

  private void add(String yaml, int line, String... words) {
    cases.add(new Case(yaml, line, List.of(words)));
  }

  /** The Customer mapping overridden with one more setting, on line 4. */
  private static String customerSetting(String setting) {
    return """
        mappings:
          - object: Customer
            salesforceObject: Account
            %s
            fields:
              - {salesforce: Phone, qbo: Mobile.FreeFormNumber}
        """.formatted(setting);
  }

  /** The Customer mapping with one field of the given keys, on line 5. */
  private static String customerField(String keys) {
    return """
        mappings:
          - object: Customer
            salesforceObject: Account
            fields:
              - {%s}
        """.formatted(keys);
  }

  /** A mapping of its own (Customer to Contact) with one setting on line 4 and one field on line 7. */
  /** The default Payment mapping's lines with one setting replaced or added. */
  private static String paymentLines(String setting) {
    return """
        mappings:
          - object: Payment
            salesforceObject: Payment__c
            lines:
              %s
        """.formatted(setting);
  }

  private static String newMapping(String setting, String field) {
    return """
        mappings:
          - object: Customer
            salesforceObject: Contact
            %s
            direction: QBO_TO_SALESFORCE
            fields:
              - {%s}
        """.formatted(setting, field);
  }

  private void fileCases() {
    add("", 0, "the file is empty");
    add("# only a comment\n", 0, "the file is empty");
    add("mappings: [\n", 2, "not valid YAML");
    add("mappings:\n\t- object: Customer\n", 2, "not valid YAML");
    add("mappings: {a: 1, a: 2}\n", 1, "'a' is given twice");
    add("- just\n- a list\n", 1, "the file", "expected a mapping");
    add("just text\n", 1, "the file", "expected a mapping");
    add("version: 2\nmappings: []\n", 1, "version", "only version 1");
    add("verison: 1\n", 1, "verison", "unknown key", "known keys are deferral, mappings, multiCurrency, version");
    add("mappings: {}\n", 1, "mappings", "expected a list");
    add("mappings: text\n", 1, "mappings", "expected a list");
    add("mappings:\n  - 5\n", 2, "mappings[]", "expected a mapping");
    add("mappings:\n  - [a, b]\n", 2, "mappings[]", "expected a mapping");
    add("? [complex, key]\n: value\n", 1, "keys must be plain names");
    add("deferral: 5\nmappings: []\n", 1, "deferral", "expected a mapping");
    add("deferral: {maxAttempts: 0}\n", 1, "deferral.maxAttempts", "positive whole number");
    add("deferral: {maxAttempts: lots}\n", 1, "deferral.maxAttempts", "'lots'");
    add("deferral: {maxAttempts: 99999999999}\n", 1, "deferral.maxAttempts", "positive whole number");
    add("deferral: {maxAttempts: [3]}\n", 1, "deferral.maxAttempts", "expected a single value");
    add("deferral: {max: 3}\n", 1, "deferral.max", "unknown key");
    add("a: &loop [*loop]\n", 1, "alias", "may not loop");
    add("mappings:\n  - &m {object: Customer, salesforceObject: Account, fields: [*m]}\n", 2, "alias", "may not loop");
    add("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [" + "*a, ".repeat(30) + "*a]\nc: [" + "*b, ".repeat(30) + "*b]\n",
        0, "not valid YAML", "aliases");
    add("a: " + "[".repeat(100) + "]".repeat(100) + "\n", 0, "not valid YAML", "nesting depth");
    add("mappings: []\nbad: \u0007bell\n", 2, "not valid YAML", "special characters", "U+0007");
    add("mappings: []\n\u0000\n", 2, "not valid YAML", "U+0000");
    add("mappings: []\n# \ud800\n", 2, "not valid YAML");
  }

  private void mappingCases() {
    add(customerSetting("object: PurchaseOrder"), 4, "'object' is given twice");
    add("mappings:\n  - object: PurchaseOrder\n    salesforceObject: Account\n    fields: [{salesforce: Name, qbo: DisplayName}]\n",
        2, "object", "unknown object 'PurchaseOrder'", "Customer");
    add("mappings:\n  - object: ~\n    salesforceObject: Account\n", 2, "object", "required");
    add("mappings:\n  - object: Customer\n    direction: BOTH\n    fields: [{salesforce: Name, qbo: DisplayName}]\n", 2,
        "salesforceObject", "required");
    add("mappings:\n  - object: Customer\n    salesforceObject: Contact\n    fields: [{salesforce: Name, qbo: DisplayName}]\n",
        2, "direction", "required");
    add(customerSetting("direction: SIDEWAYS"), 4, "Customer mapping: direction", "'SIDEWAYS' is not one of",
        "BOTH");
    add(customerSetting("direction: [BOTH]"), 4, "Customer mapping: direction", "expected a single value");
    add("mappings:\n  - object: Payment\n    salesforceObject: Payment__c\n    direction: SALESFORCE_TO_QBO\n",
        4, "Payment mapping: direction", "is not synced SALESFORCE_TO_QBO");
    add(newMapping("externalIdField: \"QBO Id\"", "salesforce: Name, qbo: DisplayName"), 4, "externalIdField",
        "not an API name");
    add("mappings:\n  - object: Customer\n    direction: BOTH\n    salesforceObject: \"Account; DROP\"\n"
        + "    fields: [{salesforce: Name, qbo: DisplayName}]\n", 4, "salesforceObject", "not an API name");
    add(customerSetting("qboEntity: \"Customer WHERE 1=1\""), 4, "qboEntity", "not an API name");
    add(customerSetting("conflictPolicy: ALWAYS_ME"), 4, "conflictPolicy", "'ALWAYS_ME' is not one of", "HOLD");
    add(customerSetting("matching: {enabled: true, pairs: []}"), 4, "matching", "no pairs");
    add(customerSetting("matching: {enabled: maybe}"), 4, "matching.enabled", "'maybe' is not true or false");
    add(customerSetting("matching: {enabled: true, pairs: [{qbo: \"Display Name\", salesforce: Name}]}"), 4,
        "matching.pairs.qbo", "not a field path");
    add(customerSetting("matching: {on: true}"), 4, "matching.on", "unknown key");
    add(customerSetting("onDelete: {\"Bad Field\": x}"), 4, "onDelete", "'Bad Field' is not a Salesforce field name");
    add(customerSetting("onDelete: [x]"), 4, "onDelete", "expected a mapping");
    add(customerSetting("standardPrice: UnitPrice"), 4, "standardPrice", "Customer has no standard price (objects with one: Item)");
    add(customerSetting("originField: \"Opportunity__c; x\""), 4, "originField", "not an API name");
    add(customerSetting("lines: {salesforceObject: Line__c}"), 4, "parentField: required");
    add(customerSetting("lines: [x]"), 4, "lines", "expected a mapping");
    add(paymentLines("qboLineId: Invoice"), 5, "lines.qboLineId", "give the line's own paths in {placeholders}");
    add(paymentLines("qboLineId: \"{parent.Id}\""), 5, "lines.qboLineId", "give the line's own paths in {placeholders}");
    add(paymentLines("qboLineId: \"{Linked Txn}\""), 5, "lines.qboLineId");
    add(customerSetting("fields2: []"), 4, "fields2", "unknown key");
    add(newMapping("conflictPolicy: HOLD", "salesforce: Name, qbo: DisplayName").replace("      - {salesforce: Name, qbo: DisplayName}\n", ""),
        6, "fields", "required");
    add("mappings:\n  - object: Customer\n    salesforceObject: Contact\n    direction: QBO_TO_SALESFORCE\n    fields: []\n",
        5, "Customer mapping: fields", "map at least one field");
    add("mappings:\n  - object: Customer\n    salesforceObject: Contact\n    direction: QBO_TO_SALESFORCE\n"
        + "    fields: [{salesforce: LastName, qbo: DisplayName}]\n", 2, "a second mapping for Customer QBO_TO_SALESFORCE",
        "one mapping per object and direction");
  }

  private void fieldCases() {
    add(customerField("sales_force: Phone, qbo: Mobile.FreeFormNumber"), 5, "fields.sales_force", "unknown key");
    add(customerField("salesforce: \"Pho ne\", qbo: Mobile.FreeFormNumber"), 5, "fields.salesforce", "not an API name");
    add(customerField("salesforce: Phone, qbo: \"Mobile..FreeFormNumber\""), 5, "qbo", "not a field path");
    add(customerField("salesforce: Phone, qbo: \"Line[*.Amount\""), 5, "qbo", "not a field path");
    add(customerField("salesforce: Phone, qbo: [Mobile.FreeFormNumber]"), 5, "qbo", "two or more");
    add(customerField("salesforce: Phone, qbo: {a: b}"), 5, "qbo", "expected a single value");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, type: money"), 5, "type",
        "'money' is not one of", "text");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, reference: PurchaseOrder"), 5, "reference",
        "unknown object 'PurchaseOrder'");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, reference: Invoice"), 5, "reference",
        "Customer does not reference Invoice");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, required: maybe"), 5, "required",
        "'maybe' is not true or false");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, length: -5"), 5, "length",
        "positive whole number");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, length: 99999999999"), 5, "length",
        "positive whole number");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, qboLength: 1.5"), 5, "qboLength",
        "positive whole number");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, transforms: [shout]"), 5, "transforms",
        "'shout' is not one of");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, transforms: trim"), 5, "transforms",
        "expected a list");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, map: [a]"), 5, "map", "expected a mapping");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, map: {a: [b]}"), 5, "map.a",
        "expected a single value");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, map: {a: x, b: x}"), 5, "map",
        "'x' is the value of two QuickBooks values", "reverseMap");
    add(customerField("salesforce: Phone, function: shout, direction: QBO_TO_SALESFORCE"), 5, "function",
        "'shout' is not one of");
    add(customerField("salesforce: Phone, constant: a, template: b, direction: QBO_TO_SALESFORCE"), 5,
        "only one of constant, template and function");
    add(customerField("salesforce: Phone, template: \"{Bad Path}\", direction: QBO_TO_SALESFORCE"), 5, "template",
        "'{Bad Path}' has a placeholder that is not a field path");
    add(customerField("salesforce: Phone, constant: x"), 5, "a constant flows one way", "direction");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, direction: SIDEWAYS"), 5, "direction",
        "'SIDEWAYS' is not one of");
    add(customerField("qbo: Mobile.FreeFormNumber"), 5, "name the Salesforce field it writes");
    add(customerField("salesforce: Phone"), 5, "give the QuickBooks field it comes from");
    add(customerField("salesforce: Phone, qbo: \"Line[*].Amount\", direction: SALESFORCE_TO_QBO"), 5, "qbo",
        "selects array elements");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, salesforce: Fax"), 5, "'salesforce' is given twice");
    add(newMapping("conflictPolicy: HOLD", "salesforce: Fax, qbo: Fax.FreeFormNumber}\n      - {salesforce: fax, qbo: Mobile.FreeFormNumber"),
        8, "Salesforce field fax is mapped twice");
    add(customerField("salesforce: Phone, qbo: [Mobile.FreeFormNumber, Fax.FreeFormNumber], type: number"), 5,
        "alternatives (the first with a value)", "direction: QBO_TO_SALESFORCE");
    add(customerField("salesforce: Phone, qbo: Mobile.FreeFormNumber, createOnly: sometimes"), 5, "createOnly",
        "'sometimes' is not true or false");
    add(customerField("salesforce: " + "P".repeat(100_000) + ", qbo: Mobile.FreeFormNumber, type: money"), 5, "type",
        "'money'");
  }

  private static MappingFileException refusal(Supplier<Mappings> load, List<String> failures, Object what) {
    try {
      load.get();
      failures.add("accepted: " + what);
    } catch (MappingFileException refused) {
      return refused;
    } catch (RuntimeException | StackOverflowError other) {
      failures.add("not a MappingFileException but " + other + ": " + what);
    }
    return null;
  }

  @Test
  void hostileMappingFilesAreRefusedWithTheirLineAndReason() {
    fileCases();
    mappingCases();
    fieldCases();

    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      MappingFileException refused = refusal(() -> Mappings.withOverride(c.yaml(), SOURCE), failures, c.yaml());
      if (refused == null) {
        continue;
      }
      String message = refused.getMessage();
      String lower = message.toLowerCase(Locale.ROOT);
      boolean namesTheReason = c.words().stream().allMatch(word -> lower.contains(word.toLowerCase(Locale.ROOT)));
      if (!refused.source().equals(SOURCE) || refused.line() != c.line() || !namesTheReason) {
        failures.add("line " + refused.line() + " '" + message + "' should be line " + c.line() + " naming " + c.words()
            + ": " + c.yaml());
      }
      if (message.contains("\n") || message.contains("Exception")) {
        failures.add("not one plain line: '" + message + "'");
      }
    }
    System.out.println("hostile mappings files: " + cases.size() + " files, " + failures.size() + " not refused as they should be");
    assertThat(failures).isEmpty();
    assertThat(cases.size()).isGreaterThanOrEqualTo(80);
  }

  @Test
  void unreadableFilesAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
    Path latin1 = Files.write(dir.resolve("latin1.yaml"), "mappings: []\n# caf\u00e9\n".getBytes("ISO-8859-1"));
    Path missing = dir.resolve("missing.yaml");

    Map<Path, String> reasons = Map.of(latin1, "not UTF-8 text", missing, "no such file", dir, "directory");
    List<String> failures = new ArrayList<>();
    reasons.forEach((file, reason) -> {
      MappingFileException refused = refusal(() -> Mappings.load(file), failures, file);
      if (refused != null && !refused.getMessage().startsWith(file + ": cannot be read: ")
          || refused != null && !refused.getMessage().contains(reason)) {
        failures.add(refused.getMessage() + " should name " + reason);
      }
    });
    assertThat(failures).isEmpty();
  }
}
