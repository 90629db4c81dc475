package io.ledgerbridge.activities.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default mappings applied to Intuit's and Salesforce's own sample records. */
class ObjectMappingTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Mappings DEFAULTS = Mappings.defaults();
  static final References PREFIXED = (parent, id) -> parent.displayName().charAt(0) + "-" + id;

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ObjectNode amy() {
    return json(
        """
        {"DisplayName":"Amy's Bird Sanctuary ","PrimaryPhone":{"FreeFormNumber":"(650) 555-3311"},"Active":true,
         "WebAddr":{"URI":"https://birds.example"},
         "BillAddr":{"City":"Bayshore","Line1":"4581 Finch St.","Line2":"Suite 2","Line4":"Rear","PostalCode":"94326","CountrySubDivisionCode":"CA","Country":"USA","Id":"2"},
         "SyncToken":"5","Id":"1","MetaData":{"LastUpdatedTime":"2015-07-01T10:14:15-07:00"}}""");
  }

  @Test
  void customerMapsToAccountFieldsWithTheCompanyScopedExternalId() {
    ObjectMapping.ToSalesforce mapped =
        DEFAULTS.require(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE).toSalesforce("9130", amy(), References.NONE);

    ObjectNode f = mapped.fields();
    assertThat(f.get("QBO_Id__c").asText()).isEqualTo("9130-1");
    assertThat(f.get("Name").asText()).isEqualTo("Amy's Bird Sanctuary");
    assertThat(f.get("BillingStreet").asText()).isEqualTo("4581 Finch St.\nSuite 2\nRear");
    assertThat(f.get("BillingCity").asText()).isEqualTo("Bayshore");
    assertThat(f.get("BillingState").asText()).isEqualTo("CA");
    assertThat(f.get("BillingPostalCode").asText()).isEqualTo("94326");
    assertThat(f.get("BillingCountry").asText()).isEqualTo("USA");
    assertThat(f.get("Phone").asText()).isEqualTo("(650) 555-3311");
    assertThat(f.get("Website").asText()).isEqualTo("https://birds.example");
    assertThat(f.get("QBO_Sync_Status__c").asText()).isEqualTo("Active");
    assertThat(mapped.problems()).isEmpty();
    assertThat(mapped.hash()).hasSize(64);
  }

  @Test
  void emptySourceValuesAreSentAsNullSoARemovedValueIsRemovedInSalesforce() {
    ObjectNode customer = json("{\"Id\":\"7\",\"DisplayName\":\"Bare\",\"Active\":false}");

    ObjectNode f =
        DEFAULTS.require(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE).toSalesforce("9130", customer, References.NONE).fields();

    assertThat(f.get("BillingCity").isNull()).isTrue();
    assertThat(f.get("Phone").isNull()).isTrue();
    assertThat(f.get("QBO_Sync_Status__c").asText()).isEqualTo("Inactive");
  }

  @Test
  void missingRequiredValueIsAProblemNamingTheFieldAndItsSource() {
    ObjectNode nameless = json("{\"Id\":\"8\",\"DisplayName\":\"   \"}");

    ObjectMapping.ToSalesforce mapped =
        DEFAULTS.require(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE).toSalesforce("9130", nameless, References.NONE);

    assertThat(mapped.problems()).containsExactly("no value for required field Name (from DisplayName)");
  }

  @Test
  void truncateCutsToTheTargetLengthWithoutSplittingASurrogatePair() {
    assertThat(FieldMapping.truncate("abcdef", 4)).isEqualTo("abcd");
    assertThat(FieldMapping.truncate("abc\uD83D\uDE00", 4)).isEqualTo("abc");
    assertThat(FieldMapping.truncate("abc", 4)).isEqualTo("abc");
    ObjectNode longCity = amy();
    ((ObjectNode) longCity.get("BillAddr")).put("City", "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch");

    ObjectNode f =
        DEFAULTS.require(SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE).toSalesforce("9130", longCity, References.NONE).fields();

    assertThat(f.get("BillingCity").asText()).hasSize(40).startsWith("Llanfairpwll");
  }

  @Test
  void hashIgnoresNumberFormattingButNotValues() {
    ObjectMapping invoice = DEFAULTS.require(SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE);
    ObjectNode a = invoice();
    ObjectNode b = invoice();
    b.put("TotalAmt", new BigDecimal("150.00"));
    ObjectNode c = invoice();
    c.put("Balance", 20.0);

    assertThat(invoice.toSalesforce("9130", a, PREFIXED).hash()).isEqualTo(invoice.toSalesforce("9130", b, PREFIXED).hash());
    assertThat(invoice.toSalesforce("9130", a, PREFIXED).hash()).isNotEqualTo(invoice.toSalesforce("9130", c, PREFIXED).hash());
  }

  static ObjectNode invoice() {
    return json(
        """
        {"TxnDate":"2015-07-24","TotalAmt":150.0,"DocNumber":"1070","Balance":150.0,"DueDate":"2015-08-23",
         "Line":[{"LineNum":1,"Amount":100.0,"Description":"Hours","SalesItemLineDetail":{"ItemRef":{"name":"Services","value":"1"},"Qty":2,"UnitPrice":50},"Id":"1","DetailType":"SalesItemLineDetail"},
                 {"LineNum":2,"Amount":50.0,"SalesItemLineDetail":{"ItemRef":{"name":"Parts","value":"4"},"Qty":1,"UnitPrice":50},"Id":"2","DetailType":"SalesItemLineDetail"},
                 {"DetailType":"SubTotalLineDetail","Amount":150.0,"SubTotalLineDetail":{}}],
         "CustomerRef":{"name":"Amy's Bird Sanctuary","value":"1"},"SyncToken":"0","Id":"239"}""");
  }

  @Test
  void aSalesFormsLinesAddUpToItsTotalLessTheTaxOnTheHeaderOrTheMappingSaysWhyNot() {
    ObjectMapping mapping = DEFAULTS.require(SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE);
    String lines = """
        "Line":[{"Id":"1","Amount":100,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"}}},
         {"Id":"2","Amount":30,"DetailType":"GroupLineDetail","GroupLineDetail":{"GroupItemRef":{"value":"9","name":"Kit"},
          "Line":[{"Id":"3","Amount":30,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"4"}}}]}},
         {"Id":"4","Amount":130,"DetailType":"SubTotalLineDetail","SubTotalLineDetail":{}},
         {"Id":"5","Amount":0,"DetailType":"DescriptionOnly","Description":"note"},
         {"Id":"6","Amount":13,"DetailType":"DiscountLineDetail","DiscountLineDetail":{"PercentBased":true,"DiscountPercent":10}},
         {"Amount":130,"DetailType":"SubTotalLineDetail","SubTotalLineDetail":{}}]""";
    ObjectNode taxed = json("{\"Id\":\"7\",\"DocNumber\":\"7\",\"CustomerRef\":{\"value\":\"1\"},\"TotalAmt\":126.36,"
        + "\"TxnTaxDetail\":{\"TotalTax\":9.36}," + lines + "}");
    ObjectNode shortOfItsTotal = json("{\"Id\":\"8\",\"DocNumber\":\"8\",\"CustomerRef\":{\"value\":\"1\"},\"TotalAmt\":130,"
        + "\"TxnTaxDetail\":{\"TotalTax\":10}," + lines + "}");

    assertThat(mapping.toSalesforce("9130", taxed, PREFIXED).notes()).as("items and the bundle's item, less the discount").isEmpty();
    ObjectMapping.ToSalesforce mapped = mapping.toSalesforce("9130", shortOfItsTotal, PREFIXED);
    assertThat(mapped.problems()).isEmpty();
    assertThat(mapped.notes()).containsExactly(
        "its lines come to 117.00 (items less discounts), its total less tax is 120.00 (TotalAmt 130.00, tax 10.00)");
    assertThat(mapped.lines()).extracting(line -> line.get("Line_Type__c").asText())
        .containsExactly("Item", "Bundle", "Item", "Subtotal", "Description", "Discount");
    assertThat(mapped.lines()).extracting(line -> line.get("Bundle__c").asText(null))
        .containsExactly(null, "Kit", "Kit", null, null, null);
    assertThat(mapped.lines().get(5).get("Discount_Percent__c").decimalValue()).isEqualByComparingTo("10");
    assertThat(mapped.lines().get(5).get("Percent_Based__c").asBoolean()).isTrue();
  }

  @Test
  void invoiceMapsHeaderAndItemLinesWithTheirParentsResolved() {
    ObjectMapping mapping = DEFAULTS.require(SyncObject.INVOICE, SyncDirection.QBO_TO_SALESFORCE);

    assertThat(mapping.qboParents(invoice()))
        .isEqualTo(Map.of(SyncObject.CUSTOMER, Set.of("1"), SyncObject.ITEM, Set.of("1", "4")));
    ObjectMapping.ToSalesforce mapped = mapping.toSalesforce("9130", invoice(), PREFIXED);

    assertThat(mapped.problems()).isEmpty();
    ObjectNode f = mapped.fields();
    assertThat(f.get("QBO_Id__c").asText()).isEqualTo("9130-239");
    assertThat(f.get("Name").asText()).isEqualTo("Invoice 1070");
    assertThat(f.get("Account__c").asText()).isEqualTo("C-1");
    assertThat(f.get("Invoice_Date__c").asText()).isEqualTo("2015-07-24");
    assertThat(f.get("Total_Amount__c").decimalValue()).isEqualByComparingTo("150");
    assertThat(f.get("Status__c").asText()).isEqualTo("Open");
    assertThat(mapped.lines()).hasSize(2); // the SubTotal line is not a line
    ObjectNode first = mapped.lines().get(0);
    assertThat(first.get("QBO_Id__c").asText()).isEqualTo("9130-239-1");
    assertThat(first.get("Name").asText()).isEqualTo("Invoice 1070 line 1");
    assertThat(first.get("Product__c").asText()).isEqualTo("I-1");
    assertThat(first.get("Quantity__c").decimalValue()).isEqualByComparingTo("2");
    assertThat(first.get("Unit_Price__c").decimalValue()).isEqualByComparingTo("50");
    assertThat(first.get("Amount__c").decimalValue()).isEqualByComparingTo("100");
    assertThat(first.get("Description__c").asText()).isEqualTo("Hours");
  }

  @Test
  void invoiceStatusFollowsBalanceAndVoid() {
    assertThat(Functions.invoiceStatus(json("{\"TotalAmt\":150,\"Balance\":150}"))).isEqualTo("Open");
    assertThat(Functions.invoiceStatus(json("{\"TotalAmt\":150,\"Balance\":50}"))).isEqualTo("Partially Paid");
    assertThat(Functions.invoiceStatus(json("{\"TotalAmt\":150,\"Balance\":0}"))).isEqualTo("Paid");
    assertThat(Functions.invoiceStatus(json("{\"TotalAmt\":0,\"Balance\":0,\"PrivateNote\":\"Voided\"}"))).isEqualTo("Voided");
  }

  @Test
  void paymentReferencesItsCustomerAndEveryInvoiceAndCreditMemoItIsAppliedToWithALineEach() {
    ObjectNode payment =
        json(
            """
            {"CustomerRef":{"value":"20"},"TotalAmt":25,"UnappliedAmt":0,"Id":"125","SyncToken":"0","TxnDate":"2014-09-14",
             "Line":[{"Amount":20,"LinkedTxn":[{"TxnId":"67","TxnType":"Invoice"}]},
                     {"Amount":15,"LinkedTxn":[{"TxnId":"68","TxnType":"Invoice"}]},
                     {"Amount":10,"LinkedTxn":[{"TxnId":"9","TxnType":"CreditMemo"}]}]}""");
    ObjectMapping mapping = DEFAULTS.require(SyncObject.PAYMENT, SyncDirection.QBO_TO_SALESFORCE);

    assertThat(mapping.qboParents(payment)).isEqualTo(Map.of(SyncObject.CUSTOMER, Set.of("20"), SyncObject.INVOICE,
        Set.of("67", "68"), SyncObject.require("CreditMemo"), Set.of("9")));
    ObjectMapping.ToSalesforce mapped = mapping.toSalesforce("9130", payment, PREFIXED);
    assertThat(mapped.problems()).isEmpty();
    ObjectNode f = mapped.fields();
    assertThat(f.get("Name").asText()).isEqualTo("Payment 2014-09-14 #125");
    assertThat(f.get("Account__c").asText()).isEqualTo("C-20");
    assertThat(f.has("Invoice__c")).as("the lines link the invoices").isFalse();
    assertThat(f.get("Amount__c").decimalValue()).isEqualByComparingTo("25");
    assertThat(f.get("Payment_Date__c").asText()).isEqualTo("2014-09-14");
    assertThat(mapped.lines()).extracting(line -> line.get("QBO_Id__c").asText())
        .containsExactly("9130-125-Invoice-67", "9130-125-Invoice-68", "9130-125-CreditMemo-9");
    assertThat(mapped.lines()).extracting(line -> line.get("Invoice__c").asText(null)).containsExactly("I-67", "I-68", null);
    assertThat(mapped.lines()).extracting(line -> line.get("Credit_Memo__c").asText(null)).containsExactly(null, null, "C-9");
    assertThat(mapped.lines()).extracting(line -> line.get("Amount_Applied__c").decimalValue().intValue())
        .containsExactly(20, 15, 10);
    assertThat(mapped.lines().get(2).get("Name").asText()).isEqualTo("Payment #125 to CreditMemo #9");
  }

  @Test
  void aPaymentLineWithoutATransactionOrTwoLinesForOneAreRefusedNotDropped() {
    ObjectNode payment =
        json(
            """
            {"CustomerRef":{"value":"20"},"TotalAmt":30,"Id":"126","TxnDate":"2014-09-14",
             "Line":[{"Amount":10,"LinkedTxn":[{"TxnId":"67","TxnType":"Invoice"}]},
                     {"Amount":10,"LinkedTxn":[{"TxnId":"67","TxnType":"Invoice"}]},
                     {"Amount":10}]}""");
    ObjectMapping mapping = DEFAULTS.require(SyncObject.PAYMENT, SyncDirection.QBO_TO_SALESFORCE);

    assertThat(mapping.toSalesforce("9130", payment, PREFIXED).problems()).containsExactly(
        "two lines have the id Invoice-67 (from qboLineId {LinkedTxn[0].TxnType}-{LinkedTxn[0].TxnId}): "
            + "{\"Amount\":10,\"LinkedTxn\":[{\"TxnId\":\"67\",\"TxnType\":\"Invoice\"}]}",
        "a line has no id (from qboLineId {LinkedTxn[0].TxnType}-{LinkedTxn[0].TxnId}): {\"Amount\":10}");
  }

  @Test
  void accountMapsBackToACustomerSplittingTheStreetIntoAddressLines() {
    ObjectNode account =
        json(
            """
            {"attributes":{"type":"Account"},"Id":"001D000000IRFmaIAH","Name":"Acme Corp","BillingStreet":"1 Main St.\\nSuite 200",
             "BillingCity":"Denver","BillingState":"CO","BillingPostalCode":"80202","BillingCountry":null,"Phone":"(303) 555-0100",
             "Website":null,"QBO_Sync_Status__c":"Inactive","SystemModstamp":"2026-11-26T10:00:00.000+0000"}""");
    ObjectMapping mapping = DEFAULTS.require(SyncObject.CUSTOMER, SyncDirection.SALESFORCE_TO_QBO);

    ObjectMapping.ToQbo mapped = mapping.toQbo(account, List.of(), null, References.NONE, true);

    assertThat(mapped.problems()).isEmpty();
    JsonNode body = mapped.body();
    assertThat(body.get("DisplayName").asText()).isEqualTo("Acme Corp");
    assertThat(body.at("/BillAddr/Line1").asText()).isEqualTo("1 Main St.");
    assertThat(body.at("/BillAddr/Line2").asText()).isEqualTo("Suite 200");
    assertThat(body.at("/BillAddr/City").asText()).isEqualTo("Denver");
    assertThat(body.at("/PrimaryPhone/FreeFormNumber").asText()).isEqualTo("(303) 555-0100");
    assertThat(body.has("Active")).as("the status field flows to Salesforce only").isFalse();
    assertThat(body.has("WebAddr")).as("empty values are left out").isFalse();
  }

  @Test
  void productMapsBackToAServiceItemWhoseTypeIsSetOnlyOnCreate() {
    ObjectNode product =
        json("{\"Id\":\"01t000000000001AAA\",\"Name\":\"Widget\",\"ProductCode\":\"W-1\",\"IsActive\":true,\"Family\":\"Hardware\"}");
    ObjectMapping mapping = DEFAULTS.require(SyncObject.ITEM, SyncDirection.SALESFORCE_TO_QBO);

    ObjectMapping.ToQbo create = mapping.toQbo(product, List.of(), new BigDecimal("12.50"), References.NONE, true);
    ObjectMapping.ToQbo update = mapping.toQbo(product, List.of(), new BigDecimal("12.50"), References.NONE, false);

    assertThat(create.body().get("Type").asText()).isEqualTo("Service");
    assertThat(create.body().has("IncomeAccountRef")).as("the sync finds the account by name").isFalse();
    assertThat(create.body().get("Sku").asText()).isEqualTo("W-1");
    assertThat(create.body().get("Active").asBoolean()).isTrue();
    assertThat(create.body().get("UnitPrice").decimalValue()).isEqualByComparingTo("12.50");
    assertThat(create.body().has("Type")).isTrue();
    assertThat(update.body().has("Type")).isFalse();
    assertThat(create.hash()).isEqualTo(update.hash());
  }

  @Test
  void wonOpportunityMapsToAnInvoiceWithOneSalesLinePerProduct() {
    ObjectNode opportunity =
        json("{\"Id\":\"006000000000001AAA\",\"Name\":\"Big deal\",\"AccountId\":\"001000000000001AAA\",\"CloseDate\":\"2026-11-20\",\"IsWon\":true}");
    ObjectNode line =
        json(
            """
            {"Id":"00k000000000001AAA","OpportunityId":"006000000000001AAA","Product2Id":"01t000000000001AAA",
             "Quantity":3.0,"UnitPrice":40.0,"TotalPrice":120.0,"Description":"Three widgets"}""");
    ObjectMapping mapping = DEFAULTS.require(SyncObject.INVOICE, SyncDirection.SALESFORCE_TO_QBO);

    assertThat(mapping.salesforceParents(opportunity, List.of(line)))
        .isEqualTo(Map.of(SyncObject.CUSTOMER, Set.of("001000000000001AAA"), SyncObject.ITEM, Set.of("01t000000000001AAA")));
    ObjectMapping.ToQbo mapped = mapping.toQbo(opportunity, List.of(line), null, (parent, id) -> parent == SyncObject.CUSTOMER ? "58" : "3", true);

    assertThat(mapped.problems()).isEmpty();
    JsonNode body = mapped.body();
    assertThat(body.at("/CustomerRef/value").asText()).isEqualTo("58");
    assertThat(body.get("TxnDate").asText()).isEqualTo("2026-11-20");
    assertThat(body.get("PrivateNote").asText()).isEqualTo("Salesforce opportunity Big deal");
    JsonNode qboLine = body.get("Line").get(0);
    assertThat(qboLine.get("DetailType").asText()).isEqualTo("SalesItemLineDetail");
    assertThat(qboLine.get("Amount").decimalValue()).isEqualByComparingTo("120");
    assertThat(qboLine.at("/SalesItemLineDetail/ItemRef/value").asText()).isEqualTo("3");
    assertThat(qboLine.at("/SalesItemLineDetail/Qty").decimalValue()).isEqualByComparingTo("3");
    assertThat(qboLine.at("/SalesItemLineDetail/UnitPrice").decimalValue()).isEqualByComparingTo("40");
  }

  @Test
  void valueMapsApplyBothWaysAndFallBackToTheDefault() {
    Mappings mappings =
        Mappings.withOverride(
            """
            mappings:
              - object: Item
                salesforceObject: Product2
                fields:
                  - {salesforce: Family, qbo: Type, map: {Service: Service, Inventory: Hardware}, default: Other}
                  - {qbo: Type, remove: true}
            """,
            "test.yaml");
    FieldMapping family =
        mappings.require(SyncObject.ITEM, SyncDirection.QBO_TO_SALESFORCE).fields().stream()
            .filter(f -> "Family".equals(f.salesforce())).findFirst().orElseThrow();

    assertThat(family.toSalesforce(json("{\"Type\":\"Inventory\"}"), null, References.NONE).asText()).isEqualTo("Hardware");
    assertThat(family.toSalesforce(json("{\"Type\":\"Category\"}"), null, References.NONE).asText()).isEqualTo("Other");
    assertThat(family.toSalesforce(json("{}"), null, References.NONE).asText()).isEqualTo("Other");
    assertThat(family.toQbo(json("{\"Family\":\"Hardware\"}"), null, References.NONE))
        .containsExactly(Map.entry("Type", JSON.getNodeFactory().textNode("Inventory")));
  }

  @Test
  void pathsSelectNestedValuesArrayElementsAndFilteredElements() {
    ObjectNode record = json("{\"A\":{\"B\":\"x\"},\"L\":[{\"T\":\"I\",\"V\":1},{\"T\":\"C\",\"V\":2},{\"T\":\"I\",\"V\":3}]}");

    assertThat(Paths.first(record, "A.B").asText()).isEqualTo("x");
    assertThat(Paths.all(record, "L[*].V")).extracting(JsonNode::asInt).containsExactly(1, 2, 3);
    assertThat(Paths.all(record, "L[T=I].V")).extracting(JsonNode::asInt).containsExactly(1, 3);
    assertThat(Paths.first(record, "L[1].V").asInt()).isEqualTo(2);
    assertThat(Paths.first(record, "A.Missing")).isNull();
    ObjectNode out = JSON.createObjectNode();
    Paths.set(out, "BillAddr.City", JSON.getNodeFactory().textNode("Denver"));
    assertThat(out.toString()).isEqualTo("{\"BillAddr\":{\"City\":\"Denver\"}}");
    assertThat(Paths.valid("Line[*].LinkedTxn[TxnType=Invoice].TxnId")).isTrue();
    assertThat(Paths.valid("Bad..Path")).isFalse();
  }
}
