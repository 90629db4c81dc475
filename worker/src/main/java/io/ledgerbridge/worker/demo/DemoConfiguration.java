package io.ledgerbridge.worker.demo;

import io.ledgerbridge.activities.store.CompanySyncState;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import io.ledgerbridge.worker.catalog.ObjectCatalog;
import io.ledgerbridge.worker.config.LedgerBridgeProperties;
import io.ledgerbridge.worker.connections.QuickBooksConnector;
import io.ledgerbridge.worker.jobs.JobService;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: the sandbox QuickBooks and Salesforce run in this process, seeded with demo data, and people may sign in
 * through the sandbox's OpenID Connect provider unless another is configured.
 */
@Configuration
@ConditionalOnProperty(name = "ledgerbridge.demo", havingValue = "true")
class DemoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);

  @Bean(destroyMethod = "close")
  Sandbox sandbox(LedgerBridgeProperties properties) {
    LedgerBridgeProperties.Sandbox settings = properties.sandbox();
    SandboxOptions options =
        SandboxOptions.defaults().withPorts(settings.qboPort(), settings.salesforcePort()).withSeedCustomers(settings.customers());
    Sandbox sandbox = Sandbox.start(settings.qboThrottle() ? options : options.withoutQboRateLimits());
    log.info(
        "Demo sandbox: QuickBooks Online at {} (company {}{}), Salesforce at {}, OpenID Connect provider at {}",
        sandbox.quickBooksUrl(), Sandbox.DEMO_REALM_ID, settings.qboThrottle() ? "" : ", Intuit's throttles off",
        sandbox.salesforceUrl(), sandbox.oidcProvider().issuer());
    return sandbox;
  }

  @Bean
  DemoSetup demoSetup(
      Sandbox sandbox, LedgerBridgeProperties properties, QuickBooksConnector connector, JobService jobs,
      ObjectCatalog catalog, JdbcTemplate jdbc, TransactionTemplate transaction, OkHttpClient http) {
    return new DemoSetup(sandbox, properties.sandbox().sendNotifications(), connector, jobs, catalog,
        new CompanySyncState(jdbc, transaction), http);
  }
}
