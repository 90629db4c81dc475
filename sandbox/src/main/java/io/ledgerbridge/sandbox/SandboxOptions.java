package io.ledgerbridge.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Sandbox} runs: where it listens, how much demo data it seeds, and the token lifetimes and
 * limits that tests shorten to force expiry or throttling. Immutable; use the {@code with...} methods.
 *
 * @param host                        interface to bind; the sandbox is meant for loopback only
 * @param quickBooksPort              port of the QBO API and its OAuth endpoints (0 = ephemeral)
 * @param salesforcePort              port of the Salesforce login and instance endpoints (0 = ephemeral)
 * @param seedCustomers               demo customers seeded into {@link Sandbox#DEMO_REALM_ID}, each with
 *                                    0 to 3 invoices and payments on most of them
 * @param seed                        seed of the deterministic demo-data generator
 * @param qboAccessTokenTtl           lifetime of a QBO access token (Intuit: 3600 s)
 * @param qboRefreshTokenTtl          rolling lifetime of a QBO refresh token (Intuit: about 100 days)
 * @param qboRotatedRefreshTokenGrace how long a QBO refresh token still works after a newer one was issued
 *                                    from it; Intuit documents 24 h, the default 0 makes rotation bugs show at once
 * @param qboRequestsPerMinute        QBO throttle per realm (Intuit: 500); 0 = unlimited
 * @param qboRequestsPerSecond        QBO throttle per realm (Intuit: 10); 0 = unlimited
 * @param qboBatchRequestsPerMinute   QBO batch throttle per realm (Intuit: 40); 0 = unlimited
 * @param salesforceSessionTtl        Salesforce session timeout (org default 2 h)
 * @param salesforceDailyApiLimit     Salesforce daily API request allocation ({@code DailyApiRequests.Max})
 * @param notificationRetryDelays     waits between attempts to deliver a QBO webhook or Salesforce outbound
 *                                    message (the last repeats); empty = each service's documented schedule
 * @param clock                       time source of all timestamps, expiries and throttles (webhook
 *                                    retries run in real time)
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
    int qboRequestsPerMinute,
    int qboRequestsPerSecond,
    int qboBatchRequestsPerMinute,
    Duration salesforceSessionTtl,
    long salesforceDailyApiLimit,
    List<Duration> notificationRetryDelays,
    Clock clock) {

  public static final int DEFAULT_QUICKBOOKS_PORT = 9101;
  public static final int DEFAULT_SALESFORCE_PORT = 9102;
  public static final int DEFAULT_SEED_CUSTOMERS = 60;
  /** The generator keeps two small int arrays per record, so a million customers fit in a normal heap. */
  public static final int MAX_SEED_CUSTOMERS = 1_000_000;

  public SandboxOptions {
    Objects.requireNonNull(host, "host");
    requirePort(quickBooksPort);
    requirePort(salesforcePort);
    if (seedCustomers < 0 || seedCustomers > MAX_SEED_CUSTOMERS) {
      throw new IllegalArgumentException("seedCustomers must be between 0 and " + MAX_SEED_CUSTOMERS);
    }
    requirePositive(qboAccessTokenTtl, "qboAccessTokenTtl");
    requirePositive(qboRefreshTokenTtl, "qboRefreshTokenTtl");
    Objects.requireNonNull(qboRotatedRefreshTokenGrace, "qboRotatedRefreshTokenGrace");
    if (qboRotatedRefreshTokenGrace.isNegative()) {
      throw new IllegalArgumentException("qboRotatedRefreshTokenGrace must be >= 0");
    }
    if (qboRequestsPerMinute < 0 || qboRequestsPerSecond < 0 || qboBatchRequestsPerMinute < 0) {
      throw new IllegalArgumentException("QBO rate limits must be >= 0 (0 = unlimited)");
    }
    requirePositive(salesforceSessionTtl, "salesforceSessionTtl");
    if (salesforceDailyApiLimit <= 0) {
      throw new IllegalArgumentException("salesforceDailyApiLimit must be > 0");
    }
    notificationRetryDelays = List.copyOf(notificationRetryDelays);
    Objects.requireNonNull(clock, "clock");
  }

  /** 127.0.0.1, ports 9101/9102, 60 demo customers, Intuit's and Salesforce's real lifetimes and limits. */
  public static SandboxOptions defaults() {
    return new SandboxOptions("127.0.0.1", DEFAULT_QUICKBOOKS_PORT, DEFAULT_SALESFORCE_PORT, DEFAULT_SEED_CUSTOMERS,
        20260101L, Duration.ofHours(1), Duration.ofDays(101), Duration.ZERO, 500, 10, 40, Duration.ofHours(2),
        100_000L, List.of(), Clock.systemUTC());
  }

  public SandboxOptions withHost(String newHost) {
    return builder().host(newHost).build();
  }

  /** Ports of the two simulators; 0 picks a free port (tests). */
  public SandboxOptions withPorts(int qbo, int sf) {
    return builder().ports(qbo, sf).build();
  }

  public SandboxOptions withSeedCustomers(int n) {
    return builder().seedCustomers(n).build();
  }

  public SandboxOptions withSeed(long newSeed) {
    return builder().seed(newSeed).build();
  }

  /** Lifetime of QBO access tokens; a short one lets tests see the 401 and refresh. */
  public SandboxOptions withAccessTokenTtl(Duration ttl) {
    return builder().qboAccessTokenTtl(ttl).build();
  }

  public SandboxOptions withRefreshTokenTtl(Duration ttl) {
    return builder().qboRefreshTokenTtl(ttl).build();
  }

  /** How long a rotated-out QBO refresh token keeps working; {@code Duration.ofHours(24)} is Intuit's figure. */
  public SandboxOptions withRotatedRefreshTokenGrace(Duration grace) {
    return builder().qboRotatedRefreshTokenGrace(grace).build();
  }

  /** QBO throttles per realm; 0 switches one off. */
  public SandboxOptions withQboRateLimits(int perMinute, int perSecond, int batchPerMinute) {
    return builder().qboRateLimits(perMinute, perSecond, batchPerMinute).build();
  }

  /** No QBO throttling, for tests that make many calls at one instant of a fixed clock. */
  public SandboxOptions withoutQboRateLimits() {
    return withQboRateLimits(0, 0, 0);
  }

  /** Salesforce session timeout; a short one lets tests see INVALID_SESSION_ID. */
  public SandboxOptions withSalesforceSessionTtl(Duration ttl) {
    return builder().salesforceSessionTtl(ttl).build();
  }

  public SandboxOptions withSalesforceDailyApiLimit(long limit) {
    return builder().salesforceDailyApiLimit(limit).build();
  }

  /** Short retry waits for webhook and outbound-message tests; no argument restores the documented schedules. */
  public SandboxOptions withNotificationRetryDelays(Duration... delays) {
    return builder().notificationRetryDelays(List.of(delays)).build();
  }

  public SandboxOptions withClock(Clock newClock) {
    return builder().clock(newClock).build();
  }

  private Builder builder() {
    return new Builder(this);
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

  /** Copies the options with one concern changed; validation runs in the record constructor. */
  private static final class Builder {
    private String host;
    private int quickBooksPort;
    private int salesforcePort;
    private int seedCustomers;
    private long seed;
    private Duration qboAccessTokenTtl;
    private Duration qboRefreshTokenTtl;
    private Duration qboRotatedRefreshTokenGrace;
    private int qboRequestsPerMinute;
    private int qboRequestsPerSecond;
    private int qboBatchRequestsPerMinute;
    private Duration salesforceSessionTtl;
    private long salesforceDailyApiLimit;
    private List<Duration> notificationRetryDelays;
    private Clock clock;

    Builder(SandboxOptions from) {
      host = from.host;
      quickBooksPort = from.quickBooksPort;
      salesforcePort = from.salesforcePort;
      seedCustomers = from.seedCustomers;
      seed = from.seed;
      qboAccessTokenTtl = from.qboAccessTokenTtl;
      qboRefreshTokenTtl = from.qboRefreshTokenTtl;
      qboRotatedRefreshTokenGrace = from.qboRotatedRefreshTokenGrace;
      qboRequestsPerMinute = from.qboRequestsPerMinute;
      qboRequestsPerSecond = from.qboRequestsPerSecond;
      qboBatchRequestsPerMinute = from.qboBatchRequestsPerMinute;
      salesforceSessionTtl = from.salesforceSessionTtl;
      salesforceDailyApiLimit = from.salesforceDailyApiLimit;
      notificationRetryDelays = from.notificationRetryDelays;
      clock = from.clock;
    }

    Builder host(String value) {
      host = value;
      return this;
    }

    Builder ports(int qbo, int sf) {
      quickBooksPort = qbo;
      salesforcePort = sf;
      return this;
    }

    Builder seedCustomers(int value) {
      seedCustomers = value;
      return this;
    }

    Builder seed(long value) {
      seed = value;
      return this;
    }

    Builder qboAccessTokenTtl(Duration value) {
      qboAccessTokenTtl = value;
      return this;
    }

    Builder qboRefreshTokenTtl(Duration value) {
      qboRefreshTokenTtl = value;
      return this;
    }

    Builder qboRotatedRefreshTokenGrace(Duration value) {
      qboRotatedRefreshTokenGrace = value;
      return this;
    }

    Builder qboRateLimits(int perMinute, int perSecond, int batchPerMinute) {
      qboRequestsPerMinute = perMinute;
      qboRequestsPerSecond = perSecond;
      qboBatchRequestsPerMinute = batchPerMinute;
      return this;
    }

    Builder salesforceSessionTtl(Duration value) {
      salesforceSessionTtl = value;
      return this;
    }

    Builder salesforceDailyApiLimit(long value) {
      salesforceDailyApiLimit = value;
      return this;
    }

    Builder notificationRetryDelays(List<Duration> value) {
      notificationRetryDelays = value;
      return this;
    }

    Builder clock(Clock value) {
      clock = value;
      return this;
    }

    SandboxOptions build() {
      return new SandboxOptions(host, quickBooksPort, salesforcePort, seedCustomers, seed, qboAccessTokenTtl,
          qboRefreshTokenTtl, qboRotatedRefreshTokenGrace, qboRequestsPerMinute, qboRequestsPerSecond,
          qboBatchRequestsPerMinute, salesforceSessionTtl, salesforceDailyApiLimit, notificationRetryDelays, clock);
    }
  }
}
