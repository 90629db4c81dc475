package io.ledgerbridge.worker.config;

import io.ledgerbridge.activities.errors.CallRetries;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.preflight.CompanyPreflight;
import io.ledgerbridge.activities.preflight.SalesforcePreflight;
import io.ledgerbridge.activities.quickbooks.QuickBooksClient;
import io.ledgerbridge.activities.quickbooks.QuickBooksLimits;
import io.ledgerbridge.activities.quickbooks.QuickBooksSettings;
import io.ledgerbridge.activities.runs.RunReportActivitiesImpl;
import io.ledgerbridge.activities.runs.RunStore;
import io.ledgerbridge.activities.salesforce.JwtBearerAssertion;
import io.ledgerbridge.activities.salesforce.SalesforceAuthFlow;
import io.ledgerbridge.activities.salesforce.SalesforceClient;
import io.ledgerbridge.activities.salesforce.SalesforceLogin;
import io.ledgerbridge.activities.salesforce.SalesforceSettings;
import io.ledgerbridge.activities.store.ConnectionListener;
import io.ledgerbridge.activities.store.ConnectionStore;
import io.ledgerbridge.activities.sync.SyncActivitiesImpl;
import io.ledgerbridge.activities.sync.SyncStores;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.workflows.runs.RunReportActivities;
import io.ledgerbridge.workflows.sync.SyncActivities;
import io.ledgerbridge.worker.security.LocalSecrets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The QuickBooks and Salesforce connections and the stores the activities use. In demo mode both
 * point at the in-process sandbox with its demo OAuth clients; otherwise the settings must name a
 * real app, and start-up stops with a message saying which variable is missing.
 */
@Configuration
class ConnectorsConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ConnectorsConfiguration.class);

  @Bean
  OkHttpClient httpClient() {
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(120)) // QBO answers within 120 s or times out itself
        .callTimeout(Duration.ofSeconds(150))
        .build();
  }

  @Bean
  QuickBooksSettings quickBooksSettings(LedgerBridgeProperties properties, Optional<Sandbox> sandbox) {
    String redirectUri = properties.publicUrl() + QuickBooksOAuthPaths.CALLBACK;
    if (sandbox.isPresent()) {
      return QuickBooksSettings.at(
          sandbox.get().quickBooksUrl(), Sandbox.QBO_CLIENT_ID, Sandbox.QBO_CLIENT_SECRET, redirectUri);
    }
    LedgerBridgeProperties.QuickBooks qbo = properties.qbo();
    require(qbo.clientId(), "LEDGERBRIDGE_QBO_CLIENT_ID", "the QuickBooks app's client id");
    require(qbo.clientSecret(), "LEDGERBRIDGE_QBO_CLIENT_SECRET", "the QuickBooks app's client secret");
    if (qbo.apiBaseUrl() != null && !qbo.apiBaseUrl().isBlank()) {
      return QuickBooksSettings.at(qbo.apiBaseUrl(), qbo.clientId(), qbo.clientSecret(), redirectUri);
    }
    return switch (qbo.environment()) {
      case "production" -> QuickBooksSettings.production(qbo.clientId(), qbo.clientSecret(), redirectUri);
      case "development" -> QuickBooksSettings.intuitDevelopment(qbo.clientId(), qbo.clientSecret(), redirectUri);
      default -> throw new IllegalStateException(
          "LEDGERBRIDGE_QBO_ENVIRONMENT must be 'production' or 'development', not '" + qbo.environment() + "'");
    };
  }

  /**
   * The org and the flow its tokens come by ({@code LEDGERBRIDGE_SALESFORCE_AUTH_FLOW}). In demo mode the sandbox
   * org, by the same flow: for the JWT bearer flow a key pair is made at start and its public key registered as the
   * demo connected app's certificate.
   */
  @Bean
  SalesforceSettings salesforceSettings(LedgerBridgeProperties properties, Optional<Sandbox> sandbox) {
    LedgerBridgeProperties.Salesforce salesforce = properties.salesforce();
    SalesforceAuthFlow flow;
    try {
      flow = SalesforceAuthFlow.parse(salesforce.authFlow());
    } catch (IllegalArgumentException unknown) {
      throw new IllegalStateException("LEDGERBRIDGE_SALESFORCE_AUTH_FLOW: " + unknown.getMessage());
    }
    String redirectUri = properties.publicUrl() + SalesforceOAuthPaths.CALLBACK;
    if (sandbox.isPresent()) {
      String url = sandbox.get().salesforceUrl();
      return switch (flow) {
        case CLIENT_CREDENTIALS -> new SalesforceSettings(
            url, Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_CLIENT_SECRET, Sandbox.SALESFORCE_API_VERSION);
        case WEB_SERVER -> SalesforceSettings.webServer(url, Sandbox.SALESFORCE_CLIENT_ID,
            Sandbox.SALESFORCE_CLIENT_SECRET, redirectUri, Sandbox.SALESFORCE_API_VERSION);
        case JWT_BEARER -> {
          KeyPair demoKeys = demoJwtKeys();
          sandbox.get().useSalesforceJwtCertificateKey(demoKeys.getPublic());
          yield SalesforceSettings.jwtBearer(url, Sandbox.SALESFORCE_CLIENT_ID, Sandbox.SALESFORCE_USERNAME,
              demoKeys.getPrivate(), Sandbox.SALESFORCE_API_VERSION);
        }
      };
    }
    require(salesforce.clientId(), "LEDGERBRIDGE_SALESFORCE_CLIENT_ID", "the connected app's consumer key");
    if (flow == SalesforceAuthFlow.CLIENT_CREDENTIALS) {
      require(salesforce.loginUrl(), "LEDGERBRIDGE_SALESFORCE_LOGIN_URL", "your org's My Domain URL (the client"
          + " credentials flow is served there only)");
    }
    String loginUrl = salesforce.loginUrl() == null || salesforce.loginUrl().isBlank()
        ? SalesforceSettings.PRODUCTION_LOGIN_URL
        : salesforce.loginUrl();
    return switch (flow) {
      case CLIENT_CREDENTIALS -> {
        require(salesforce.clientSecret(), "LEDGERBRIDGE_SALESFORCE_CLIENT_SECRET", "the connected app's consumer secret");
        yield new SalesforceSettings(loginUrl, salesforce.clientId(), salesforce.clientSecret(), salesforce.apiVersion());
      }
      case WEB_SERVER -> {
        require(salesforce.clientSecret(), "LEDGERBRIDGE_SALESFORCE_CLIENT_SECRET", "the connected app's consumer secret");
        yield SalesforceSettings.webServer(
            loginUrl, salesforce.clientId(), salesforce.clientSecret(), redirectUri, salesforce.apiVersion());
      }
      case JWT_BEARER -> {
        require(salesforce.username(), "LEDGERBRIDGE_SALESFORCE_USERNAME", "the Salesforce user LedgerBridge acts as");
        if (salesforce.privateKeyFile() == null) {
          throw new IllegalStateException("LEDGERBRIDGE_SALESFORCE_PRIVATE_KEY_FILE is not set: set it to the PEM"
              + " (PKCS#8) private key whose certificate is uploaded to the connected app, for the jwt-bearer flow");
        }
        PrivateKey key;
        try {
          key = JwtBearerAssertion.readPrivateKey(salesforce.privateKeyFile());
        } catch (IllegalArgumentException unusable) {
          throw new IllegalStateException("LEDGERBRIDGE_SALESFORCE_PRIVATE_KEY_FILE: " + unusable.getMessage());
        }
        yield SalesforceSettings.jwtBearer(
            loginUrl, salesforce.clientId(), salesforce.username(), key, salesforce.apiVersion());
      }
    };
  }

  private static KeyPair demoJwtKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK cannot make RSA keys", e);
    }
  }

  private static void require(String value, String variable, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          variable + " is not set: set it to " + what + ", or run './ledgerbridge demo' to use the local sandbox");
    }
  }

  /** Tells every {@link ConnectionListener} (the alert webhook), looked up when a connection needs it. */
  @Bean
  ConnectionStore connectionStore(JdbcTemplate jdbc, LocalSecrets secrets, ObjectProvider<ConnectionListener> listeners) {
    return new ConnectionStore(jdbc, secrets.cipher(),
        (system, accountId, reason, since) ->
            listeners.orderedStream().forEach(listener -> listener.needsReauthorization(system, accountId, reason, since)));
  }

  @Bean
  QuickBooksLimits quickBooksLimits(JdbcTemplate jdbc, LedgerBridgeProperties properties) {
    return QuickBooksLimits.inDatabase(jdbc, properties.qbo().monthlyReads());
  }

  @Bean
  QuickBooksClient quickBooksClient(
      OkHttpClient http, QuickBooksSettings settings, ConnectionStore connections, QuickBooksLimits limits) {
    return new QuickBooksClient(http, settings, connections, limits);
  }

  @Bean
  SalesforceLogin salesforceLogin(OkHttpClient http, SalesforceSettings settings, ConnectionStore connections) {
    return new SalesforceLogin(http, settings, connections, Clock.systemUTC());
  }

  @Bean
  SalesforceClient salesforceClient(OkHttpClient http, SalesforceLogin login, LedgerBridgeProperties properties,
      ConnectionStore connections) {
    return new SalesforceClient(http, login, CallRetries.standard(), properties.salesforce().apiReservePercent(),
        Clock.systemUTC(), connections.calls());
  }

  @Bean
  RunStore runStore(JdbcTemplate jdbc) {
    return new RunStore(jdbc);
  }

  /**
   * The field mappings: the built-in defaults, merged with the admin's file when {@code
   * ledgerbridge.mappings-file} (LEDGERBRIDGE_MAPPINGS_FILE) names one. An invalid file stops the
   * start with the file, the line and the reason.
   */
  @Bean
  Mappings mappings(LedgerBridgeProperties properties) {
    Path mappingsFile = properties.mappingsFile();
    if (mappingsFile == null) {
      return Mappings.defaults();
    }
    Mappings mappings = Mappings.load(mappingsFile);
    log.info("Field mappings: the defaults with {} merged in", mappingsFile);
    return mappings;
  }

  @Bean
  SyncActivities syncActivities(QuickBooksClient qbo, SalesforceClient salesforce, JdbcTemplate jdbc, Mappings mappings,
      LedgerBridgeProperties properties) {
    return new SyncActivitiesImpl(qbo, salesforce, SyncStores.on(jdbc), mappings, properties.salesforce().bulkThreshold());
  }

  @Bean
  SalesforcePreflight salesforcePreflight(SalesforceClient salesforce, QuickBooksClient qbo, Mappings mappings) {
    return new SalesforcePreflight(salesforce, mappings, new CompanyPreflight(qbo));
  }

  @Bean
  RunReportActivities runReportActivities(RunStore runs) {
    return new RunReportActivitiesImpl(runs);
  }
}
