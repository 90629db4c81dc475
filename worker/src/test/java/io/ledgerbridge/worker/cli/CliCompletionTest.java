package io.ledgerbridge.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ledgerbridge.workflows.sync.FailureType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledgerbridge completion bash}: the script, and what bash completes with it. */
class CliCompletionTest {
  @TempDir Path dir;

  private static CliRun cli(String... args) {
    return CliRun.of(Map.of(), args);
  }

  @Test
  void theScriptIsABashCompletionForLedgerbridgeAndNeedsNoServer() {
    CliRun script = cli("completion", "bash");

    assertThat(script.exitCode()).as("%s", script).isZero();
    assertThat(script.err()).isEmpty();
    assertThat(script.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_ledgerbridge", "ledgerbridge")
        .contains("--day-of-week", "--time-zone", "--repair");
  }

  @Test
  void completionWithoutAShellIsAUsageError() {
    CliRun none = cli("completion");

    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).startsWith("ledgerbridge completion: name the shell: bash\n");
    assertThat(cli("completion", "fish").err())
        .startsWith("ledgerbridge completion: unknown completion command 'fish'\nUsage: ledgerbridge completion bash\n");
  }

  /** Sources the script in bash and asks it, as bash does on TAB, for the words after "ledgerbridge ...". */
  private String complete(Path script, String... words) throws Exception {
    String line = "ledgerbridge " + String.join(" ", words);
    String probe = "compopt() { :; }\n" // only valid while bash itself completes
        + "source '" + script + "'\n"
        + "COMP_WORDS=(ledgerbridge " + String.join(" ", words.length == 0 ? new String[] {""} : quoted(words)) + ")\n"
        + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
        + "_complete_ledgerbridge; echo \"${COMPREPLY[*]}\"\n";
    Process bash = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  private static String[] quoted(String[] words) {
    String[] quoted = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      quoted[i] = "'" + words[i] + "'";
    }
    return quoted;
  }

  @Test
  void bashCompletesCommandsOptionsAndTheirValues() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "no bash");
    Path script = Files.writeString(dir.resolve("ledgerbridge.bash"), cli("completion", "bash").out());

    assertThat(complete(script, "jo")).isEqualTo("jobs");
    assertThat(complete(script, "jobs", "")).contains("create", "list", "run", "update", "delete");
    assertThat(complete(script, "jobs", "create", "--day-of-")).contains("--day-of-week", "--day-of-month");
    assertThat(complete(script, "jobs", "create", "--objects", "")).isEqualTo("Customer Item Invoice Vendor CreditMemo Payment SalesReceipt Estimate Contact");
    assertThat(complete(script, "errors", "list", "--type", "")).contains(FailureType.CONFLICT.name(),
        FailureType.MISSING_PARENT.name());
    assertThat(complete(script, "completion", "")).isEqualTo("bash");
    assertThat(complete(script, "help", "")).contains("jobs", "reconcile", "status");
  }
}
