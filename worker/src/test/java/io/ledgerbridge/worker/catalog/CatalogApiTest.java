package io.ledgerbridge.worker.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/catalog}: the catalog's objects with the Salesforce side of the default mappings. */
class CatalogApiTest extends ApplicationTestSupport {

  @Test
  void listsEveryObjectInCatalogOrderWithItsSalesforceSide() {
    ApiResponse response = call("GET", "/api/catalog", null);

    assertThat(response.status()).isEqualTo(200);
    JsonNode objects = response.body();
    assertThat(names(objects)).isEqualTo(SyncObject.all().stream().map(SyncObject::displayName).toList());

    JsonNode customer = objects.get(0);
    assertThat(customer.get("parents")).isEmpty();
    assertThat(names(customer.get("children"))).containsExactly("Invoice", "CreditMemo", "Payment", "SalesReceipt", "Estimate", "Contact");
    assertThat(customer.get("directions")).hasSize(2);
    JsonNode account = customer.get("directions").get(0);
    assertThat(account.get("direction").asText()).isEqualTo("QBO_TO_SALESFORCE");
    assertThat(account.get("quickBooksEntity").asText()).isEqualTo("Customer");
    assertThat(account.get("salesforceObject").asText()).isEqualTo("Account");
    assertThat(account.get("externalIdField").asText()).isEqualTo("QBO_Id__c");
    assertThat(account.get("keyForm").asText()).isEqualTo("{realmId}-{Id}");
    assertThat(account.has("lines")).isFalse();

    JsonNode invoice = objects.get(2);
    assertThat(names(invoice.get("parents"))).containsExactly("Customer", "Item");
    JsonNode toSalesforce = invoice.get("directions").get(0);
    assertThat(toSalesforce.get("salesforceObject").asText()).isEqualTo("Invoice__c");
    assertThat(toSalesforce.get("lines").get("salesforceObject").asText()).isEqualTo("Invoice_Line__c");
    assertThat(toSalesforce.get("lines").get("parentField").asText()).isEqualTo("Invoice__c");
    assertThat(toSalesforce.get("lines").get("keyForm").asText()).isEqualTo("{realmId}-{Id}-{lineId}");
    JsonNode fromSalesforce = invoice.get("directions").get(1);
    assertThat(fromSalesforce.get("direction").asText()).isEqualTo("SALESFORCE_TO_QBO");
    assertThat(fromSalesforce.get("salesforceObject").asText()).isEqualTo("Opportunity");
    assertThat(fromSalesforce.get("lines").get("salesforceObject").asText()).isEqualTo("OpportunityLineItem");
    assertThat(fromSalesforce.get("lines").has("keyForm")).as("lines that only flow to QuickBooks have no key").isFalse();

    JsonNode vendorAccount = objects.get(3).get("directions").get(0);
    assertThat(vendorAccount.get("salesforceObject").asText()).isEqualTo("Account");
    assertThat(vendorAccount.get("keyForm").asText()).as("Vendor shares Account with Customer").isEqualTo("{realmId}-Vendor-{Id}");

    JsonNode creditMemo = objects.get(4);
    assertThat(names(creditMemo.get("parents"))).containsExactly("Customer", "Item");
    assertThat(creditMemo.get("directions")).hasSize(2).allSatisfy(side -> {
      assertThat(side.get("salesforceObject").asText()).isEqualTo("Credit_Memo__c");
      assertThat(side.get("keyForm").asText()).isEqualTo("{realmId}-{Id}");
      assertThat(side.get("lines").get("salesforceObject").asText()).isEqualTo("Credit_Memo_Line__c");
      assertThat(side.get("lines").get("keyForm").asText()).as("lines flow both ways").isEqualTo("{realmId}-{Id}-{lineId}");
    });

    JsonNode payment = objects.get(5);
    assertThat(names(payment.get("parents"))).containsExactly("Customer", "Invoice", "CreditMemo");
    assertThat(payment.get("directions")).hasSize(1);
    JsonNode paymentToSalesforce = payment.get("directions").get(0);
    assertThat(paymentToSalesforce.get("salesforceObject").asText()).isEqualTo("Payment__c");
    assertThat(paymentToSalesforce.get("lines").get("salesforceObject").asText()).isEqualTo("Payment_Line__c");
    assertThat(paymentToSalesforce.get("lines").get("keyForm").asText()).isEqualTo("{realmId}-{Id}-{lineId}");

    JsonNode salesReceipt = objects.get(6);
    assertThat(names(salesReceipt.get("parents"))).containsExactly("Customer", "Item");
    assertThat(salesReceipt.get("directions")).hasSize(2).allSatisfy(side -> {
      assertThat(side.get("salesforceObject").asText()).isEqualTo("Sales_Receipt__c");
      assertThat(side.get("keyForm").asText()).isEqualTo("{realmId}-{Id}");
      assertThat(side.get("lines").get("salesforceObject").asText()).isEqualTo("Sales_Receipt_Line__c");
      assertThat(side.get("lines").get("keyForm").asText()).as("lines flow both ways").isEqualTo("{realmId}-{Id}-{lineId}");
    });

    JsonNode estimate = objects.get(7);
    assertThat(names(estimate.get("parents"))).containsExactly("Customer", "Item");
    assertThat(estimate.get("directions")).hasSize(2).allSatisfy(side -> {
      assertThat(side.get("salesforceObject").asText()).isEqualTo("Quote");
      assertThat(side.get("keyForm").asText()).isEqualTo("{realmId}-{Id}");
      assertThat(side.get("lines").get("salesforceObject").asText()).isEqualTo("QuoteLineItem");
      assertThat(side.get("lines").get("parentField").asText()).isEqualTo("QuoteId");
      assertThat(side.get("lines").get("keyForm").asText()).as("an estimate's lines reach the Quote made for it")
          .isEqualTo("{realmId}-{Id}-{lineId}");
    });
    JsonNode estimateToSalesforce = estimate.get("directions").get(0);
    assertThat(estimateToSalesforce.get("direction").asText()).isEqualTo("QBO_TO_SALESFORCE");
    assertThat(estimateToSalesforce.get("container").get("salesforceObject").asText()).isEqualTo("Opportunity");
    assertThat(estimateToSalesforce.get("container").get("field").asText()).isEqualTo("OpportunityId");
    assertThat(estimateToSalesforce.get("container").get("keyForm").asText())
        .as("an estimate's Opportunity is never taken for a won deal's").isEqualTo("{realmId}-Estimate-{Id}");
    assertThat(estimate.get("directions").get(1).has("container")).as("a Quote sent to QuickBooks needs none").isFalse();
    assertThat(account.has("container")).isFalse();
  }

  @Test
  void needsTheAdminToken() {
    assertThat(call("GET", "/api/catalog", null, null).status()).isEqualTo(401);
  }

  private static List<String> names(JsonNode nodes) {
    List<String> names = new ArrayList<>();
    nodes.forEach(node -> names.add(node.isTextual() ? node.asText() : node.get("name").asText()));
    return names;
  }
}
