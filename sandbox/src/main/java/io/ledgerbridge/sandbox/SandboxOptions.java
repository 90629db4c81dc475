package io.ledgerbridge.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Sandbox} runs: where it listens, how much demo data it seeds, and the token lifetimes and
 * limits that tests shorten to force expiry or throttling. Immutable; use the {@code with...} methods.
 *
 * @param host                       interface to bind; the sandbox is meant for loopback only
 * @param quickBooksPort             port of the QBO API and its OAuth endpoints (0 = ephemeral)
 * @param salesforcePort             port of the Salesforce login and instance endpoints (0 = ephemeral)
 * @param seedCustomers              demo customers seeded into {@link Sandbox#DEMO_REALM_ID}
 * @param seed                       seed of the deterministic demo-data generator
 * @param qboAccessTokenTtl          lifetime of a QBO access token (Intuit: 3600 s)
 * @param qboRefreshTokenTtl         rolling lifetime of a QBO refresh token (Intuit: about 100 days)
 * @param qboRotatedRefreshTokenGrace how long a QBO refresh token still works after a newer one was issued
 *                                   from it; Intuit documents 24 h, the default 0 makes rotation bugs show at once
 * @param salesforceSessionTtl       Salesforce session timeout (org default 2 h)
 * @param salesforceDailyApiLimit    Salesforce daily API request allocation ({@code DailyApiRequests.Max})
 * @param clock                      time source of all timestamps and expiries
 */
public record SandboxOptions(
    String host,
    int quickBooksPort,
    int salesforcePort,
    int seedCustomers,
    long seed,
    Duration qboAccessTokenTtl,
    Duration qboRefreshTokenTtl,
    Duration qboRotatedRefreshTokenGrace,
    Duration salesforceSessionTtl,
    long salesforceDailyApiLimit,
    Clock clock) {

  public static final int DEFAULT_QUICKBOOKS_PORT = 9101;
  public static final int DEFAULT_SALESFORCE_PORT = 9102;
  public static final int DEFAULT_SEED_CUSTOMERS = 60;

  public SandboxOptions {
    Objects.requireNonNull(host, "host");
    requirePort(quickBooksPort);
    requirePort(salesforcePort);
    if (seedCustomers < 0) {
      throw new IllegalArgumentException("seedCustomers must be >= 0");
    }
    requirePositive(qboAccessTokenTtl, "qboAccessTokenTtl");
    requirePositive(qboRefreshTokenTtl, "qboRefreshTokenTtl");
    Objects.requireNonNull(qboRotatedRefreshTokenGrace, "qboRotatedRefreshTokenGrace");
    if (qboRotatedRefreshTokenGrace.isNegative()) {
      throw new IllegalArgumentException("qboRotatedRefreshTokenGrace must be >= 0");
    }
    requirePositive(salesforceSessionTtl, "salesforceSessionTtl");
    if (salesforceDailyApiLimit <= 0) {
      throw new IllegalArgumentException("salesforceDailyApiLimit must be > 0");
    }
    Objects.requireNonNull(clock, "clock");
  }

  /** 127.0.0.1, ports 9101/9102, 60 demo customers, real-world token lifetimes. */
  public static SandboxOptions defaults() {
    return new SandboxOptions("127.0.0.1", DEFAULT_QUICKBOOKS_PORT, DEFAULT_SALESFORCE_PORT, DEFAULT_SEED_CUSTOMERS,
        20260101L, Duration.ofHours(1), Duration.ofDays(101), Duration.ZERO, Duration.ofHours(2), 100_000L,
        Clock.systemUTC());
  }

  public SandboxOptions withHost(String newHost) {
    return new SandboxOptions(newHost, quickBooksPort, salesforcePort, seedCustomers, seed, qboAccessTokenTtl,
        qboRefreshTokenTtl, qboRotatedRefreshTokenGrace, salesforceSessionTtl, salesforceDailyApiLimit, clock);
  }

  /** Ports of the two simulators; 0 picks a free port (tests). */
  public SandboxOptions withPorts(int qbo, int sf) {
    return new SandboxOptions(host, qbo, sf, seedCustomers, seed, qboAccessTokenTtl, qboRefreshTokenTtl,
        qboRotatedRefreshTokenGrace, salesforceSessionTtl, salesforceDailyApiLimit, clock);
  }

  public SandboxOptions withSeedCustomers(int n) {
    return new SandboxOptions(host, quickBooksPort, salesforcePort, n, seed, qboAccessTokenTtl, qboRefreshTokenTtl,
        qboRotatedRefreshTokenGrace, salesforceSessionTtl, salesforceDailyApiLimit, clock);
  }

  public SandboxOptions withSeed(long newSeed) {
    return new SandboxOptions(host, quickBooksPort, salesforcePort, seedCustomers, newSeed, qboAccessTokenTtl,
        qboRefreshTokenTtl, qboRotatedRefreshTokenGrace, salesforceSessionTtl, salesforceDailyApiLimit, clock);
  }

  /** Lifetime of QBO access tokens; a short one lets tests see the 401 and refresh. */
  public SandboxOptions withAccessTokenTtl(Duration ttl) {
    return new SandboxOptions(host, quickBooksPort, salesforcePort, seedCustomers, seed, ttl, qboRefreshTokenTtl,
        qboRotatedRefreshTokenGrace, salesforceSessionTtl, salesforceDailyApiLimit, clock);
  }

  public SandboxOptions withRefreshTokenTtl(Duration ttl) {
    return new SandboxOptions(host, quickBooksPort, salesforcePort, seedCustomers, seed, qboAccessTokenTtl, ttl,
        qboRotatedRefreshTokenGrace, salesforceSessionTtl, salesforceDailyApiLimit, clock);
  }

  /** How long a rotated-out QBO refresh token keeps working; {@code Duration.ofHours(24)} is Intuit's figure. */
  public SandboxOptions withRotatedRefreshTokenGrace(Duration grace) {
    return new SandboxOptions(host, quickBooksPort, salesforcePort, seedCustomers, seed, qboAccessTokenTtl,
        qboRefreshTokenTtl, grace, salesforceSessionTtl, salesforceDailyApiLimit, clock);
  }

  /** Salesforce session timeout; a short one lets tests see INVALID_SESSION_ID. */
  public SandboxOptions withSalesforceSessionTtl(Duration ttl) {
    return new SandboxOptions(host, quickBooksPort, salesforcePort, seedCustomers, seed, qboAccessTokenTtl,
        qboRefreshTokenTtl, qboRotatedRefreshTokenGrace, ttl, salesforceDailyApiLimit, clock);
  }

  public SandboxOptions withSalesforceDailyApiLimit(long limit) {
    return new SandboxOptions(host, quickBooksPort, salesforcePort, seedCustomers, seed, qboAccessTokenTtl,
        qboRefreshTokenTtl, qboRotatedRefreshTokenGrace, salesforceSessionTtl, limit, clock);
  }

  public SandboxOptions withClock(Clock newClock) {
    return new SandboxOptions(host, quickBooksPort, salesforcePort, seedCustomers, seed, qboAccessTokenTtl,
        qboRefreshTokenTtl, qboRotatedRefreshTokenGrace, salesforceSessionTtl, salesforceDailyApiLimit, newClock);
  }

  private static void requirePort(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
