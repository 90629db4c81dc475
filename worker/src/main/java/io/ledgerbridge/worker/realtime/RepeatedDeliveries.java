package io.ledgerbridge.worker.realtime;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The authenticated deliveries this instance took in the last {@value #WINDOW_HOURS} hours, by the
 * digest of their bodies, so that a delivery sent again (a captured one replayed, or a sender's
 * duplicate) is acknowledged without costing a sync. Senders retry only what was not
 * acknowledged, and a delivery that could not be dispatched is forgotten, so their retries still
 * get through. Held in memory: a restart forgets it, and the worst a replay can then do is sync
 * records again, which changes nothing.
 */
@Component
class RepeatedDeliveries {
  /** Longer than Intuit and Salesforce go on retrying a delivery (Salesforce: 24 hours). */
  static final long WINDOW_HOURS = 24;
  /** Digests kept at most; beyond it the oldest go first, so a flood cannot exhaust memory. */
  static final int MAX_REMEMBERED = 100_000;

  private final Clock clock;
  private final Map<String, Instant> firstReceived = new LinkedHashMap<>();

  RepeatedDeliveries() {
    this(Clock.systemUTC());
  }

  RepeatedDeliveries(Clock clock) {
    this.clock = clock;
  }

  /**
   * Claims a delivery: empty the first time its body is seen within the window, otherwise when it
   * was first received.
   */
  synchronized Optional<Instant> claim(String system, byte[] body) {
    Instant now = clock.instant();
    Instant expired = now.minus(Duration.ofHours(WINDOW_HOURS));
    for (Iterator<Instant> oldestFirst = firstReceived.values().iterator(); oldestFirst.hasNext(); ) {
      if (oldestFirst.next().isAfter(expired) && firstReceived.size() < MAX_REMEMBERED) {
        break;
      }
      oldestFirst.remove();
    }
    Instant earlier = firstReceived.putIfAbsent(key(system, body), now);
    return Optional.ofNullable(earlier);
  }

  /** Forgets a claimed delivery that was not dispatched, so the sender's retry is taken. */
  synchronized void release(String system, byte[] body) {
    firstReceived.remove(key(system, body));
  }

  private static String key(String system, byte[] body) {
    try {
      return system + ":" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
