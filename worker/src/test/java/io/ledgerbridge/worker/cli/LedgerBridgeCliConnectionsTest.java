package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** 'connections' and 'connections disconnect' against the running application, and their answers to wrong arguments. */
class LedgerBridgeCliConnectionsTest extends ApplicationTestSupport {
  private static final AtomicLong NEXT_REALM = new AtomicLong(6840816365000100L + (System.nanoTime() % 1000) * 100);

  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token", ADMIN_TOKEN));
    return CliRun.of(Map.of("COLUMNS", "250"), all.toArray(String[]::new));
  }

  @Test
  void connectionsListsTheCompaniesAndTheOrgAndDisconnectCutsACompanyOff() throws Exception {
    String realm = Long.toString(NEXT_REALM.incrementAndGet());
    connectQuickBooks(realm);

    CliRun listed = cli("connections");
    assertThat(listed.exitCode()).as("%s", listed).isZero();
    assertThat(listed.out().lines().findFirst().orElseThrow())
        .startsWith("SYSTEM").contains("ACCOUNT", "STATE", "ACCESS TOKEN EXPIRES", "AUTHORIZATION ENDS", "API CALLS LEFT", "AUTH FLOW");
    assertThat(listed.out()).containsPattern("QuickBooks +" + Sandbox.DEMO_REALM_ID + " +CONNECTED")
        .containsPattern("QuickBooks +" + realm + " +CONNECTED").containsPattern("Salesforce +127\\.0\\.0\\.1 +CONNECTED .* client-credentials");
    JsonNode json = new ObjectMapper().readTree(cli("connections", "--json").out());
    assertThat(json.isArray()).isTrue();

    CliRun disconnected = cli("connections", "disconnect", "quickbooks", realm);
    assertThat(disconnected.exitCode()).as("%s", disconnected).isZero();
    assertThat(disconnected.out()).isEqualTo("Disconnected QuickBooks company " + realm
        + ": Intuit revoked its token and LedgerBridge forgot it. Its jobs fail as not connected until it is connected again.\n");

    CliRun again = cli("connections", "disconnect", "quickbooks", realm);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("QuickBooks company " + realm + " is not connected");
  }

  @Test
  void theSalesforceOrgCannotBeDisconnectedAndTheAnswerSaysWhy() {
    CliRun refused = cli("connections", "disconnect", "salesforce");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("client-credentials flow").contains("LEDGERBRIDGE_SALESFORCE_CLIENT_ID");
  }

  @Test
  void wrongArgumentsAreRefusedBeforeAnyCall() {
    assertUsage("SYSTEM: 'xero' is not a system; one of quickbooks, salesforce", "connections", "disconnect", "xero", "1");
    assertUsage("REALM_ID: missing", "connections", "disconnect", "quickbooks");
    assertUsage("REALM_ID: 'acme' is not a realmId", "connections", "disconnect", "quickbooks", "acme");
    assertUsage("REALM_ID: the Salesforce org takes none", "connections", "disconnect", "salesforce", "1");
  }

  private static void assertUsage(String message, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--url", "http://127.0.0.1:1", "--token", "t"));
    CliRun run = CliRun.of(Map.of(), all.toArray(String[]::new));
    assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
    assertThat(run.err()).as("%s", run).contains(message);
  }
}
