package io.ledgerbridge.worker.access;

import io.ledgerbridge.worker.audit.AuditAction;
import io.ledgerbridge.worker.audit.AuditTrail;
import io.ledgerbridge.worker.audit.Audited;
import io.ledgerbridge.worker.security.Actor;
import io.ledgerbridge.worker.security.ActorKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/session}: people sign in to the admin page with email and password and get a session
 * cookie (HttpOnly, SameSite=Strict, Secure when LedgerBridge is reached over https) and the CSRF
 * token their page sends back with each change; any caller reads who it acts as; sign out ends the session.
 */
@Tag(name = "Session", description = "Signing in to the admin page, and who the caller acts as")
@RestController
class SessionController {
  static final String PATH = "/api/session";

  private final Sessions sessions;
  private final SignInThrottle throttle;
  private final AuditTrail audit;
  private final SessionCookies cookies;

  SessionController(Sessions sessions, SignInThrottle throttle, AuditTrail audit, SessionCookies cookies) {
    this.sessions = sessions;
    this.throttle = throttle;
    this.audit = audit;
    this.cookies = cookies;
  }

  @Schema(description = "A person's sign-in")
  record SignIn(@Schema(example = "alice@example.com") String email, String password) {}

  /**
   * Who the caller acts as.
   *
   * @param csrfToken for a signed-in person: send it as X-CSRF-Token with every change; absent for a bearer token
   * @param expiresAt for a signed-in person: when the session ends unless it is used before
   */
  @Schema(description = "Who the caller acts as and with which role")
  record SessionView(Actor actor, Role role, String csrfToken, Instant expiresAt) {}

  @Operation(operationId = "signIn", summary = "Sign in with email and password",
      description = "Sets the session cookie; the answer's csrfToken goes in X-CSRF-Token with every change."
          + " Needs no token.", security = {})
  @ApiResponse(responseCode = "200", description = "Signed in")
  @ApiResponse(responseCode = "400", description = "The email or the password is missing")
  @ApiResponse(responseCode = "401", description = "Wrong email or password, or the person is disabled")
  @ApiResponse(responseCode = "429", description = "Too many wrong passwords for this email lately (5 in 15 minutes):"
      + " its sign-ins are refused for 15 minutes, Retry-After says how long")
  @PostMapping(PATH)
  @OpenToAnyone
  @Audited(AuditAction.SIGNED_IN)
  ResponseEntity<SessionView> signIn(@RequestBody SignIn signIn, HttpServletRequest request) {
    if (signIn.email() == null || signIn.email().isBlank() || signIn.password() == null || signIn.password().isEmpty()) {
      throw new IllegalArgumentException("email, password: both are required");
    }
    Optional<Instant> locked = throttle.lockedUntil(signIn.email());
    if (locked.isPresent()) {
      throw new TooManyWrongPasswordsException(locked.get(), Instant.now());
    }
    Optional<Sessions.NewSession> signedIn = sessions.signIn(signIn.email(), signIn.password());
    if (signedIn.isEmpty()) {
      throttle.failed(signIn.email());
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
          "wrong email or password, or the account is disabled; an admin can reset the password");
    }
    throttle.succeeded(signIn.email());
    Sessions.NewSession session = signedIn.get();
    Actor actor = new Actor(ActorKind.PERSON, session.person().name());
    actor.actsFor(request);
    audit.describe(Long.toString(session.person().id()), Map.of("email", session.person().email(), "method", "password"));
    ResponseCookie cookie = cookies.session(session.id(), Sessions.LONGEST, request);
    return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString())
        .body(new SessionView(actor, session.person().role(), session.csrfToken(), session.expiresAt()));
  }

  @Operation(operationId = "getSession", summary = "Who the caller acts as, with which role",
      description = "For a signed-in person also the csrfToken, for the page after a reload.")
  @GetMapping(PATH)
  @RequiresRole(Role.VIEWER)
  SessionView current(HttpServletRequest request) {
    Actor actor = Actor.of(request).orElseThrow();
    Role role = Role.of(request).orElseThrow();
    return ApiAuthentication.session(request)
        .map(session -> new SessionView(actor, role, session.csrfToken(), session.expiresAt()))
        .orElse(new SessionView(actor, role, null, null));
  }

  @Operation(operationId = "signOut", summary = "Sign out: the session ends and its cookie is cleared",
      description = "With a bearer token there is no session: nothing changes.")
  @ApiResponse(responseCode = "204", description = "Signed out")
  @DeleteMapping(PATH)
  @RequiresRole(Role.VIEWER)
  @Audited(AuditAction.SIGNED_OUT)
  ResponseEntity<Void> signOut(HttpServletRequest request) {
    ApiAuthentication.session(request).ifPresent(session -> {
      sessions.signOut(session.idHash());
      audit.describe(Long.toString(session.personId()), Map.of());
    });
    return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookies.session("", Duration.ZERO, request).toString()).build();
  }
}
