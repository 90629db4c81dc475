package io.ledgerbridge.sandbox;

import io.ledgerbridge.sandbox.quickbooks.QuickBooksSimulator;
import io.ledgerbridge.sandbox.salesforce.SalesforceSimulator;
import java.util.List;

/**
 * The local QuickBooks Online and Salesforce simulators, speaking the real wire formats, with demo data.
 * Binds the host of {@link SandboxOptions} (loopback by default). Thread-safe.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0))) {
 *   String qbo = sandbox.quickBooksUrl();   // OAuth: /connect/oauth2, /oauth2/v1/tokens/bearer; API: /v3/company/...
 *   String sf = sandbox.salesforceUrl();    // OAuth: /services/oauth2/token; API: /services/data/v62.0/...
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
  public static final String DEMO_REALM_ID = "9130357766001001";
  public static final String QBO_CLIENT_ID = "ledgerbridge-demo-qbo";
  public static final String QBO_CLIENT_SECRET = "demo-qbo-secret";
  public static final String SALESFORCE_CLIENT_ID = "ledgerbridge-demo-sf";
  public static final String SALESFORCE_CLIENT_SECRET = "demo-sf-secret";
  public static final String SALESFORCE_API_VERSION = "v62.0";

  private final SandboxOptions options;
  private final QuickBooksSimulator quickBooks;
  private final SalesforceSimulator salesforce;

  private Sandbox(SandboxOptions options, QuickBooksSimulator quickBooks, SalesforceSimulator salesforce) {
    this.options = options;
    this.quickBooks = quickBooks;
    this.salesforce = salesforce;
  }

  /** Starts both simulators; if the second cannot bind, the first is stopped again. */
  public static Sandbox start(SandboxOptions options) {
    QuickBooksSimulator quickBooks = QuickBooksSimulator.start(options, List.of());
    try {
      SalesforceSimulator salesforce = SalesforceSimulator.start(options, List.of());
      return new Sandbox(options, quickBooks, salesforce);
    } catch (RuntimeException e) {
      quickBooks.close();
      throw e;
    }
  }

  public SandboxOptions options() {
    return options;
  }

  /** Base URL of the QBO API and its OAuth endpoints, e.g. {@code http://127.0.0.1:9101}. */
  public String quickBooksUrl() {
    return quickBooks.baseUrl();
  }

  /** Base URL of Salesforce login and instance, e.g. {@code http://127.0.0.1:9102}. */
  public String salesforceUrl() {
    return salesforce.baseUrl();
  }

  /** Invalidates every QBO and Salesforce token, as if each user disconnected the app. */
  public void revokeTokens() {
    quickBooks.revokeAllTokens();
    salesforce.revokeAllTokens();
  }

  /** Back to the seeded state: QBO demo company re-seeded, Salesforce org emptied, usage counters zeroed. */
  public void reset() {
    quickBooks.reset();
    salesforce.reset();
  }

  @Override
  public void close() {
    try {
      salesforce.close();
    } finally {
      quickBooks.close();
    }
  }
}
