package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Json;

/** Renders describe results from the schema, so what describe says is exactly what the sandbox enforces. */
final class Describe {

  private Describe() {}

  /** The per-object entry of describeGlobal and of the basic-info resource. */
  static ObjectNode objectSummary(SObjectType type, String version) {
    ObjectNode node = Json.object();
    node.put("name", type.name());
    node.put("label", type.label());
    node.put("labelPlural", type.labelPlural());
    node.put("keyPrefix", type.keyPrefix());
    node.put("custom", type.custom());
    node.put("createable", true);
    node.put("updateable", true);
    node.put("deletable", type.deletable());
    node.put("undeletable", type.deletable());
    node.put("queryable", true);
    node.put("retrieveable", true);
    node.put("searchable", true);
    ObjectNode urls = node.putObject("urls");
    String base = "/services/data/" + version + "/sobjects/" + type.name();
    urls.put("sobject", base);
    urls.put("describe", base + "/describe");
    urls.put("rowTemplate", base + "/{ID}");
    return node;
  }

  static ObjectNode object(SObjectType type, String version) {
    ObjectNode node = objectSummary(type, version);
    ArrayNode fields = node.putArray("fields");
    for (FieldDef field : type.fields()) {
      fields.add(field(field));
    }
    return node;
  }

  private static ObjectNode field(FieldDef field) {
    ObjectNode node = Json.object();
    node.put("name", field.name());
    node.put("label", field.label());
    node.put("type", field.type().describeName);
    node.put("soapType", field.type().soapType);
    node.put("length", field.length());
    node.put("byteLength", field.length() * 3);
    node.put("precision", field.precision());
    node.put("scale", field.scale());
    node.put("digits", 0);
    node.put("nillable", field.nillable());
    node.put("createable", field.createable());
    node.put("updateable", field.updateable());
    node.put("defaultedOnCreate", field.defaultedOnCreate());
    node.put("externalId", field.externalId());
    node.put("unique", field.unique());
    node.put("caseSensitive", field.caseSensitive());
    node.put("idLookup", field.idLookup());
    node.put("custom", field.custom());
    node.put("cascadeDelete", field.cascadeDelete());
    node.put("restrictedPicklist", field.restrictedPicklist());
    node.put("calculated", false);
    node.put("autoNumber", false);
    node.put("nameField", field.name().equals("Name"));
    node.put("filterable", field.type() != FieldType.TEXTAREA || field.length() <= 255);
    node.put("sortable", field.type() != FieldType.TEXTAREA || field.length() <= 255);
    SfRecord.putValue(node, "defaultValue", field.type() == FieldType.REFERENCE ? null : field.defaultValue());
    ArrayNode referenceTo = node.putArray("referenceTo");
    field.referenceTo().forEach(referenceTo::add);
    if (field.relationshipName() != null) {
      node.put("relationshipName", field.relationshipName());
    } else {
      node.putNull("relationshipName");
    }
    ArrayNode picklist = node.putArray("picklistValues");
    for (String value : field.picklistValues()) {
      picklist.addObject().put("active", true).put("defaultValue", false).put("label", value).putNull("validFor")
          .put("value", value);
    }
    return node;
  }
}
