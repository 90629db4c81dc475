package io.ledgerbridge.sandbox.salesforce;

/** Salesforce field types, named as describe reports them ({@code soapType} follows from them). */
enum FieldType {
  ID("id", "tns:ID"),
  STRING("string", "xsd:string"),
  TEXTAREA("textarea", "xsd:string"),
  PHONE("phone", "xsd:string"),
  URL("url", "xsd:string"),
  EMAIL("email", "xsd:string"),
  PICKLIST("picklist", "xsd:string"),
  REFERENCE("reference", "tns:ID"),
  BOOLEAN("boolean", "xsd:boolean"),
  DOUBLE("double", "xsd:double"),
  CURRENCY("currency", "xsd:double"),
  PERCENT("percent", "xsd:double"),
  DATE("date", "xsd:date"),
  DATETIME("datetime", "xsd:dateTime");

  final String describeName;
  final String soapType;

  FieldType(String describeName, String soapType) {
    this.describeName = describeName;
    this.soapType = soapType;
  }

  boolean isText() {
    return switch (this) {
      case ID, STRING, TEXTAREA, PHONE, URL, EMAIL, PICKLIST, REFERENCE -> true;
      default -> false;
    };
  }
}
