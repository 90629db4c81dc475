package io.ledgerbridge.worker.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * LedgerBridge's own settings ({@code ledgerbridge.*}, or {@code LEDGERBRIDGE_*} in the
 * environment). Secrets are masked in {@link #toString()}.
 *
 * @param dataDir where the embedded database, the generated admin token and secret key live
 * @param demo start the sandbox QuickBooks and Salesforce with demo data and a demo job
 * @param adminToken the bootstrap admin token, an ADMIN on {@code /api} and accepted on {@code /actuator}; generated into
 *     {@code dataDir/admin-token} when not set
 * @param metricsToken a bearer token that reads {@code /actuator} only (health details, metrics,
 *     Prometheus), for a scraper that must not hold the admin token; none by default
 * @param secretKey base64 AES-256 key that encrypts stored OAuth tokens; generated into
 *     {@code dataDir/secret-key} when not set
 * @param publicUrl how browsers reach this server, for OAuth redirect URIs
 * @param sandbox where demo mode serves the sandbox QuickBooks and Salesforce, and how much data
 * @param mappingsFile a YAML file of field mappings merged into the defaults; none by default
 * @param oidc the OpenID Connect provider people may sign in to the admin page with; none by default
 */
@ConfigurationProperties("ledgerbridge")
public record LedgerBridgeProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("false") boolean demo,
    String adminToken,
    String metricsToken,
    String secretKey,
    @DefaultValue("http://localhost:8080") String publicUrl,
    @DefaultValue QuickBooks qbo,
    @DefaultValue Salesforce salesforce,
    @DefaultValue Sandbox sandbox,
    Path mappingsFile,
    @DefaultValue Oidc oidc) {

  /**
   * The demo's sandbox APIs: ports (0 picks free ones), the number of seeded customers, whether
   * they send their change notifications (QuickBooks webhooks, Salesforce outbound messages for the
   * synced objects) to this server, which makes the demo sync in real time too, and whether the
   * sandbox QuickBooks enforces Intuit's throttles (off for clients that, against answers in 2 ms,
   * outrun 10 calls a second where real latency would not).
   */
  public record Sandbox(
      @DefaultValue("9101") int qboPort,
      @DefaultValue("9102") int salesforcePort,
      @DefaultValue("60") int customers,
      @DefaultValue("true") boolean sendNotifications,
      @DefaultValue("true") boolean qboThrottle) {}

  /**
   * The QuickBooks Online app: {@code environment} is {@code production} or {@code development}
   * (Intuit's sandbox companies); {@code apiBaseUrl} overrides both, e.g. for the local sandbox.
   * {@code webhookVerifierToken} is the app's webhooks verifier token, which keys the {@code
   * intuit-signature} of each webhook; real-time sync from QuickBooks is off without it.
   */
  public record QuickBooks(
      String clientId,
      String clientSecret,
      @DefaultValue("production") String environment,
      String apiBaseUrl,
      String webhookVerifierToken,
      @DefaultValue("500000") long monthlyReads) {
    public QuickBooks {
      if (monthlyReads < 1) {
        throw new IllegalArgumentException("LEDGERBRIDGE_QBO_MONTHLY_READS must be at least 1 (Intuit's Builder tier allows"
            + " 500000 CorePlus calls a month), not " + monthlyReads);
      }
    }

    @Override
    public String toString() {
      return "QuickBooks[clientId=" + clientId + ", clientSecret=" + Masking.mask(clientSecret)
          + ", environment=" + environment + ", apiBaseUrl=" + apiBaseUrl + ", webhookVerifierToken="
          + Masking.mask(webhookVerifierToken) + ", monthlyReads=" + monthlyReads + "]";
    }
  }

  /**
   * The Salesforce connected app and how LedgerBridge gets the org's tokens: {@code authFlow} is {@code
   * client-credentials} (the consumer key and secret, at the org's My Domain {@code loginUrl}), {@code web-server}
   * (an admin connects the org from the admin page; the key and secret, {@code loginUrl} defaults to production's
   * login host) or {@code jwt-bearer} (the key, {@code username} and the PEM, PKCS#8 {@code privateKeyFile} whose
   * certificate is uploaded to the app; {@code loginUrl} as for web-server). {@code notificationToken} is the secret Salesforce's outbound messages (in their URL) and Flow
   * callouts (as a bearer token) must carry; real-time sync from Salesforce is off without it.
   * {@code apiReservePercent} is the share of the org's daily API allowance LedgerBridge leaves to
   * the org's other integrations and people: once no more is left, runs stop with {@code API_RESERVE}.
   * {@code bulkThreshold}: a sync to Salesforce of at least this many records writes them in Bulk API 2.0
   * ingest jobs (Salesforce's advice from about 2,000 records); 0 never does.
   */
  public record Salesforce(
      String loginUrl,
      String clientId,
      String clientSecret,
      @DefaultValue("v62.0") String apiVersion,
      String notificationToken,
      @DefaultValue("10") int apiReservePercent,
      @DefaultValue("client-credentials") String authFlow,
      String username,
      Path privateKeyFile,
      @DefaultValue("2000") int bulkThreshold) {
    public Salesforce {
      if (apiReservePercent < 0 || apiReservePercent > 90) {
        throw new IllegalArgumentException("LEDGERBRIDGE_SALESFORCE_API_RESERVE_PERCENT must be 0 to 90 (the share of the"
            + " org's daily API allowance left to its other users; 0 spends it all), not " + apiReservePercent);
      }
      if (bulkThreshold < 0) {
        throw new IllegalArgumentException("LEDGERBRIDGE_SALESFORCE_BULK_THRESHOLD must be a number of records from which a"
            + " sync to Salesforce writes in bulk jobs (2000 is Salesforce's advice; 0 turns bulk jobs off), not "
            + bulkThreshold);
      }
    }

    @Override
    public String toString() {
      return "Salesforce[loginUrl=" + loginUrl + ", clientId=" + clientId + ", clientSecret="
          + Masking.mask(clientSecret) + ", apiVersion=" + apiVersion + ", notificationToken="
          + Masking.mask(notificationToken) + ", apiReservePercent=" + apiReservePercent + ", authFlow=" + authFlow
          + ", username=" + username + ", privateKeyFile=" + privateKeyFile
          + ", bulkThreshold=" + bulkThreshold + "]";
    }
  }

  /**
   * Signing in through an OpenID Connect provider (the company's Google or Microsoft sign-in): its {@code issuer}
   * (discovery is read from {@code <issuer>/.well-known/openid-configuration}), the {@code clientId} and {@code
   * clientSecret} LedgerBridge is registered with there, the {@code displayName} on the button ("Sign in with
   * Google"; the issuer's host when not set), and optionally the {@code allowedDomains} whose emails may sign in.
   * Off unless the issuer, client id and secret are all set; a person must already exist with the email.
   */
  public record Oidc(String issuer, String clientId, String clientSecret, String displayName, List<String> allowedDomains) {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    public Oidc {
      boolean anySet = isSet(issuer) || isSet(clientId) || isSet(clientSecret);
      if (anySet && !(isSet(issuer) && isSet(clientId) && isSet(clientSecret))) {
        throw new IllegalArgumentException("LEDGERBRIDGE_OIDC_ISSUER, LEDGERBRIDGE_OIDC_CLIENT_ID and"
            + " LEDGERBRIDGE_OIDC_CLIENT_SECRET must be set together to sign in through an OpenID Connect provider;"
            + " missing: " + String.join(", ", missing(issuer, clientId, clientSecret)));
      }
      if (!anySet && (isSet(displayName) || allowedDomains != null && !allowedDomains.isEmpty())) {
        throw new IllegalArgumentException("LEDGERBRIDGE_OIDC_DISPLAY_NAME and LEDGERBRIDGE_OIDC_ALLOWED_DOMAINS apply to"
            + " sign-in through an OpenID Connect provider: set LEDGERBRIDGE_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET too");
      }
      if (anySet) {
        issuer = issuer.trim();
        checkIssuer(issuer);
      }
      allowedDomains = allowedDomains == null ? List.of() : allowedDomains.stream().map(Oidc::domain).toList();
    }

    /** Whether sign-in through the provider is set up. */
    public boolean configured() {
      return isSet(issuer);
    }

    private static boolean isSet(String value) {
      return value != null && !value.isBlank();
    }

    private static List<String> missing(String issuer, String clientId, String clientSecret) {
      return Stream.of(isSet(issuer) ? null : "LEDGERBRIDGE_OIDC_ISSUER",
          isSet(clientId) ? null : "LEDGERBRIDGE_OIDC_CLIENT_ID",
          isSet(clientSecret) ? null : "LEDGERBRIDGE_OIDC_CLIENT_SECRET").filter(Objects::nonNull).toList();
    }

    /** An https URL without query or fragment, or http on this machine (a provider for testing). */
    private static void checkIssuer(String issuer) {
      String example = " (e.g. https://accounts.google.com, or https://login.microsoftonline.com/<tenant-id>/v2.0)";
      URI uri;
      try {
        uri = new URI(issuer);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("LEDGERBRIDGE_OIDC_ISSUER '" + issuer + "' is not a URL" + example, e);
      }
      boolean https = "https".equals(uri.getScheme());
      boolean localHttp = "http".equals(uri.getScheme()) && uri.getHost() != null
          && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
      if (!(https || localHttp) || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("LEDGERBRIDGE_OIDC_ISSUER '" + issuer + "' must be the provider's https issuer"
            + " URL, without query or fragment" + example);
      }
    }

    private static String domain(String domain) {
      String normal = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
      if (normal.isEmpty() || normal.contains("@") || !normal.contains(".") || normal.startsWith(".")) {
        throw new IllegalArgumentException("LEDGERBRIDGE_OIDC_ALLOWED_DOMAINS: '" + domain + "' is not an email domain;"
            + " list domains separated by commas, e.g. acme.com,acme.co.uk");
      }
      return normal;
    }

    @Override
    public String toString() {
      return "Oidc[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=" + Masking.mask(clientSecret)
          + ", displayName=" + displayName + ", allowedDomains=" + allowedDomains + "]";
    }
  }

  @Override
  public String toString() {
    return "LedgerBridgeProperties[dataDir=" + dataDir + ", demo=" + demo + ", adminToken="
        + Masking.mask(adminToken) + ", metricsToken=" + Masking.mask(metricsToken) + ", secretKey=" + Masking.mask(secretKey) + ", publicUrl="
        + publicUrl + ", qbo=" + qbo + ", salesforce=" + salesforce + ", sandbox=" + sandbox + ", mappingsFile=" + mappingsFile + ", oidc=" + oidc + "]";
  }
}
