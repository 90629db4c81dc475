package io.ledgerbridge.sandbox;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Faults and latency to inject into one simulated API's calls (its OAuth endpoints included).
 *
 * @param rates       probability per call of each fault kind, 0 to 1; their sum must not exceed 1
 * @param latency     delay added before every call is handled
 * @param timeout     how long a {@link FaultKind#TIMEOUT} holds the request before closing the connection
 * @param retryAfter  the wait an injected QBO 429 asks for in its {@code Retry-After} header (whole seconds);
 *                    short by default, so clients that honour it are not slowed down by a minute per fault
 * @param pathPrefix  only calls whose path starts with this are affected; "" for all
 */
public record FaultInjection(Map<FaultKind, Double> rates, Duration latency, Duration timeout, Duration retryAfter,
    String pathPrefix) {

  public FaultInjection {
    Map<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
    double sum = 0;
    for (Map.Entry<FaultKind, Double> entry : Objects.requireNonNull(rates, "rates").entrySet()) {
      double rate = entry.getValue();
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException("rate of " + entry.getKey() + " must be between 0 and 1");
      }
      if (rate > 0) {
        copy.put(entry.getKey(), rate);
        sum += rate;
      }
    }
    if (sum > 1 + 1e-9) {
      throw new IllegalArgumentException("fault rates add up to more than 1");
    }
    rates = Collections.unmodifiableMap(copy);
    if (latency.isNegative() || timeout.isNegative()) {
      throw new IllegalArgumentException("latency and timeout must be >= 0");
    }
    if (retryAfter.toSeconds() < 1) {
      throw new IllegalArgumentException("retryAfter must be at least 1 second");
    }
    Objects.requireNonNull(pathPrefix, "pathPrefix");
  }

  /** No faults, no added latency; a TIMEOUT, once enabled, holds the request 30 s, a 429 asks for 1 s. */
  public static FaultInjection none() {
    return new FaultInjection(Map.of(), Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(1), "");
  }

  public FaultInjection withRate(FaultKind kind, double probability) {
    Map<FaultKind, Double> changed = new EnumMap<>(FaultKind.class);
    changed.putAll(rates);
    changed.put(kind, probability);
    return new FaultInjection(changed, latency, timeout, retryAfter, pathPrefix);
  }

  public FaultInjection withLatency(Duration added) {
    return new FaultInjection(rates, added, timeout, retryAfter, pathPrefix);
  }

  public FaultInjection withTimeout(Duration hold) {
    return new FaultInjection(rates, latency, hold, retryAfter, pathPrefix);
  }

  public FaultInjection withRetryAfter(Duration wait) {
    return new FaultInjection(rates, latency, timeout, wait, pathPrefix);
  }

  public FaultInjection onlyForPathsStartingWith(String prefix) {
    return new FaultInjection(rates, latency, timeout, retryAfter, prefix);
  }

  public boolean isNone() {
    return rates.isEmpty() && latency.isZero();
  }

  /** The fault to inject for a draw in [0, 1), or null for none. */
  FaultKind pick(double draw) {
    double cumulative = 0;
    for (Map.Entry<FaultKind, Double> entry : rates.entrySet()) {
      cumulative += entry.getValue();
      if (draw < cumulative) {
        return entry.getKey();
      }
    }
    return null;
  }
}
