package io.ledgerbridge.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seeded company: deterministic, and its customers, invoices, payments, credit memos, sales receipts and vendors
 * agree with each other.
 */
class QuickBooksDemoDataTest {
  private static final String COMPANY = "/v3/company/" + Sandbox.DEMO_REALM_ID;
  private static final Instant NOW = Instant.parse("2026-03-02T18:00:00Z");

  @Test
  void balancesAndLinksAgree() {
    try (Sandbox sandbox = start(40)) {
      ContractClient qbo = new ContractClient(sandbox.quickBooksUrl());
      String[] auth = {"Authorization", "Bearer " + QboConnection.accessToken(qbo)};
      JsonNode invoices = query(qbo, auth, "select * from Invoice maxresults 1000").path("Invoice");
      JsonNode payments = query(qbo, auth, "select * from Payment maxresults 1000").path("Payment");
      JsonNode customers = query(qbo, auth, "select * from Customer maxresults 1000").path("Customer");
      JsonNode creditMemos = query(qbo, auth, "select * from CreditMemo maxresults 1000").path("CreditMemo");
      assertThat(invoices.size()).isGreaterThan(20);
      assertThat(payments.size()).isPositive();
      assertThat(creditMemos.size()).as("customers 3, 13, 23 and 33").isEqualTo(4);
      assertThat(customers).as("every customer's primary contact is a named person")
          .allSatisfy(customer -> assertThat(customer.path("FamilyName").asText()).isNotEmpty());
      assertThat(customers).filteredOn(customer -> customer.has("Mobile")).as("customers 1, 5, 9, ... with a mobile")
          .extracting(customer -> customer.get("Id").asText()).hasSize(10).contains("1", "5", "37");
      JsonNode salesReceipts = query(qbo, auth, "select * from SalesReceipt maxresults 1000").path("SalesReceipt");
      assertThat(salesReceipts).as("customers 7, 17, 27 and 37").extracting(receipt -> receipt.at("/CustomerRef/value").asText())
          .containsExactlyInAnyOrder("8", "18", "28", "38");
      JsonNode estimates = query(qbo, auth, "select * from Estimate maxresults 1000").path("Estimate");
      assertThat(estimates).as("customers 5, 15, 25 and 35").extracting(estimate -> estimate.at("/CustomerRef/value").asText())
          .containsExactlyInAnyOrder("6", "16", "26", "36");
      assertThat(estimates).extracting(estimate -> estimate.get("TxnStatus").asText())
          .containsExactlyInAnyOrder("Pending", "Accepted", "Rejected", "Pending");
      assertThat(invoices).filteredOn(invoice -> invoice.get("Line").findValuesAsText("DetailType").contains("DescriptionOnly"))
          .as("every fifth invoice (1, 6, 11, ...) ends with a description line of no amount")
          .extracting(invoice -> invoice.get("Id").asText()).contains("1", "6", "11").doesNotContain("2", "5")
          .hasSize((invoices.size() + 4) / 5);
      assertThat(invoices).allSatisfy(invoice -> invoice.get("Line").forEach(line -> {
        if (line.get("DetailType").asText().equals("DescriptionOnly")) {
          assertThat(line.get("Amount").asDouble()).isZero();
          assertThat(line.get("Id").asText()).isNotEmpty();
        }
      }));

      Map<String, JsonNode> invoicesById = new HashMap<>();
      Map<String, Double> openByCustomer = new HashMap<>();
      for (JsonNode invoice : invoices) {
        invoicesById.put(invoice.get("Id").asText(), invoice);
        openByCustomer.merge(invoice.at("/CustomerRef/value").asText(), invoice.get("Balance").asDouble(), Double::sum);
        double lines = 0;
        for (JsonNode line : invoice.get("Line")) {
          if (line.get("DetailType").asText().equals("SalesItemLineDetail")) {
            lines += line.get("Amount").asDouble();
            assertThat(line.at("/SalesItemLineDetail/Qty").asDouble() * line.at("/SalesItemLineDetail/UnitPrice").asDouble())
                .isCloseTo(line.get("Amount").asDouble(), within(0.001));
          }
        }
        assertThat(invoice.get("TotalAmt").asDouble()).isCloseTo(lines, within(0.001));
      }
      assertThat(payments).filteredOn(payment -> payment.get("Line").size() == 2)
          .filteredOn(payment -> payment.findValuesAsText("TxnType").stream().allMatch("Invoice"::equals))
          .as("customers 0, 4, 8, ... pay two at once").isNotEmpty()
          .allSatisfy(payment -> assertThat(Integer.parseInt(payment.at("/CustomerRef/value").asText()) % 4).isEqualTo(1));
      Map<String, JsonNode> memosById = new HashMap<>();
      creditMemos.forEach(memo -> memosById.put(memo.get("Id").asText(), memo));
      Map<String, Double> appliedTo = new HashMap<>();
      Map<String, Instant> lastPaidAt = new HashMap<>();
      for (JsonNode payment : payments) {
        Instant received = instant(payment.at("/MetaData/CreateTime"));
        assertThat(received).isBefore(NOW);
        double total = 0;
        for (JsonNode line : payment.get("Line")) {
          String type = line.at("/LinkedTxn/0/TxnType").asText();
          String id = line.at("/LinkedTxn/0/TxnId").asText();
          JsonNode transaction = (type.equals("Invoice") ? invoicesById : memosById).get(id);
          assertThat(transaction).as(type + " " + id).isNotNull();
          assertThat(transaction.at("/CustomerRef/value")).isEqualTo(payment.at("/CustomerRef/value"));
          assertThat(received).isAfter(instant(transaction.at("/MetaData/CreateTime")));
          if (type.equals("Invoice")) {
            assertThat(transaction.findValuesAsText("TxnId")).contains(payment.get("Id").asText());
            lastPaidAt.merge(id, received, (a, b) -> a.isAfter(b) ? a : b);
          }
          appliedTo.merge(type + "/" + id, line.get("Amount").asDouble(), Double::sum);
          total += type.equals("Invoice") ? line.get("Amount").asDouble() : -line.get("Amount").asDouble();
        }
        assertThat(payment.get("TotalAmt").asDouble()).as("what the invoices take less the credit they use").isCloseTo(total, within(0.001));
      }
      assertThat(payments).filteredOn(payment -> payment.findValuesAsText("TxnType").contains("CreditMemo"))
          .allSatisfy(payment -> assertThat(payment.get("TotalAmt").asDouble()).isZero())
          .extracting(payment -> payment.at("/Line/1/LinkedTxn/0/TxnId").asText())
          .as("every other credit memo is applied to an invoice of its customer's that owes as much by a payment of 0:"
              + " CM-1 is; CM-3's customer has no such invoice").containsExactly("1");
      for (JsonNode invoice : invoices) {
        String id = invoice.get("Id").asText();
        assertThat(invoice.get("Balance").asDouble())
            .isCloseTo(invoice.get("TotalAmt").asDouble() - appliedTo.getOrDefault("Invoice/" + id, 0.0), within(0.001));
        assertThat(instant(invoice.at("/MetaData/LastUpdatedTime"))).as("updated by its last payment")
            .isEqualTo(lastPaidAt.getOrDefault(id, instant(invoice.at("/MetaData/CreateTime"))));
      }
      for (JsonNode memo : creditMemos) {
        assertThat(memo.get("Balance").asDouble())
            .isCloseTo(memo.get("TotalAmt").asDouble() - appliedTo.getOrDefault("CreditMemo/" + memo.get("Id").asText(), 0.0), within(0.001));
        assertThat(memo.get("RemainingCredit")).isEqualTo(memo.get("Balance"));
        assertThat(memo.at("/Line/0/Amount").asDouble()).isCloseTo(memo.get("TotalAmt").asDouble(), within(0.001));
        openByCustomer.merge(memo.at("/CustomerRef/value").asText(), -memo.get("Balance").asDouble(), Double::sum);
      }
      // A sales receipt is paid at once: it adds nothing to what its customer owes.
      for (JsonNode receipt : salesReceipts) {
        assertThat(receipt.get("Balance").asDouble()).isZero();
        assertThat(receipt.at("/Line/0/Amount").asDouble()).isCloseTo(receipt.get("TotalAmt").asDouble(), within(0.001));
        assertThat(receipt.get("DocNumber").asText()).startsWith("SR-");
        assertThat(java.time.OffsetDateTime.parse(receipt.at("/MetaData/CreateTime").asText()).toInstant()).isBefore(NOW);
      }
      // An estimate only proposes a sale: it has no Balance and adds nothing to what its customer owes.
      for (JsonNode estimate : estimates) {
        assertThat(estimate.has("Balance")).isFalse();
        assertThat(estimate.at("/Line/0/Amount").asDouble()).isCloseTo(estimate.get("TotalAmt").asDouble(), within(0.001));
        assertThat(estimate.get("DocNumber").asText()).startsWith("EST-");
        assertThat(estimate.get("ExpirationDate").asText()).isGreaterThan(estimate.get("TxnDate").asText());
      }
      for (JsonNode customer : customers) {
        assertThat(customer.get("Balance").asDouble())
            .isCloseTo(openByCustomer.getOrDefault(customer.get("Id").asText(), 0.0), within(0.001));
      }
    }
  }

  @Test
  void vendorsAreNamedApartFromCustomersAndFoundByName() {
    try (Sandbox sandbox = start(40)) {
      ContractClient qbo = new ContractClient(sandbox.quickBooksUrl());
      String[] auth = {"Authorization", "Bearer " + QboConnection.accessToken(qbo)};
      JsonNode vendors = query(qbo, auth, "select * from Vendor maxresults 1000").path("Vendor");
      JsonNode customers = query(qbo, auth, "select * from Customer maxresults 1000").path("Customer");

      assertThat(vendors.size()).as("one for every ten customers").isEqualTo(4);
      assertThat(vendors.findValuesAsText("DisplayName")).doesNotContainAnyElementsOf(customers.findValuesAsText("DisplayName"));
      List<String> addressIds = new ArrayList<>();
      customers.forEach(customer -> addressIds.add(customer.at("/BillAddr/Id").asText()));
      vendors.forEach(vendor -> addressIds.add(vendor.at("/BillAddr/Id").asText()));
      assertThat(addressIds).as("addresses are numbered company-wide").doesNotHaveDuplicates();
      for (JsonNode vendor : vendors) {
        assertThat(java.time.OffsetDateTime.parse(vendor.at("/MetaData/LastUpdatedTime").asText()).toInstant()).isBefore(NOW);
        String byName = "select * from Vendor where DisplayName = '" + vendor.get("DisplayName").asText() + "'";
        assertThat(query(qbo, auth, byName).at("/Vendor/0/Id")).isEqualTo(vendor.get("Id"));
        assertThat(qbo.postJson(COMPANY + "/customer", Map.of("DisplayName", vendor.get("DisplayName").asText()), auth)
            .status()).as("a demo vendor's name is taken for customers").isEqualTo(400);
      }
    }
  }

  @Test
  void demoVendorNamesNeverReadLikeDemoCustomerNames() {
    for (long index = 0; index < 2_000; index++) {
      String vendorName = QboDemoData.vendorName(index);
      assertThat(QboDemoData.companyIndex(vendorName.toLowerCase(Locale.ROOT))).as(vendorName).isEqualTo(-1);
      assertThat(QboDemoData.vendorIndex(vendorName.toLowerCase(Locale.ROOT))).isEqualTo(index);
    }
  }

  @Test
  void sameSeedGivesSameData() {
    JsonNode first;
    JsonNode second;
    try (Sandbox sandbox = start(10)) {
      first = everything(sandbox);
    }
    try (Sandbox sandbox = start(10)) {
      second = everything(sandbox);
    }
    assertThat(first).isEqualTo(second);
  }

  private static JsonNode everything(Sandbox sandbox) {
    ContractClient qbo = new ContractClient(sandbox.quickBooksUrl());
    String[] auth = {"Authorization", "Bearer " + QboConnection.accessToken(qbo)};
    return query(qbo, auth, "select * from Invoice orderby Id maxresults 1000");
  }

  private static Instant instant(JsonNode metadataTime) {
    return java.time.OffsetDateTime.parse(metadataTime.asText()).toInstant();
  }

  private static Sandbox start(int customers) {
    return Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(customers)
        .withClock(new MutableClock(NOW)).withoutQboRateLimits());
  }

  private static JsonNode query(ContractClient qbo, String[] auth, String text) {
    ContractClient.Reply reply = qbo.get(COMPANY + "/query?query=" + ContractClient.encode(text), auth);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("QueryResponse");
  }
}
