package io.ledgerbridge.worker.access;

import io.ledgerbridge.worker.api.RequestText;
import io.ledgerbridge.worker.audit.AuditAction;
import io.ledgerbridge.worker.audit.AuditTrail;
import io.ledgerbridge.worker.audit.Audited;
import io.ledgerbridge.worker.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/tokens}: API tokens for scripts and the CLI, each with a role and an expiry; admins only. */
@Tag(name = "Tokens", description = "API tokens for scripts and the CLI, each with a role and an expiry")
@RestController
@RequestMapping("/api/tokens")
@RequiresRole(Role.ADMIN)
class TokensController {
  static final String PREFIX = "lbt_";
  static final int DEFAULT_DAYS = 90;
  static final int MAX_DAYS = 366;

  private final ApiTokenStore store;
  private final AuditTrail audit;
  private final Clock clock;

  TokensController(ApiTokenStore store, AuditTrail audit) {
    this.store = store;
    this.audit = audit;
    this.clock = Clock.systemUTC();
  }

  /**
   * A token to create.
   *
   * @param expiresAt when it stops working, ISO-8601 with an offset; or give expiresInDays, not both
   * @param expiresInDays it stops working this many days from now, 1 to 366; 90 when neither is given
   */
  @Schema(description = "A token to create: a name, a role and when it expires")
  record NewToken(
      @Schema(example = "nightly-export") String name,
      Role role,
      @Schema(example = "2027-03-01T00:00:00Z") String expiresAt,
      Integer expiresInDays) {}

  /** A token as listed; its secret is never shown again. */
  @Schema(description = "An API token; the secret is shown only in the answer that created it")
  record TokenView(long id, String name, Role role, TokenState state, Instant createdAt,
      @Schema(description = "Who created it, e.g. admin (bootstrap token)") String createdBy,
      Instant expiresAt, Instant revokedAt) {

    static TokenView of(ApiTokenStore.StoredToken token, Instant now) {
      return new TokenView(token.id(), token.name(), token.role(), TokenState.of(token, now), token.createdAt(),
          token.createdBy(), token.expiresAt(), token.revokedAt());
    }
  }

  /** A created token with its secret, which is not stored and cannot be shown again. */
  @Schema(description = "The created token and its secret, shown this once only")
  record CreatedToken(
      @Schema(description = "Send it as 'Authorization: Bearer <secret>'; keep it now, it is never shown again",
          example = "lbt_QmFzZTY0VXJsU2FmZVJhbmRvbUJ5dGVzMzJsb25nISE") String secret,
      TokenView token) {}

  /** What the trail records of a created token: never its secret. */
  private record TokenSummary(String name, Role role, Instant expiresAt) {}

  @Operation(operationId = "listTokens", summary = "Every API token, newest first, without their secrets")
  @GetMapping
  List<TokenView> list() {
    Instant now = clock.instant();
    return store.all().stream().map(token -> TokenView.of(token, now)).toList();
  }

  @Operation(operationId = "createToken", summary = "Create an API token; its secret is in this answer only")
  @ApiResponse(responseCode = "201", description = "Created; the answer holds the secret, shown this once only")
  @ApiResponse(responseCode = "400", description = "A field is missing or not valid; the message names it")
  @ApiResponse(responseCode = "409", description = "An active token has this name")
  @PostMapping
  @Audited(AuditAction.TOKEN_CREATED)
  ResponseEntity<CreatedToken> create(@RequestBody NewToken request, HttpServletRequest http) {
    String name = RequestText.required("name", request.name(), ApiTokenStore.NAME_MAX);
    if (request.role() == null) {
      throw new IllegalArgumentException("role: required; one of VIEWER, OPERATOR, ADMIN");
    }
    Instant now = clock.instant();
    Instant expiresAt = expiry(request, now);
    if (store.activeNameTaken(name, now)) {
      throw new ResponseStatusException(HttpStatus.CONFLICT,
          "name: an active token is already called '" + name + "'; choose another name or revoke that one first");
    }
    String secret = Secrets.newSecret(PREFIX);
    long id = store.add(name, request.role(), Secrets.hash(secret), now, Actor.of(http).orElseThrow().label(), expiresAt);
    TokenView created = TokenView.of(store.byId(id).orElseThrow(), now);
    audit.describe(Long.toString(id), new TokenSummary(name, request.role(), expiresAt));
    return ResponseEntity.created(URI.create("/api/tokens/" + id)).body(new CreatedToken(secret, created));
  }

  @Operation(operationId = "revokeToken", summary = "Revoke an API token at once",
      description = "Requests with it are refused from now on (401); it stays listed as REVOKED.")
  @ApiResponse(responseCode = "204", description = "Revoked")
  @ApiResponse(responseCode = "404", description = "No token with this id")
  @ApiResponse(responseCode = "409", description = "The token was revoked already")
  @DeleteMapping("/{id}")
  @Audited(AuditAction.TOKEN_REVOKED)
  ResponseEntity<Void> revoke(@PathVariable long id) {
    ApiTokenStore.StoredToken token = store.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
        "no token with id " + id + "; GET /api/tokens lists them"));
    if (!store.revoke(id, clock.instant())) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "token " + id + " was revoked already");
    }
    audit.describe(Long.toString(id), Map.of("name", token.name()));
    return ResponseEntity.noContent().build();
  }

  private static Instant expiry(NewToken request, Instant now) {
    if (request.expiresAt() != null && request.expiresInDays() != null) {
      throw new IllegalArgumentException("expiresAt, expiresInDays: give one of them, not both");
    }
    Instant latest = now.plus(Duration.ofDays(MAX_DAYS));
    if (request.expiresAt() != null) {
      Instant at;
      try {
        at = Instant.parse(RequestText.required("expiresAt", request.expiresAt(), 64));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("expiresAt: '" + request.expiresAt()
            + "' is not an instant; write it ISO-8601 with an offset, e.g. 2027-03-01T00:00:00Z");
      }
      if (!at.isAfter(now) || at.isAfter(latest)) {
        throw new IllegalArgumentException("expiresAt: " + at + " is not in the next " + MAX_DAYS + " days");
      }
      return at;
    }
    int days = request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays();
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("expiresInDays: " + days + " is not between 1 and " + MAX_DAYS);
    }
    return now.plus(Duration.ofDays(days));
  }
}
