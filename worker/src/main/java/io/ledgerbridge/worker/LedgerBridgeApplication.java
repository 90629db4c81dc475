package io.ledgerbridge.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** LedgerBridge: Temporal workers, REST API and admin page in one Spring Boot application. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LedgerBridgeApplication {

  public static void main(String[] args) {
    SpringApplication.run(LedgerBridgeApplication.class, args);
  }
}
