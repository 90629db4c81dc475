package io.ledgerbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compressed request bodies: QBO takes {@code Content-Encoding: gzip} (Intuit's Java SDK gzips every request by
 * default, and sends the header on body-less GETs too); Salesforce documents gzip and deflate request bodies.
 */
class CompressedRequestBodyContractTest {
  private static Sandbox sandbox;
  private static ContractClient qbo;
  private static ContractClient salesforce;
  private static String[] qboAuth;
  private static String[] sfAuth;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(3).withoutQboRateLimits());
    qbo = new ContractClient(sandbox.quickBooksUrl());
    salesforce = new ContractClient(sandbox.salesforceUrl());
    qboAuth = new String[] {"Authorization", "Bearer " + qboAccessToken(), "Accept", "application/json"};
    String sfToken = salesforce.postForm("/services/oauth2/token", java.util.Map.of("grant_type", "client_credentials",
        "client_id", Sandbox.SALESFORCE_CLIENT_ID, "client_secret", Sandbox.SALESFORCE_CLIENT_SECRET)).json()
        .get("access_token").asText();
    sfAuth = new String[] {"Authorization", "Bearer " + sfToken, "Accept", "application/json"};
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void qboTakesGzipBodiesAndGzipLabelledGets() {
    String company = "/v3/company/" + Sandbox.DEMO_REALM_ID;
    ContractClient.Reply created = qbo.postBytes(company + "/customer", "application/json",
        gzip("{\"DisplayName\":\"Gzipped Goods\"}"), with(qboAuth, "Content-Encoding", "gzip"));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.json().at("/Customer/DisplayName").asText()).isEqualTo("Gzipped Goods");

    ContractClient.Reply query = qbo.postBytes(company + "/query", "application/text",
        gzip("select * from Customer where DisplayName = 'Gzipped Goods'"), with(qboAuth, "Content-Encoding", "gzip"));
    assertThat(query.json().at("/QueryResponse/Customer/0/DisplayName").asText()).isEqualTo("Gzipped Goods");

    ContractClient.Reply read = qbo.get(company + "/customer/1", with(qboAuth, "Content-Encoding", "gzip"));
    assertThat(read.status()).isEqualTo(200);
  }

  @Test
  void aBodyThatIsNotWhatItsEncodingSaysIsABadRequest() {
    ContractClient.Reply reply = qbo.postBytes("/v3/company/" + Sandbox.DEMO_REALM_ID + "/customer", "application/json",
        "{\"DisplayName\":\"Plain\"}".getBytes(StandardCharsets.UTF_8), with(qboAuth, "Content-Encoding", "gzip"));
    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void salesforceTakesGzipAndDeflateBodies() {
    String sobjects = "/services/data/" + Sandbox.SALESFORCE_API_VERSION + "/sobjects/Account";
    ContractClient.Reply gzipped = salesforce.postBytes(sobjects, "application/json", gzip("{\"Name\":\"Gzip Account\"}"),
        with(sfAuth, "Content-Encoding", "gzip"));
    assertThat(gzipped.status()).as(gzipped.body()).isEqualTo(201);
    ContractClient.Reply deflated = salesforce.postBytes(sobjects, "application/json",
        deflate("{\"Name\":\"Deflate Account\"}"), with(sfAuth, "Content-Encoding", "deflate"));
    assertThat(deflated.status()).as(deflated.body()).isEqualTo(201);
  }

  private static String qboAccessToken() {
    String redirect = "http://localhost/callback";
    String location = qbo.get("/connect/oauth2?response_type=code&client_id=" + Sandbox.QBO_CLIENT_ID + "&redirect_uri="
        + ContractClient.encode(redirect) + "&scope=com.intuit.quickbooks.accounting&state=s").header("Location");
    return qbo.postForm("/oauth2/v1/tokens/bearer", java.util.Map.of("grant_type", "authorization_code",
            "code", ContractClient.queryOf(location).get("code"), "redirect_uri", redirect),
        "Authorization", ContractClient.basic(Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET)).json()
        .get("access_token").asText();
  }

  private static String[] with(String[] headers, String name, String value) {
    String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
    all[headers.length] = name;
    all[headers.length + 1] = value;
    return all;
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] deflate(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
