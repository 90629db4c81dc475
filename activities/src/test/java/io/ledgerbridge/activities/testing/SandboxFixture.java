package io.ledgerbridge.activities.testing;

import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.quickbooks.QuickBooksSettings;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import io.ledgerbridge.activities.quickbooks.QuickBooksLimits;
import io.ledgerbridge.activities.quickbooks.QuickBooksMeter;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.store.SecretCipher;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A started sandbox with both clients pointed at it, tokens kept in H2, and every request the
 * clients send recorded (method and path), so tests can count API calls.
 */
public final class SandboxFixture implements AutoCloseable {
  public static final String REDIRECT_URI = "http://127.0.0.1/quickbooks/callback";

  public final Sandbox sandbox;
  public final JdbcTemplate jdbc;
  public final ConnectionStore connections;
  /** Every client made here shares these, as every worker of a cluster does. */
  public final QuickBooksLimits limits;
  public final OkHttpClient http;
  /** Every request: its method and path, and for a Salesforce query its SOQL after a space. */
  public final List<String> requests = new CopyOnWriteArrayList<>();

  public SandboxFixture(SandboxOptions options) {
    this(options, TestDatabase.H2);
  }

  /** A sandbox whose LedgerBridge state is kept in {@code database}. */
  public SandboxFixture(SandboxOptions options, TestDatabase database) {
    sandbox = Sandbox.start(options.withPorts(0, 0));
    jdbc = database.freshJdbc();
    connections = new ConnectionStore(jdbc, new SecretCipher(SecretCipher.newBase64Key()));
    limits = QuickBooksLimits.inDatabase(jdbc, QuickBooksMeter.BUILDER_TIER_READS);
    http =
        new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(20))
            .addInterceptor(
                chain -> {
                  // A Salesforce query with its SOQL, so a test can tell what was looked up.
                  String soql = chain.request().url().queryParameter("q");
                  requests.add(chain.request().method() + " " + chain.request().url().encodedPath()
                      + (soql == null ? "" : " " + soql));
                  return chain.proceed(chain.request());
                })
            .build();
  }

  public QuickBooksClient quickBooks() {
    return new QuickBooksClient(
        http,
        QuickBooksSettings.at(sandbox.quickBooksUrl(), Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET, REDIRECT_URI),
        connections,
        limits);
  }

  public SalesforceClient salesforce() {
    return new SalesforceClient(
        http,
        new SalesforceSettings(
            sandbox.salesforceUrl(), Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_CLIENT_SECRET, Sandbox.SALESFORCE_API_VERSION));
  }

  /** What the admin's "Connect QuickBooks" does: follow the authorize URL, then hand the callback's code over. */
  public String connect(QuickBooksClient client) {
    OkHttpClient browser = http.newBuilder().followRedirects(false).build();
    try (Response consent = browser.newCall(new Request.Builder().url(client.authorizationUrl("state-1")).build()).execute()) {
      String location = consent.header("Location");
      if (consent.code() != 302 || location == null) {
        throw new IllegalStateException("authorize answered " + consent.code() + " without a redirect");
      }
      HttpUrl callback = HttpUrl.get(location);
      if (!"state-1".equals(callback.queryParameter("state"))) {
        throw new IllegalStateException("state did not come back: " + location);
      }
      String realmId = callback.queryParameter("realmId");
      client.completeAuthorization(callback.queryParameter("code"), realmId);
      return realmId;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long count(String method, String pathPart) {
    return requests.stream().filter(r -> r.startsWith(method + " ") && r.contains(pathPart)).count();
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
