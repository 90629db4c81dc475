package io.ledgerbridge.sandbox.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.sandbox.ContractClient;
import io.ledgerbridge.sandbox.MutableClock;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Intuit's per-realm throttles (reference §5): 10 per second and 500 per minute by default. */
class QuickBooksThrottleContractTest {
  private static final String COUNT = "/v3/company/" + Sandbox.DEMO_REALM_ID + "/query?query="
      + ContractClient.encode("select count(*) from Customer");

  @Test
  void eleventhCallInOneSecondGets429ThenTheWindowMoves() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(1).withClock(clock))) {
      ContractClient qbo = new ContractClient(sandbox.quickBooksUrl());
      String[] auth = {"Authorization", "Bearer " + QboConnection.accessToken(qbo)};
      for (int i = 0; i < 10; i++) {
        assertThat(qbo.get(COUNT, auth).status()).isEqualTo(200);
      }
      ContractClient.Reply throttled = qbo.get(COUNT, auth);
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(throttled.body()).contains("<Error code=\"3001\">")
          .contains("message=ThrottleExceeded; errorCode=003001; statusCode=429");
      assertThat(throttled.header("intuit_tid")).isNotBlank();
      assertThat(throttled.header("Retry-After")).as("seconds until the one-second window has room").isEqualTo("1");

      clock.advance(Duration.ofSeconds(1));
      assertThat(qbo.get(COUNT, auth).status()).isEqualTo(200);
    }
  }

  @Test
  void perMinuteLimitCountsAcrossSeconds() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T18:00:00Z"));
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPorts(0, 0).withSeedCustomers(1).withClock(clock)
        .withQboRateLimits(5, 0, 0))) {
      ContractClient qbo = new ContractClient(sandbox.quickBooksUrl());
      String[] auth = {"Authorization", "Bearer " + QboConnection.accessToken(qbo)};
      for (int i = 0; i < 5; i++) {
        clock.advance(Duration.ofSeconds(5));
        assertThat(qbo.get(COUNT, auth).status()).isEqualTo(200);
      }
      ContractClient.Reply throttled = qbo.get(COUNT, auth);
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(throttled.header("Retry-After")).as("the first of the five calls, made at 5 s, leaves the window at 65 s")
          .isEqualTo("40");
      clock.advance(Duration.ofSeconds(40));
      assertThat(qbo.get(COUNT, auth).status()).isEqualTo(200);
    }
  }
}
