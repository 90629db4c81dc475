package io.ledgerbridge.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standalone sandbox (QuickBooks Online and Salesforce simulators) in its own process, so its data
 * outlives any LedgerBridge process the scenarios kill. Faults go in through its admin API.
 */
final class SandboxProcess implements AutoCloseable {
  /** Fault kinds of the admin API: 500, 503, 429 (Salesforce: 403 REQUEST_LIMIT_EXCEEDED), expired token, timeout, drop. */
  private static final List<String> FAULT_KINDS = List.of("500", "503", "429", "401", "timeout", "drop");

  private final ManagedProcess process;
  private final String quickBooksUrl;
  private final String salesforceUrl;

  private SandboxProcess(ManagedProcess process, String quickBooksUrl, String salesforceUrl) {
    this.process = process;
    this.quickBooksUrl = quickBooksUrl;
    this.salesforceUrl = salesforceUrl;
  }

  /**
   * @param quickBooksThrottle whether QuickBooks answers 429 beyond Intuit's 500 calls a minute (and 10 a second)
   *     per company, as it does by default
   */
  static SandboxProcess start(SuiteSettings settings, Path dir, boolean quickBooksThrottle) {
    int qboPort = FreePorts.next();
    int sfPort = FreePorts.next();
    ManagedProcess process = ManagedProcess.start("sandbox",
        List.of(javaBinary(), "-Xmx512m", "-jar", settings.sandboxJar().toString(), "--host", "127.0.0.1",
            "--qbo-port", Integer.toString(qboPort), "--sf-port", Integer.toString(sfPort),
            "--customers", Integer.toString(settings.qboCustomers()),
            "--qbo-throttle", quickBooksThrottle ? "on" : "off"),
        Map.of(), dir.resolve("sandbox.log"));
    SandboxProcess sandbox = new SandboxProcess(process, "http://127.0.0.1:" + qboPort, "http://127.0.0.1:" + sfPort);
    try {
      Waiting.until("the sandbox answers", Duration.ofMinutes(2), Duration.ofMillis(200),
          () -> !process.isAlive() || Http.answers(sandbox.quickBooksUrl + "/__sandbox/faults", 200)
              && Http.answers(sandbox.salesforceUrl + "/__sandbox/faults", 200),
          process::output);
      if (!process.isAlive()) {
        throw new IllegalStateException("the sandbox exited at start:\n" + process.output());
      }
      return sandbox;
    } catch (RuntimeException | AssertionError e) {
      process.close();
      throw e;
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  String quickBooksUrl() {
    return quickBooksUrl;
  }

  String salesforceUrl() {
    return salesforceUrl;
  }

  /**
   * Every fault kind on both APIs, each {@code totalRate} / 6 of the calls. A TIMEOUT holds its call
   * {@code hold}, then closes the connection unanswered: the client sees the same as when its own read
   * timeout fires, without the suite waiting LedgerBridge's 120 s read timeout out every time.
   */
  void injectFaults(double totalRate, Duration hold) {
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String kind : FAULT_KINDS) {
      rates.put(kind, totalRate / FAULT_KINDS.size());
    }
    Map<String, Object> body = Map.of("rates", rates, "timeoutMillis", hold.toMillis(), "retryAfterSeconds", 1);
    for (String url : List.of(quickBooksUrl, salesforceUrl)) {
      Http.Reply reply = Http.json("PUT", url + "/__sandbox/faults", body);
      if (reply.status() != 200) {
        throw new IllegalStateException("the sandbox refused the faults: " + reply.abbreviated());
      }
    }
  }

  void clearFaults() {
    for (String url : List.of(quickBooksUrl, salesforceUrl)) {
      Http.send("DELETE", url + "/__sandbox/faults", null, null);
    }
  }

  /** Calls per endpoint and per status since the counters were last cleared, as the sandbox's admin API answers. */
  JsonNode counters(String url) {
    return Http.get(url + "/__sandbox/counters").json();
  }

  void clearCounters(String url) {
    Http.send("DELETE", url + "/__sandbox/counters", null, null);
  }

  /** Status counts the sandbox answered since start, e.g. how many faults it really injected. */
  Map<String, Long> statuses(String url) {
    Map<String, Long> statuses = new LinkedHashMap<>();
    Http.get(url + "/__sandbox/counters").json().path("statuses").fields()
        .forEachRemaining(e -> statuses.put(e.getKey(), e.getValue().asLong()));
    return statuses;
  }

  @Override
  public void close() {
    process.close();
  }
}
