package io.ledgerbridge.worker.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * People's sessions on the admin page: signing in with email and password (or through the OpenID Connect provider,
 * see {@link OidcSignInController}), and finding the session
 * a cookie names. A session ends after {@link #IDLE} without a request, and {@link #LONGEST} after
 * sign-in whatever happens; each request moves its end on (at most once a minute, to spare writes).
 */
@Component
class Sessions {
  static final Duration IDLE = Duration.ofHours(8);
  static final Duration LONGEST = Duration.ofDays(7);
  private static final Duration EXTEND_AFTER = Duration.ofMinutes(1);
  private static final String ID_PREFIX = "lbs_";

  private final PersonStore people;
  private final SessionStore sessions;
  private final Clock clock;

  Sessions(PersonStore people, SessionStore sessions) {
    this.people = people;
    this.sessions = sessions;
    this.clock = Clock.systemUTC();
  }

  /** A new session: the id for the cookie and the CSRF token for the page, neither stored as given. */
  record NewSession(String id, String csrfToken, Instant expiresAt, PersonStore.StoredPerson person) {}

  /** Signs in with the person's email and password; empty when either is wrong or the person is disabled. */
  Optional<NewSession> signIn(String email, String password) {
    Optional<PersonStore.StoredPerson> person = people.byEmail(normalEmail(email));
    boolean matches = Passwords.matches(password, person.map(PersonStore.StoredPerson::passwordHash).orElse(null));
    if (!matches || !person.get().active()) {
      return Optional.empty();
    }
    return Optional.of(open(person.get()));
  }

  /** A new session for an active person whose identity was proven otherwise, e.g. by an OpenID Connect provider. */
  NewSession open(PersonStore.StoredPerson person) {
    Instant now = clock.instant();
    sessions.deleteExpired(now);
    String id = Secrets.newSecret(ID_PREFIX);
    String csrfToken = Secrets.newSecret("");
    Instant expiresAt = now.plus(IDLE);
    sessions.add(Secrets.hash(id), person.id(), csrfToken, now, expiresAt);
    return new NewSession(id, csrfToken, expiresAt, person);
  }

  /** The live session the cookie's id names, its end moved on; empty when it ended or its person was disabled. */
  Optional<SessionStore.StoredSession> find(String id) {
    Instant now = clock.instant();
    Optional<SessionStore.StoredSession> found = sessions.byIdHash(Secrets.hash(id))
        .filter(session -> session.personActive() && session.expiresAt().isAfter(now));
    found.ifPresent(session -> {
      Instant moved = min(now.plus(IDLE), session.createdAt().plus(LONGEST));
      if (moved.isAfter(session.expiresAt().plus(EXTEND_AFTER))) {
        sessions.extend(session.idHash(), moved);
      }
    });
    return found;
  }

  void signOut(String idHash) {
    sessions.delete(idHash);
  }

  /** Emails are stored and looked up in lower case: people type them in any case. */
  static String normalEmail(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
