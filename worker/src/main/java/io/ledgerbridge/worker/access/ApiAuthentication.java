package io.ledgerbridge.worker.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.worker.api.ApiError;
import io.ledgerbridge.worker.config.OidcSignInPaths;
import io.ledgerbridge.worker.security.Actor;
import io.ledgerbridge.worker.security.ActorKind;
import io.ledgerbridge.worker.security.BearerToken;
import io.ledgerbridge.worker.security.LocalSecrets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who an {@code /api} request acts for, and with which role, from the one credential it carries:
 * {@code Authorization: Bearer} with the bootstrap admin token (ADMIN) or an API token ({@code lbt_...},
 * its role), else the session cookie of a signed-in person (their role). A request whose
 * credential is missing, wrong, expired or revoked gets 401 saying which; only signing in (and the
 * OpenID Connect sign-in's start and callback) needs none. A request with the session cookie that changes something must also carry the session's
 * CSRF token in {@value #CSRF_HEADER}, which another site cannot read (403 without it); a bearer
 * token is never sent by a browser on its own, so it needs none. {@link RoleCheck} then checks the role.
 */
@Configuration
public class ApiAuthentication {
  public static final String CSRF_HEADER = "X-CSRF-Token";
  static final String SESSION_COOKIE = "ledgerbridge_session";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> SIGN_IN_PAGES =
      Set.of(OidcSignInController.METHODS, OidcSignInController.START, OidcSignInPaths.CALLBACK);
  private static final String SESSION_ATTRIBUTE = ApiAuthentication.class.getName() + ".session";
  private static final String HOW = "send 'Authorization: Bearer <token>' with an API token or the admin token"
      + " (LEDGERBRIDGE_ADMIN_TOKEN or the data directory's admin-token file), or sign in with POST /api/session";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> apiAuthenticationRegistration(
      LocalSecrets secrets, ApiTokenStore tokens, Sessions sessions, ObjectMapper json) {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(new Authenticator(secrets.adminToken(), tokens, sessions, json));
    registration.addUrlPatterns("/api/*");
    registration.setName("apiAuthentication");
    return registration;
  }

  /** The session the request's cookie signed it in with; empty for a bearer token. */
  static Optional<SessionStore.StoredSession> session(HttpServletRequest request) {
    return Optional.ofNullable((SessionStore.StoredSession) request.getAttribute(SESSION_ATTRIBUTE));
  }

  /** The session id the request's cookie carries, if any. */
  static Optional<String> sessionCookie(HttpServletRequest request) {
    return Optional.ofNullable(request.getCookies()).flatMap(cookies -> Arrays.stream(cookies)
        .filter(cookie -> cookie.getName().equals(SESSION_COOKIE)).map(Cookie::getValue).findFirst());
  }

  private static final class Authenticator extends OncePerRequestFilter {
    private final String adminToken;
    private final ApiTokenStore tokens;
    private final Sessions sessions;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    Authenticator(String adminToken, ApiTokenStore tokens, Sessions sessions, ObjectMapper json) {
      this.adminToken = adminToken;
      this.tokens = tokens;
      this.sessions = sessions;
      this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String header = request.getHeader(HttpHeaders.AUTHORIZATION);
      if (header != null) {
        Optional<String> refusal = bearer(header, request);
        if (refusal.isPresent()) {
          refuse(response, HttpServletResponse.SC_UNAUTHORIZED, refusal.get() + ": " + HOW);
          return;
        }
        chain.doFilter(request, response);
        return;
      }
      Optional<String> cookie = sessionCookie(request);
      if (isSignIn(request)) {
        chain.doFilter(request, response);
        return;
      }
      if (cookie.isEmpty()) {
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "missing Authorization header: " + HOW);
        return;
      }
      Optional<SessionStore.StoredSession> session = sessions.find(cookie.get());
      if (session.isEmpty()) {
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
            "your session has ended (signed out, expired, or the account was disabled): sign in again");
        return;
      }
      if (!SAFE_METHODS.contains(request.getMethod())
          && !BearerToken.matches(request.getHeader(CSRF_HEADER), session.get().csrfToken())) {
        refuse(response, HttpServletResponse.SC_FORBIDDEN, "missing or wrong " + CSRF_HEADER + " header: a change"
            + " made with the session cookie must send the csrfToken that POST /api/session and GET /api/session answer");
        return;
      }
      new Actor(ActorKind.PERSON, session.get().personName()).actsFor(request);
      session.get().role().grantedTo(request);
      request.setAttribute(SESSION_ATTRIBUTE, session.get());
      chain.doFilter(request, response);
    }

    /** Authenticates the bearer token; the reason it is refused, if it is. */
    private Optional<String> bearer(String header, HttpServletRequest request) {
      Optional<String> token = BearerToken.from(header);
      if (token.isEmpty()) {
        return Optional.of("the Authorization header is not 'Bearer <token>'");
      }
      if (BearerToken.matches(token.get(), adminToken)) {
        Actor.BOOTSTRAP_ADMIN.actsFor(request);
        Role.ADMIN.grantedTo(request);
        return Optional.empty();
      }
      if (!token.get().startsWith(TokensController.PREFIX)) {
        return Optional.of("wrong admin token or API token");
      }
      Optional<ApiTokenStore.StoredToken> stored = tokens.bySecretHash(Secrets.hash(token.get()));
      if (stored.isEmpty()) {
        return Optional.of("wrong admin token or API token");
      }
      ApiTokenStore.StoredToken apiToken = stored.get();
      Instant now = clock.instant();
      return switch (TokenState.of(apiToken, now)) {
        case REVOKED -> Optional.of("API token '" + apiToken.name() + "' was revoked at " + apiToken.revokedAt()
            + "; ask an admin for a new one");
        case EXPIRED -> Optional.of("API token '" + apiToken.name() + "' expired at " + apiToken.expiresAt()
            + "; ask an admin for a new one");
        case ACTIVE -> {
          new Actor(ActorKind.API_TOKEN, apiToken.name()).actsFor(request);
          apiToken.role().grantedTo(request);
          yield Optional.empty();
        }
      };
    }

    private void refuse(HttpServletResponse response, int status, String message) throws IOException {
      response.setStatus(status);
      if (status == HttpServletResponse.SC_UNAUTHORIZED) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ledgerbridge\"");
      }
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      json.writeValue(response.getOutputStream(), ApiError.of(status, message));
    }
  }

  /** Signing in: with a password, or through the OpenID Connect provider, and asking how one may. */
  private static boolean isSignIn(HttpServletRequest request) {
    String path = request.getRequestURI();
    return request.getMethod().equals("POST") && path.equals(SessionController.PATH)
        || request.getMethod().equals("GET") && SIGN_IN_PAGES.contains(path);
  }
}
