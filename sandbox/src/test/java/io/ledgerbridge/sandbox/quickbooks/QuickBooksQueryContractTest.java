package io.ledgerbridge.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query language and QueryResponse envelope of reference §1.5, over 60 seeded customers. */
class QuickBooksQueryContractTest {
  private static final String COMPANY = "/v3/company/" + Sandbox.DEMO_REALM_ID;
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
  private static Sandbox sandbox;
  private static ContractClient qbo;
  private static String[] auth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withClock(clock).withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
    auth = new String[] {"Authorization", "Bearer " + QboConnection.accessToken(qbo), "Accept", "application/json"};
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void countReturnsOnlyTotalCount() {
    JsonNode body = query("SELECT COUNT(*) FROM Customer");
    assertThat(body.get("QueryResponse").get("totalCount").asInt()).isEqualTo(60);
    assertThat(body.get("QueryResponse").size()).isEqualTo(1);
    assertThat(body.get("time").asText()).isNotBlank();
  }

  @Test
  void incrementalPagesWalkAllRowsInLastUpdatedOrder() {
    String base = "SELECT * FROM Customer WHERE MetaData.LastUpdatedTime >= '2025-01-01T00:00:00Z'"
        + " ORDERBY MetaData.LastUpdatedTime";
    List<String> times = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int start = 1;
    while (true) {
      JsonNode response = query(base + " STARTPOSITION " + start + " MAXRESULTS 25").get("QueryResponse");
      if (!response.has("Customer")) {
        assertThat(response.size()).isZero();
        break;
      }
      assertThat(response.get("startPosition").asInt()).isEqualTo(start);
      assertThat(response.get("maxResults").asInt()).isEqualTo(response.get("Customer").size());
      response.get("Customer").forEach(c -> {
        ids.add(c.get("Id").asText());
        times.add(c.at("/MetaData/LastUpdatedTime").asText());
      });
      start += response.get("Customer").size();
    }
    assertThat(ids).hasSize(60);
    List<Instant> instants = times.stream().map(t -> OffsetDateTime.parse(t).toInstant()).toList();
    assertThat(instants).isSorted();
  }

  @Test
  void emptyResultIsAnEmptyQueryResponse() {
    JsonNode body = query("select * from Customer where DisplayName = 'No Such Customer Anywhere'");
    assertThat(body.get("QueryResponse").isObject()).isTrue();
    assertThat(body.get("QueryResponse").size()).isZero();
  }

  @Test
  void queryCanBePostedAsApplicationText() {
    ContractClient.Reply reply = qbo.post(COMPANY + "/query?minorversion=75", "application/text",
        "select * from Customer maxresults 3", auth);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/QueryResponse/Customer").size()).isEqualTo(3);
  }

  @Test
  void keywordsAndPropertiesAreCaseInsensitiveAndInAndLikeWork() {
    JsonNode all = query("select * from customer orderby id maxresults 3").get("QueryResponse").get("Customer");
    String firstName = all.get(0).get("DisplayName").asText();
    JsonNode byIn = query("SELECT * FROM Customer WHERE Id IN ('1', '2', '3')").get("QueryResponse");
    assertThat(byIn.get("Customer")).hasSize(3);
    JsonNode byLike = query("select * from Customer where displayname like '" + firstName.substring(0, 4).replace("'", "\\'")
        + "%'").get("QueryResponse");
    assertThat(byLike.get("Customer").findValuesAsText("DisplayName")).contains(firstName);
  }

  @Test
  void startPositionIsOneBased() {
    JsonNode first = query("select * from Customer orderby Id startposition 1 maxresults 1").at("/QueryResponse/Customer/0");
    assertThat(first.get("Id").asText()).isEqualTo("1");
  }

  @Test
  void maxResultsAboveTheCeilingIsClampedTo1000() {
    JsonNode response = query("select * from Customer maxresults 5000").get("QueryResponse");
    assertThat(response.get("maxResults").asInt()).isEqualTo(60);
  }

  @Test
  void syntaxErrorIsAQueryParserFault() {
    ContractClient.Reply reply = qbo.get(COMPANY + "/query?query=" + ContractClient.encode("SELECT * FORM Customer"), auth);
    assertThat(reply.status()).isEqualTo(400);
    JsonNode body = reply.json();
    assertThat(body.at("/Fault/type").asText()).isEqualTo("ValidationFault");
    assertThat(body.at("/Fault/Error/0/code").asText()).isEqualTo("4000");
    assertThat(body.at("/Fault/Error/0/Detail").asText()).startsWith("QueryParserError");
  }

  @Test
  void orIsNotPartOfTheLanguage() {
    ContractClient.Reply reply = qbo.get(COMPANY + "/query?query="
        + ContractClient.encode("select * from Customer where Id = '1' or Id = '2'"), auth);
    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void unknownPropertyIsRefused() {
    ContractClient.Reply reply = qbo.get(COMPANY + "/query?query="
        + ContractClient.encode("select * from Customer where FavouriteColour = 'blue'"), auth);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/Fault/type").asText()).isEqualTo("ValidationFault");
  }

  private static JsonNode query(String text) {
    ContractClient.Reply reply = qbo.get(COMPANY + "/query?minorversion=75&query=" + ContractClient.encode(text), auth);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("intuit_tid")).isNotBlank();
    return reply.json();
  }
}
