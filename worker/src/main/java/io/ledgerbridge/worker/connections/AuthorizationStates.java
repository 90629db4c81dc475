package io.ledgerbridge.worker.connections;

import io.ledgerbridge.worker.security.Actor;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-time {@code state} of each authorization-code flow begun: the provider's callback must return it within
 * ten minutes, so a forged callback cannot attach somebody else's account, and it stands for whoever began it.
 */
final class AuthorizationStates {
  private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

  private final Clock clock = Clock.systemUTC();
  private final Map<String, PendingAuthorization> pending = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** Who asked for a connect link, and until when the provider's callback may use it. */
  private record PendingAuthorization(Actor actor, Instant expiry) {}

  /** A new state for the actor's authorization. */
  String issue(Actor actor) {
    Instant now = clock.instant();
    pending.values().removeIf(waiting -> waiting.expiry().isBefore(now));
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    pending.put(state, new PendingAuthorization(actor, now.plus(STATE_LIFETIME)));
    return state;
  }

  /** Who began the authorization the state names, once; empty when it is unknown, used or expired. */
  Optional<Actor> redeem(String state) {
    PendingAuthorization waiting = state == null ? null : pending.remove(state);
    if (waiting == null || waiting.expiry().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(waiting.actor());
  }
}
