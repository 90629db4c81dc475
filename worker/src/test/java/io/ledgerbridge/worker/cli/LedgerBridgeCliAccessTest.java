package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** 'tokens' and 'people' against the running application, and their answers to wrong arguments. */
class LedgerBridgeCliAccessTest extends ApplicationTestSupport {
  private CliRun cliAs(String token, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token", token));
    return CliRun.of(Map.of("COLUMNS", "200"), all.toArray(String[]::new));
  }

  private CliRun cli(String... args) {
    return cliAs(ADMIN_TOKEN, args);
  }

  @Test
  void tokensAreCreatedListedUsedAndRevoked() {
    String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);

    CliRun created = cli("tokens", "create", "--name", name, "--role", "viewer", "--expires-in", "30d");
    assertThat(created.exitCode()).as("%s", created).isZero();
    assertThat(created.out()).startsWith("Created token ").contains("'" + name + "' (VIEWER), expires ")
        .contains("shown only this once:\n  lbt_");
    String secret = created.out().lines().toList().get(1).trim();
    String id = created.out().split(" ")[2];

    CliRun listed = cli("tokens", "list");
    assertThat(listed.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("NAME", "ROLE", "STATE", "EXPIRES");
    assertThat(listed.out()).contains(name).contains("ACTIVE").doesNotContain(secret);
    assertThat(cliAs(secret, "jobs", "list").exitCode()).as("the token works for the CLI").isZero();
    CliRun refused = cliAs(secret, "tokens", "list");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("needs the ADMIN role").contains(name + " (API token) has the VIEWER role");

    CliRun revoked = cli("tokens", "revoke", id);
    assertThat(revoked.exitCode()).as("%s", revoked).isZero();
    assertThat(revoked.out()).isEqualTo("Revoked token " + id + "; requests with it are refused from now on.\n");
    CliRun after = cliAs(secret, "jobs", "list");
    assertThat(after.exitCode()).isEqualTo(1);
    assertThat(after.err()).contains("API token '" + name + "' was revoked");
    assertThat(cli("tokens", "revoke", id).err()).contains("revoked already");
  }

  @Test
  void peopleAreAddedGivenARoleAndDisabled() throws Exception {
    String email = "cli-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Path passwordFile = Files.createTempFile("password", ".txt");
    Files.writeString(passwordFile, "a long enough password\n");

    CliRun added = cli("people", "add", "--name", "Cli Person", "--email", email, "--role", "viewer",
        "--password-file", passwordFile.toString(), "--json");
    assertThat(added.exitCode()).as("%s", added).isZero();
    JsonNode person = new ObjectMapper().readTree(added.out());
    assertThat(person.get("role").asText()).isEqualTo("VIEWER");
    assertThat(added.out()).doesNotContain("a long enough password");
    String id = person.get("id").asText();

    CliRun promoted = cli("people", "set-role", id, "operator");
    assertThat(promoted.out()).isEqualTo("Cli Person <" + email + "> is now OPERATOR.\n");
    assertThat(cli("people", "list").out()).contains(email).contains("OPERATOR").contains("ACTIVE");
    CliRun disabled = cli("people", "disable", id);
    assertThat(disabled.out()).isEqualTo("Disabled Cli Person <" + email + ">; they are signed out.\n");
    assertThat(cli("people", "list").out()).contains("DISABLED");
    assertThat(call("POST", "/api/session", "{\"email\":\"" + email + "\",\"password\":\"a long enough password\"}", null)
        .status()).isEqualTo(401);
  }

  @Test
  void wrongArgumentsAreRefusedBeforeAnyCall() throws Exception {
    String nowhere = "http://127.0.0.1:1";
    assertUsage("--role: 'root' is not a role; one of VIEWER, OPERATOR, ADMIN",
        "tokens", "create", "--name", "x", "--role", "root", "--url", nowhere, "--token", "t");
    assertUsage("--expires-in: '3w' is not a number of days, e.g. 90d",
        "tokens", "create", "--name", "x", "--role", "viewer", "--expires-in", "3w", "--url", nowhere, "--token", "t");
    assertUsage("--role needs a value: --role ROLE", "tokens", "create", "--name", "x", "--url", nowhere, "--token", "t");
    assertUsage("ID: 'abc' is not a token's id", "tokens", "revoke", "abc", "--url", nowhere, "--token", "t");
    assertUsage("ID: 'x' is not a person's id", "people", "disable", "x", "--url", nowhere, "--token", "t");
    assertUsage("ROLE: 'boss' is not a role", "people", "set-role", "1", "boss", "--url", nowhere, "--token", "t");
    Path empty = Files.createTempFile("password", ".txt");
    assertUsage("--password-file: " + empty + " is empty", "people", "add", "--name", "A", "--email", "a@example.com",
        "--role", "viewer", "--password-file", empty.toString(), "--url", nowhere, "--token", "t");
    assertUsage("--password-file: cannot read /no/such/file", "people", "add", "--name", "A", "--email", "a@example.com",
        "--role", "viewer", "--password-file", "/no/such/file", "--url", nowhere, "--token", "t");
    assertUsage("name a tokens command", "tokens");
    CliRun badEmail = cli("people", "add", "--name", "A", "--email", "nope", "--role", "viewer", "--password-file",
        writeTemp("a long enough password"));
    assertThat(badEmail.exitCode()).isEqualTo(1);
    assertThat(badEmail.err()).contains("email: 'nope' is not an email address");
  }

  private static String writeTemp(String content) throws Exception {
    Path file = Files.createTempFile("password", ".txt");
    Files.writeString(file, content);
    return file.toString();
  }

  private static void assertUsage(String message, String... args) {
    CliRun run = CliRun.of(Map.of(), args);
    assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
    assertThat(run.err()).as("%s", run).contains(message);
  }
}
