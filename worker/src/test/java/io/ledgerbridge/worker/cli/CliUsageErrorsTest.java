package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad command lines against a stand-in for LedgerBridge that records every request: each exits 2
 * with one clear line and the command's usage, and none reaches the API.
 */
class CliUsageErrorsTest {
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
      byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  /** The command with the stand-in's URL and a token, so only the arguments can be at fault. */
  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--token", "t"));
    return CliRun.of(Map.of(), all.toArray(String[]::new));
  }

  @Test
  void aMistypedCommandOrOptionSuggestsTheNearestNames() {
    assertThat(cli("jbos").err()).startsWith("ledgerbridge: unknown command 'jbos'. Did you mean: jobs?\nUsage: ledgerbridge ");
    assertThat(cli("stauts").err()).startsWith("ledgerbridge: unknown command 'stauts'. Did you mean: status?\n");
    assertThat(cli("jobs", "lsit").err()).startsWith("ledgerbridge jobs: unknown jobs command 'lsit'. Did you mean: list?\n");
    assertThat(cli("errors", "retyr", "12").err()).startsWith("ledgerbridge errors: unknown errors command 'retyr'. Did you mean: retry?\n");
    assertThat(cli("jobs", "list", "--jsn").err()).startsWith("ledgerbridge jobs list: unknown option --jsn. Did you mean: --json?\n");
    assertThat(cli("errors", "list", "--objcet", "Customer").err())
        .startsWith("ledgerbridge errors list: unknown option --objcet. Did you mean: --object?\n");
    assertThat(cli("jobs", "create", "--day-of-wek", "MON").err())
        .startsWith("ledgerbridge jobs create: unknown option --day-of-wek. Did you mean: --day-of-week?\n");
    assertThat(cli("jobs", "frobnicate").err()).as("nothing near: no guess").startsWith("ledgerbridge jobs: unknown jobs command 'frobnicate'\n");
    for (String[] typo : new String[][] {{"jbos"}, {"jobs", "lsit"}, {"jobs", "list", "--jsn"}}) {
      assertThat(cli(typo).exitCode()).as(String.join(" ", typo)).isEqualTo(2);
    }
    assertThat(requests).isEmpty();
  }

  @Test
  void badInputExitsTwoWithOneLineAndTheUsageAndCallsNothing() {
    String[][] bad = {
      {},
      {"jobs"},
      {"jobs", "show"},
      {"jobs", "show", ""},
      {"jobs", "show", "a", "b"},
      {"jobs", "list", "--name", "x"},
      {"jobs", "list", "--json=yes"},
      {"jobs", "create"},
      {"jobs", "create", "--name", "a", "--name", "b"},
      {"jobs", "create", "--name", "--json"},
      {"jobs", "create", "--file", "/no/such/file.json"},
      {"jobs", "update", "x"},
      {"jobs", "update", "x", "--hour", "4", "--file", "/no/such/file.json"},
      {"jobs", "run", "x", "--timeout", "10"},
      {"jobs", "run", "x", "--wait", "--timeout", "soon"},
      {"runs", "list", "--limit", "many"},
      {"runs", "show", " "},
      {"errors", "list", "--limit", "0"},
      {"errors", "list", "--direction", "sideways"},
      {"errors", "show", "abc"},
      {"errors", "retry"},
      {"errors", "retry", "12", "--all"},
      {"errors", "retry", "12", "--type", "DUPLICATE"},
      {"errors", "retry", "--all", "--company", ""},
      {"errors", "dismiss", "--all"},
      {"status", "now"},
      {"reconcile", "--timeout", "5m"},
      {"reconcile", "--wait", "--timeout", "0"},
      {"help", "nothing"},
      {"completion"},
    };
    for (String[] args : bad) {
      CliRun run = cli(args);
      String name = String.join(" ", args);
      assertThat(run.exitCode()).as("%s: %s", name, run).isEqualTo(2);
      assertThat(run.out()).as(name).isEmpty();
      List<String> lines = run.err().lines().toList();
      assertThat(lines.get(0)).as(name).startsWith("ledgerbridge").doesNotContain("Exception");
      assertThat(lines.get(1)).as(name).startsWith("Usage: ledgerbridge");
      assertThat(lines.get(lines.size() - 1)).as(name).matches("Run 'ledgerbridge[a-z ]*--help' for more\\.");
    }
    assertThat(requests).as("no API call for bad input").isEmpty();
  }

  @Test
  void commonOptionsMayStandAnywhereAndDoubleDashEndsTheOptions() {
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    CliRun before = CliRun.of(Map.of(), "--json", "--url", url, "--token", "t", "jobs", "list");
    assertThat(before.exitCode()).as("%s", before).isZero();
    assertThat(before.out()).isEqualTo("[]\n");

    CliRun between = cli("jobs", "--json", "list");
    assertThat(between.out()).isEqualTo("[]\n");

    CliRun afterDoubleDash = CliRun.of(Map.of(), "--url", url, "--token", "t", "jobs", "show", "--", "--odd-id");
    assertThat(afterDoubleDash.exitCode()).as("%s", afterDoubleDash).isZero();
    assertThat(requests).containsExactly("GET /api/jobs", "GET /api/jobs", "GET /api/jobs/--odd-id");
  }
}
