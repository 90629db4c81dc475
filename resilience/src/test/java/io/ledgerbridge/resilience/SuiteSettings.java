package io.ledgerbridge.resilience;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How large the suite runs. The short form runs in every {@code mvn -B verify}; the long form
 * ({@code -Dresilience.long=true}) seeds thousands of records, kills the worker twice and cuts the database
 * for the full 30 s, and the load scenario's 200 API clients make 50 calls each beside 2,000 change notifications
 * of one record each (the short form: 10 calls each beside 400 notifications of 5 records, the same 2,000 changes).
 * Deadlines only stop a scenario that would otherwise wait forever; they are generous because four engineers
 * share two cores, and the figures, not the deadlines, say how fast recovery was.
 *
 * @param qboCustomers        customers the sandbox seeds into QuickBooks (each with 0-3 invoices, most paid)
 * @param salesforceAccounts  accounts created in Salesforce only, on top of the sandbox's own prospects
 * @param salesforceProducts  products created in Salesforce only, each with a standard price
 * @param wonOpportunities    Closed Won opportunities with 1-3 lines, on accounts and products made in Salesforce
 * @param kills               how often the crash scenario kills the worker with SIGKILL
 * @param databaseOutage      how long the database outage scenario cuts the connection to PostgreSQL
 * @param apiClients          concurrent API clients of the load scenario
 * @param requestsPerClient   REST calls each of them makes
 * @param deliveries          change notifications the load scenario delivers (webhooks, outbound messages, callouts)
 * @param recordsPerDelivery  changed records each delivery names
 */
record SuiteSettings(
    boolean longForm,
    int qboCustomers,
    int salesforceAccounts,
    int salesforceProducts,
    int wonOpportunities,
    int kills,
    Duration databaseOutage,
    int apiClients,
    int requestsPerClient,
    int deliveries,
    int recordsPerDelivery,
    Duration deadline,
    Path workerJar,
    Path sandboxJar,
    Path workDir) {

  static final double FAULT_RATE = 0.2;

  static SuiteSettings fromSystemProperties() {
    boolean longForm = Boolean.getBoolean("resilience.long");
    Path workerJar = existing("resilience.workerJar", "worker/target/ledgerbridge.jar");
    Path sandboxJar = existing("resilience.sandboxJar", "sandbox/target/ledgerbridge-sandbox-0.1.0-SNAPSHOT-standalone.jar");
    Path workDir = Path.of(System.getProperty("resilience.workDir", "target/resilience")).toAbsolutePath();
    return longForm
        ? new SuiteSettings(true, 1000, 300, 40, 200, 2, Duration.ofSeconds(30), 200, 50, 2000, 1, Duration.ofMinutes(20),
            workerJar,
            sandboxJar, workDir)
        : new SuiteSettings(false, 250, 60, 10, 40, 1, Duration.ofSeconds(20), 200, 10, 400, 5, Duration.ofMinutes(8),
            workerJar,
            sandboxJar, workDir);
  }

  private static Path existing(String property, String fallback) {
    Path path = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " is missing: the suite runs the packaged jars, so build with "
          + "'mvn -B verify -pl resilience -am' from the repository root");
    }
    return path;
  }
}
