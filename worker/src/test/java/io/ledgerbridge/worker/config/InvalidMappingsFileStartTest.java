package io.ledgerbridge.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.worker.LedgerBridgeApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A start with an invalid mappings file stops with the file, line and reason, not a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class InvalidMappingsFileStartTest {

  @Test
  void anInvalidMappingsFileStopsTheStartWithItsLineAndWhatToDo(@TempDir Path dir, CapturedOutput output)
      throws Exception {
    Path mappings = Files.writeString(dir.resolve("mappings.yaml"), """
        mappings:
          - object: Customer
            salesforceObject: Account
            conflictPolicy: ALWAYS_ME
        """);

    assertThatThrownBy(() -> SpringApplication.run(
            LedgerBridgeApplication.class,
            "--server.port=0",
            "--ledgerbridge.demo=true",
            "--ledgerbridge.data-dir=" + dir.resolve("data"),
            "--ledgerbridge.admin-token=mappings-test",
            "--ledgerbridge.sandbox.qbo-port=0",
            "--ledgerbridge.sandbox.salesforce-port=0",
            "--temporal.embedded-port=0",
            "--ledgerbridge.mappings-file=" + mappings))
        .hasRootCauseInstanceOf(io.ledgerbridge.activities.mapping.MappingFileException.class);

    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains(mappings + ", line 4: Customer mapping: conflictPolicy: 'ALWAYS_ME' is not one of")
        .contains("Fix line 4 of " + mappings + " (LEDGERBRIDGE_MAPPINGS_FILE)")
        .doesNotContain("\tat io.ledgerbridge.activities.mapping");
  }
}
