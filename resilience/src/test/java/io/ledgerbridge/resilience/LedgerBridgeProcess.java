package io.ledgerbridge.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LedgerBridge as it is deployed: {@code java -jar worker/target/ledgerbridge.jar} in its own process,
 * configured only through its command line and environment, pointed at the sandbox process as at a real
 * QuickBooks app and Salesforce org. A kill leaves its data directory (and database) as the crash left it,
 * and a restart runs the same configuration again.
 */
final class LedgerBridgeProcess implements AutoCloseable {
  private final Config config;
  private final SuiteSettings settings;
  private final List<ManagedProcess> generations = new ArrayList<>();

  /**
   * @param temporalAddress  empty: this process starts the embedded Temporal on {@code embeddedTemporalPort};
   *                         else the Temporal it joins ({@code TEMPORAL_ADDRESS})
   * @param databaseUrl      empty: the H2 file in the data directory; else a PostgreSQL URL
   */
  record Config(String name, Path dataDir, int serverPort, int embeddedTemporalPort, String temporalAddress,
      String databaseUrl, SandboxProcess sandbox) {

    static Config embedded(String name, Path dataDir, SandboxProcess sandbox) {
      return new Config(name, dataDir, FreePorts.next(), FreePorts.next(), "", "", sandbox);
    }

    Config onDatabase(String url) {
      return new Config(name, dataDir, serverPort, embeddedTemporalPort, temporalAddress, url, sandbox);
    }

    /** A second worker of the same deployment: its own port, the first one's Temporal, data directory and database. */
    Config secondWorker(String secondName) {
      return new Config(secondName, dataDir, FreePorts.next(), 0, "127.0.0.1:" + embeddedTemporalPort, databaseUrl,
          sandbox);
    }
  }

  private LedgerBridgeProcess(Config config, SuiteSettings settings) {
    this.config = config;
    this.settings = settings;
  }

  /** Starts the process and waits until it is ready to serve the API. */
  static LedgerBridgeProcess start(Config config, SuiteSettings settings) {
    LedgerBridgeProcess worker = new LedgerBridgeProcess(config, settings);
    worker.startGeneration();
    return worker;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + config.serverPort();
  }

  long pid() {
    return current().pid();
  }

  boolean isAlive() {
    return current().isAlive();
  }

  /** The admin token the first start generated into the data directory. */
  String adminToken() {
    try {
      return Files.readString(config.dataDir().resolve("admin-token")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL in the middle of whatever it is doing. */
  void kill9() {
    current().kill9();
  }

  /** A new process with the same configuration, data directory and ports; waits until it is ready. */
  void restart() {
    if (current().isAlive()) {
      throw new IllegalStateException(config.name() + " is still running");
    }
    startGeneration();
  }

  /** What every process of this worker wrote, oldest first. */
  String output() {
    StringBuilder all = new StringBuilder();
    for (ManagedProcess generation : generations) {
      all.append(generation.output());
    }
    return all.toString();
  }

  /** Lines of the current process's log (since the last start) that contain every one of the fragments. */
  List<String> logLines(String... fragments) {
    return current().output().lines().filter(line -> {
      for (String fragment : fragments) {
        if (!line.contains(fragment)) {
          return false;
        }
      }
      return true;
    }).toList();
  }

  @Override
  public void close() {
    for (ManagedProcess generation : generations) {
      generation.close();
    }
  }

  private ManagedProcess current() {
    return generations.get(generations.size() - 1);
  }

  private void startGeneration() {
    List<String> command = new ArrayList<>(List.of(SandboxProcess.javaBinary(), "-Xmx768m", "-jar",
        settings.workerJar().toString(),
        "--server.port=" + config.serverPort(),
        "--ledgerbridge.data-dir=" + config.dataDir(),
        "--ledgerbridge.public-url=" + baseUrl(),
        "--ledgerbridge.qbo.client-id=" + QuickBooksSandbox.CLIENT_ID,
        "--ledgerbridge.qbo.client-secret=" + QuickBooksSandbox.CLIENT_SECRET,
        "--ledgerbridge.qbo.api-base-url=" + config.sandbox().quickBooksUrl(),
        "--ledgerbridge.salesforce.login-url=" + config.sandbox().salesforceUrl(),
        "--ledgerbridge.salesforce.client-id=" + SalesforceSandbox.CLIENT_ID,
        "--ledgerbridge.salesforce.client-secret=" + SalesforceSandbox.CLIENT_SECRET,
        "--ledgerbridge.qbo.webhook-verifier-token=" + ChangeNotices.QUICKBOOKS_VERIFIER_TOKEN,
        "--ledgerbridge.salesforce.notification-token=" + ChangeNotices.SALESFORCE_NOTIFICATION_TOKEN));
    Map<String, String> environment = new LinkedHashMap<>();
    // Below the landscape's first sync of customers to Salesforce (more than a collection's 200), so it goes in a Bulk
    // API 2.0 job as a large company's would, and the faults, the kill and the outages meet that job too.
    environment.put("LEDGERBRIDGE_SALESFORCE_BULK_THRESHOLD", "100");
    if (config.temporalAddress().isEmpty()) {
      command.add("--temporal.embedded-port=" + config.embeddedTemporalPort());
    } else {
      environment.put("TEMPORAL_ADDRESS", config.temporalAddress());
    }
    if (!config.databaseUrl().isEmpty()) {
      environment.put("SPRING_DATASOURCE_URL", config.databaseUrl());
      environment.put("SPRING_DATASOURCE_USERNAME", PostgresDatabase.USER);
      environment.put("SPRING_DATASOURCE_PASSWORD", "");
    }
    Path log = config.dataDir().getParent().resolve(config.name() + "-" + (generations.size() + 1) + ".log");
    ManagedProcess process = ManagedProcess.start(config.name(), command, environment, log);
    generations.add(process);
    Waiting.until(config.name() + " is ready", Duration.ofMinutes(4), Duration.ofMillis(500),
        () -> !process.isAlive() || Http.answers(baseUrl() + "/actuator/health/readiness", 200),
        () -> tail(process.output()));
    if (!process.isAlive()) {
      throw new IllegalStateException(config.name() + " exited at start; its log " + log + ":\n" + tail(process.output()));
    }
  }

  static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
