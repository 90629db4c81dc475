package io.ledgerbridge.worker;

import io.ledgerbridge.worker.cli.LedgerBridgeCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** LedgerBridge: Temporal workers, REST API and admin page in one Spring Boot application. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LedgerBridgeApplication {

  /** Starts the server, or runs a CLI command ({@code jobs ...}, {@code runs ...}) against one. */
  public static void main(String[] args) {
    if (LedgerBridgeCli.isCliCommand(args)) {
      System.exit(LedgerBridgeCli.run(args, System.out, System.err, System.getenv()));
    }
    SpringApplication.run(LedgerBridgeApplication.class, args);
  }
}
