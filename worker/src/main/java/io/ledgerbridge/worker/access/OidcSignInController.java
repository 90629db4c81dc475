package io.ledgerbridge.worker.access;

import io.ledgerbridge.worker.audit.AuditAction;
import io.ledgerbridge.worker.audit.AuditTrail;
import io.ledgerbridge.worker.audit.Audited;
import io.ledgerbridge.worker.config.OidcSignInPaths;
import io.ledgerbridge.worker.security.Actor;
import io.ledgerbridge.worker.security.ActorKind;
import io.ledgerbridge.worker.security.BearerToken;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signing in to the admin page through an OpenID Connect provider (the company's Google or Microsoft sign-in), by
 * the authorization code flow with PKCE, state and nonce: {@code GET /api/session/oidc} sends the browser to the
 * provider, whose callback's code buys an ID token; once {@link IdTokens} verified it, the person LedgerBridge has
 * with its email gets the same session, cookie and CSRF token as a password sign-in. Nobody is added by signing in.
 * A refusal sends the browser back to the sign-in page with a {@link OidcRefusal} code the page explains.
 */
@Tag(name = "Session", description = "Signing in to the admin page, and who the caller acts as")
@RestController
class OidcSignInController {
  static final String METHODS = "/api/session/methods";
  static final String START = "/api/session/oidc";
  static final String ERROR_PARAMETER = "signInError";
  private static final Logger log = LoggerFactory.getLogger(OidcSignInController.class);
  private static final Pattern OAUTH_ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

  private final OidcProvider provider;
  private final OidcSignInFlows flows = new OidcSignInFlows();
  private final PersonStore people;
  private final Sessions sessions;
  private final SessionCookies cookies;
  private final AuditTrail audit;
  private final Clock clock = Clock.systemUTC();

  OidcSignInController(OidcProvider provider, PersonStore people, Sessions sessions, SessionCookies cookies, AuditTrail audit) {
    this.provider = provider;
    this.people = people;
    this.sessions = sessions;
    this.cookies = cookies;
    this.audit = audit;
  }

  /**
   * How people may sign in.
   *
   * @param oidc the OpenID Connect provider's button, when one is set up
   * @param refusals what each {@value #ERROR_PARAMETER} code the sign-in page is sent back with means
   */
  @Schema(description = "How people may sign in to the admin page")
  record SignInMethods(boolean password, OidcMethod oidc, Map<String, String> refusals) {}

  /** The provider's button: "Sign in with {displayName}", leading to {@code signInPath}. */
  record OidcMethod(@Schema(example = "Google") String displayName, @Schema(example = START) String signInPath) {}

  @Operation(operationId = "getSignInMethods", summary = "How people may sign in: password, and the OpenID Connect"
      + " provider when one is set up", description = "Needs no token: the sign-in page asks before anyone signs in.",
      security = {})
  @GetMapping(METHODS)
  @OpenToAnyone
  SignInMethods methods() {
    Map<String, String> refusals = new LinkedHashMap<>();
    for (OidcRefusal refusal : OidcRefusal.values()) {
      refusals.put(refusal.code(), refusal.message());
    }
    return new SignInMethods(true,
        provider.settings().map(settings -> new OidcMethod(settings.displayName(), START)).orElse(null), refusals);
  }

  @Operation(operationId = "startOidcSignIn", summary = "Sign in through the OpenID Connect provider",
      description = "Not for API clients: a browser opens it from the sign-in page. Needs no token.", security = {})
  @ApiResponse(responseCode = "303", description = "To the provider's sign-in page; or back to the sign-in page with"
      + " signInError when no provider is set up or it cannot be reached", content = @Content)
  @GetMapping(START)
  @OpenToAnyone
  ResponseEntity<Void> start(HttpServletRequest request) {
    Optional<OidcProvider.Settings> settings = provider.settings();
    if (settings.isEmpty()) {
      return refused(new OidcSignInRefusedException(OidcRefusal.NOT_CONFIGURED, "no provider is set up"), request);
    }
    OidcSignInFlows.Pending flow = flows.begin();
    String authorizationUrl;
    try {
      authorizationUrl = provider.authorizationUrl(settings.get(), flow.state(), flow.nonce(), flow.codeChallenge());
    } catch (OidcSignInRefusedException refused) {
      return refused(refused, request);
    }
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(authorizationUrl))
        .header(HttpHeaders.SET_COOKIE, cookies.oidcState(flow.state(), OidcSignInFlows.LIFETIME, request).toString())
        .build();
  }

  @Operation(operationId = "oidcSignInCallback", summary = "The OpenID Connect provider's redirect after sign-in",
      description = "Not for API clients: the provider sends the browser here. No token: the one-time state, bound to"
          + " the browser by a cookie, authenticates it, and the ID token says who signed in.", security = {})
  @ApiResponse(responseCode = "303", description = "Signed in: to the admin page with the session cookie; or refused:"
      + " to the sign-in page with signInError", content = @Content)
  @GetMapping(OidcSignInPaths.CALLBACK)
  @OpenToAnyone
  @Audited(AuditAction.SIGNED_IN)
  ResponseEntity<Void> callback(
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String error,
      HttpServletRequest request) {
    try {
      Sessions.NewSession session = signIn(code, state, error, request);
      String clearState = cookies.oidcState("", Duration.ZERO, request).toString();
      return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/"))
          .header(HttpHeaders.SET_COOKIE, cookies.session(session.id(), Sessions.LONGEST, request).toString())
          .header(HttpHeaders.SET_COOKIE, clearState)
          .build();
    } catch (OidcSignInRefusedException refused) {
      return refused(refused, request);
    }
  }

  private Sessions.NewSession signIn(String code, String state, String error, HttpServletRequest request) {
    OidcProvider.Settings settings = provider.settings().orElseThrow(() ->
        new OidcSignInRefusedException(OidcRefusal.NOT_CONFIGURED, "no provider is set up"));
    // Redeemed first, so a state is used once whatever follows.
    Optional<OidcSignInFlows.Pending> flow = flows.redeem(state);
    if (flow.isEmpty() || !BearerToken.matches(stateCookie(request).orElse(null), state)) {
      throw new OidcSignInRefusedException(OidcRefusal.STATE_MISMATCH, flow.isEmpty()
          ? "the state is unknown, used or expired" : "the state cookie is missing or names another sign-in");
    }
    if (error != null || code == null) {
      // The error comes in the URL, so anyone could put anything there: logged only when it looks like an OAuth error code.
      String shown = error == null ? "without a code"
          : OAUTH_ERROR_CODE.matcher(error).matches() ? "error '" + error + "'" : "an error that is no OAuth error code";
      throw new OidcSignInRefusedException(OidcRefusal.PROVIDER_ERROR, "the provider answered " + shown);
    }
    String idToken = provider.idToken(settings, code, flow.get().codeVerifier());
    IdTokens.VerifiedIdentity identity = IdTokens.verify(idToken, keyId -> provider.key(settings, keyId),
        new IdTokens.Expected(settings.issuer(), settings.clientId(), flow.get().nonce()), clock.instant());
    String email = Sessions.normalEmail(identity.email());
    String domain = email.substring(email.lastIndexOf('@') + 1);
    if (!settings.allowedDomains().isEmpty() && !settings.allowedDomains().contains(domain)) {
      throw new OidcSignInRefusedException(OidcRefusal.DOMAIN_NOT_ALLOWED, email + " is not in " + settings.allowedDomains());
    }
    PersonStore.StoredPerson person = people.byEmail(email).orElseThrow(() ->
        new OidcSignInRefusedException(OidcRefusal.UNKNOWN_PERSON, "no person has the email " + email));
    if (!person.active()) {
      throw new OidcSignInRefusedException(OidcRefusal.DISABLED_PERSON, email + " is disabled");
    }
    Sessions.NewSession session = sessions.open(person);
    new Actor(ActorKind.PERSON, person.name()).actsFor(request);
    audit.describe(Long.toString(person.id()), Map.of("email", person.email(), "method", "oidc",
        "issuer", settings.issuer()));
    log.info("{} signed in through {}", email, settings.issuer());
    return session;
  }

  /** Back to the sign-in page with the refusal's code; the detail (never a code or token) goes to the log. */
  private ResponseEntity<Void> refused(OidcSignInRefusedException refused, HttpServletRequest request) {
    log.warn("Sign-in through the OpenID Connect provider refused ({}): {}", refused.refusal().code(), refused.getMessage());
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(URI.create("/?" + ERROR_PARAMETER + "=" + refused.refusal().code()))
        .header(HttpHeaders.SET_COOKIE, cookies.oidcState("", Duration.ZERO, request).toString())
        .build();
  }

  private static Optional<String> stateCookie(HttpServletRequest request) {
    return Optional.ofNullable(request.getCookies()).flatMap(all -> Arrays.stream(all)
        .filter(cookie -> cookie.getName().equals(SessionCookies.OIDC_STATE_COOKIE)).map(Cookie::getValue).findFirst());
  }
}
