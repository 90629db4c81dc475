package io.ledgerbridge.sandbox.salesforce;

import static io.ledgerbridge.sandbox.salesforce.SalesforceConnection.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Keeps the deployable metadata ({@code src/salesforce}) and the sandbox's schema in step: every custom
 * field an admin deploys must exist in the sandbox's describe with the same type, length and External-ID
 * attributes, and every custom field the sandbox simulates must be deployable (or declared sandbox-only).
 */
class SalesforceMetadataDriftTest {
  private static final Path METADATA = Path.of("..", "src", "salesforce");
  /** Metadata field types and the describe types they become (Summary: the sum of a currency field, as deployed). */
  private static final Map<String, String> DESCRIBE_TYPES = Map.ofEntries(Map.entry("Text", "string"),
      Map.entry("TextArea", "textarea"), Map.entry("LongTextArea", "textarea"), Map.entry("Number", "double"),
      Map.entry("Currency", "currency"), Map.entry("Percent", "percent"), Map.entry("Checkbox", "boolean"),
      Map.entry("Date", "date"), Map.entry("DateTime", "datetime"), Map.entry("Lookup", "reference"),
      Map.entry("MasterDetail", "reference"), Map.entry("Email", "email"), Map.entry("Phone", "phone"),
      Map.entry("Url", "url"), Map.entry("Picklist", "picklist"), Map.entry("Summary", "currency"));
  private static Sandbox sandbox;
  private static ContractClient sf;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(0));
    sf = new ContractClient(sandbox.salesforceUrl());
    auth = SalesforceConnection.bearer(SalesforceConnection.accessToken(sf));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void deployedCustomFieldsMatchTheSandboxDescribe() throws Exception {
    List<Path> objectFiles = objectFiles();
    for (Path file : objectFiles) {
      String objectName = file.getFileName().toString().replace(".object", "");
      JsonNode describe = describe(objectName);
      Element root = parse(file).getDocumentElement();
      NodeList fields = root.getElementsByTagName("fields");
      Set<String> declared = new HashSet<>();
      for (int i = 0; i < fields.getLength(); i++) {
        Element field = (Element) fields.item(i);
        String name = text(field, "fullName");
        declared.add(name);
        String where = objectName + "." + name + " (" + file + ")";
        JsonNode simulated = find(describe, name);
        assertThat(simulated).as(where + " is missing in the sandbox describe").isNotNull();
        String type = text(field, "type");
        assertThat(simulated.get("type").asText()).as(where + " type").isEqualTo(DESCRIBE_TYPES.get(type));
        if (field.getElementsByTagName("length").getLength() > 0) {
          assertThat(simulated.get("length").asInt()).as(where + " length").isEqualTo(Integer.parseInt(text(field, "length")));
        }
        assertThat(simulated.get("externalId").asBoolean()).as(where + " externalId")
            .isEqualTo(Boolean.parseBoolean(text(field, "externalId")));
        assertThat(simulated.get("unique").asBoolean()).as(where + " unique")
            .isEqualTo(Boolean.parseBoolean(text(field, "unique")));
        if (field.getElementsByTagName("caseSensitive").getLength() > 0) {
          assertThat(simulated.get("caseSensitive").asBoolean()).as(where + " caseSensitive")
              .isEqualTo(Boolean.parseBoolean(text(field, "caseSensitive")));
        }
        if (field.getElementsByTagName("required").getLength() > 0 && Boolean.parseBoolean(text(field, "required"))) {
          assertThat(simulated.get("nillable").asBoolean()).as(where + " required").isFalse();
        }
        if (field.getElementsByTagName("referenceTo").getLength() > 0) {
          assertThat(simulated.get("referenceTo").get(0).asText()).as(where + " referenceTo")
              .isEqualTo(text(field, "referenceTo"));
          boolean masterDetail = type.equals("MasterDetail");
          assertThat(simulated.get("cascadeDelete").asBoolean()).as(where + " cascade delete").isEqualTo(masterDetail);
          if (masterDetail) {
            assertThat(simulated.get("nillable").asBoolean()).as(where + " master-detail is required").isFalse();
            assertThat(simulated.get("updateable").asBoolean()).as(where + " reparentable")
                .isEqualTo(Boolean.parseBoolean(text(field, "reparentableMasterDetail")));
          }
        }
        if (field.getElementsByTagName("precision").getLength() > 0) {
          assertThat(simulated.get("precision").asInt()).as(where + " precision")
              .isEqualTo(Integer.parseInt(text(field, "precision")));
          assertThat(simulated.get("scale").asInt()).as(where + " scale").isEqualTo(Integer.parseInt(text(field, "scale")));
        }
        if (type.equals("Picklist")) {
          List<String> values = new ArrayList<>();
          NodeList valueNodes = field.getElementsByTagName("value");
          for (int v = 0; v < valueNodes.getLength(); v++) {
            values.add(text((Element) valueNodes.item(v), "fullName"));
          }
          assertThat(simulated.get("picklistValues").findValuesAsText("value")).as(where + " picklist values")
              .containsExactlyElementsOf(values);
          assertThat(simulated.get("restrictedPicklist").asBoolean()).as(where + " restricted")
              .isEqualTo(Boolean.parseBoolean(text(field, "restricted")));
        }
      }
      NodeList nameFields = root.getElementsByTagName("nameField");
      if (nameFields.getLength() > 0) {
        JsonNode name = find(describe, "Name");
        assertThat(name.get("type").asText()).as(objectName + ".Name").isEqualTo("string");
        assertThat(name.get("length").asInt()).as(objectName + ".Name length").isEqualTo(80);
        assertThat(describe.get("label").asText()).as(objectName + " label").isEqualTo(childText(root, "label"));
      }
      for (JsonNode simulated : describe.get("fields")) {
        String name = simulated.get("name").asText();
        if (simulated.get("custom").asBoolean() && !SalesforceSchema.SANDBOX_ONLY_FIELDS.contains(objectName + "." + name)) {
          assertThat(declared).as("sandbox field " + objectName + "." + name + " is not in " + file).contains(name);
        }
      }
    }
  }

  @Test
  void everySimulatedCustomObjectIsDeployable() throws Exception {
    List<Path> objectFiles = objectFiles();
    Set<String> declared = new HashSet<>();
    objectFiles.forEach(file -> declared.add(file.getFileName().toString().replace(".object", "")));
    for (JsonNode object : sf.get(API + "/sobjects", auth).json().get("sobjects")) {
      if (object.get("custom").asBoolean()) {
        assertThat(declared).as("custom object " + object.get("name").asText() + " has no .object file")
            .contains(object.get("name").asText());
      }
    }
  }

  @Test
  void packageManifestListsEveryDeployedField() throws Exception {
    List<Path> objectFiles = objectFiles();
    Path manifest = METADATA.resolve("package.xml");
    assertThat(manifest).exists();
    Set<String> members = new HashSet<>();
    NodeList nodes = parse(manifest).getElementsByTagName("members");
    for (int i = 0; i < nodes.getLength(); i++) {
      members.add(nodes.item(i).getTextContent().trim());
    }
    for (Path file : objectFiles) {
      String objectName = file.getFileName().toString().replace(".object", "");
      NodeList fields = parse(file).getDocumentElement().getElementsByTagName("fields");
      for (int i = 0; i < fields.getLength(); i++) {
        String member = objectName + "." + text((Element) fields.item(i), "fullName");
        assertThat(members).as("package.xml lists " + member).contains(member);
      }
      if (objectName.endsWith("__c")) {
        assertThat(members).as("package.xml lists the custom object " + objectName).contains(objectName);
      }
    }
  }

  @Test
  void outboundMessagesSendFieldsTheirObjectHasToTheRealTimeEndpointAndAreInThePackage() throws Exception {
    Path workflows = METADATA.resolve("workflows");
    assumeTrue(Files.isDirectory(workflows), "Skipped: no workflows at " + workflows.toAbsolutePath());
    Set<String> members = new HashSet<>();
    Element manifest = parse(METADATA.resolve("package.xml")).getDocumentElement();
    NodeList types = manifest.getElementsByTagName("types");
    for (int i = 0; i < types.getLength(); i++) {
      Element type = (Element) types.item(i);
      if (text(type, "name").equals("Workflow")) {
        NodeList listed = type.getElementsByTagName("members");
        for (int j = 0; j < listed.getLength(); j++) {
          members.add(listed.item(j).getTextContent().trim());
        }
      }
    }
    List<String> objects = new ArrayList<>();
    try (Stream<Path> listing = Files.list(workflows)) {
      listing.filter(path -> path.toString().endsWith(".workflow")).sorted()
          .forEach(path -> objects.add(path.getFileName().toString().replace(".workflow", "")));
    }
    assertThat(objects).containsExactlyInAnyOrder("Account", "Contact", "Product2", "Opportunity", "Quote",
        "Credit_Memo__c", "Sales_Receipt__c");
    assertThat(members).containsExactlyInAnyOrderElementsOf(objects);
    for (String objectName : objects) {
      Element workflow = parse(workflows.resolve(objectName + ".workflow")).getDocumentElement();
      Element message = (Element) workflow.getElementsByTagName("outboundMessages").item(0);
      assertThat(text(message, "endpointUrl")).contains("/webhooks/salesforce/outbound-messages?token=");
      Set<String> known = new HashSet<>();
      describe(objectName).get("fields").forEach(field -> known.add(field.get("name").asText()));
      NodeList fields = message.getElementsByTagName("fields");
      for (int i = 0; i < fields.getLength(); i++) {
        assertThat(known).as(objectName + " has the field its outbound message sends").contains(fields.item(i).getTextContent());
      }
      Element rule = (Element) workflow.getElementsByTagName("rules").item(0);
      assertThat(text((Element) rule.getElementsByTagName("actions").item(0), "name")).isEqualTo(text(message, "fullName"));
    }
  }

  private static List<Path> objectFiles() throws IOException {
    Path objects = METADATA.resolve("objects");
    assumeTrue(Files.isDirectory(objects), "Skipped: no Salesforce metadata at " + objects.toAbsolutePath()
        + " (the test runs from the sandbox module directory and reads ../src/salesforce/objects/*.object)");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(objects)) {
      listing.filter(path -> path.toString().endsWith(".object")).sorted().forEach(files::add);
    }
    assumeTrue(!files.isEmpty(), "Skipped: no .object files in " + objects.toAbsolutePath());
    return files;
  }

  private static JsonNode describe(String objectName) {
    ContractClient.Reply reply = sf.get(API + "/sobjects/" + objectName + "/describe", auth);
    assertThat(reply.status()).as(objectName + " is not simulated by the sandbox: " + reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static JsonNode find(JsonNode describe, String fieldName) {
    for (JsonNode field : describe.get("fields")) {
      if (field.get("name").asText().equals(fieldName)) {
        return field;
      }
    }
    return null;
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  /** The text of a direct child element, so a field's label is not mistaken for the object's. */
  private static String childText(Element parent, String tag) {
    for (org.w3c.dom.Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getTagName().equals(tag)) {
        return element.getTextContent().trim();
      }
    }
    return "";
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }
}
