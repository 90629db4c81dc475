package io.ledgerbridge.worker.security;

import io.ledgerbridge.worker.config.LedgerBridgeProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /actuator} call must carry {@code Authorization: Bearer} with the admin token: its
 * health details name companies, token expiries and paths and its metrics describe the business.
 * A scrape-only token ({@code LEDGERBRIDGE_METRICS_TOKEN}) is accepted too, so Prometheus never
 * holds the admin token. The liveness and readiness probes stay open for orchestrators: they
 * answer only UP or DOWN. ({@code /api} has its own credentials and roles: see
 * {@code io.ledgerbridge.worker.access.ApiAuthentication}.)
 */
@Configuration
public class ActuatorTokenFilter {
  /** Matched against the raw request URI, so an encoded or decorated variant is not open. */
  static final Set<String> OPEN_PROBES = Set.of("/actuator/health/liveness", "/actuator/health/readiness");

  @Bean
  FilterRegistrationBean<TokenFilter> actuatorTokenFilterRegistration(
      LocalSecrets secrets, LedgerBridgeProperties properties) {
    List<AcceptedToken> accepted = Stream.concat(Stream.of(new AcceptedToken(secrets.adminToken(), Actor.BOOTSTRAP_ADMIN)),
        Optional.ofNullable(properties.metricsToken()).filter(token -> !token.isBlank())
            .map(token -> new AcceptedToken(token.trim(), Actor.METRICS_SCRAPER)).stream()).toList();
    FilterRegistrationBean<TokenFilter> registration = new FilterRegistrationBean<>(new TokenFilter(accepted, OPEN_PROBES, "metrics or admin token",
        "send 'Authorization: Bearer <token>' with LEDGERBRIDGE_METRICS_TOKEN or the admin token;"
            + " /actuator/health/liveness and /actuator/health/readiness need none"));
    registration.addUrlPatterns("/actuator", "/actuator/*");
    registration.setName("actuatorTokenFilter");
    return registration;
  }

  /** A token the filter lets through, and who a request carrying it acts for. */
  record AcceptedToken(String token, Actor actor) {}

  /**
   * Lets a request through when it carries one of the accepted tokens, marked as acting for that
   * token's actor, or when it asks for an open path.
   */
  static final class TokenFilter extends OncePerRequestFilter {
    private final List<AcceptedToken> acceptedTokens;
    private final Set<String> openPaths;
    private final String tokenName;
    private final String howToAuthenticate;

    TokenFilter(List<AcceptedToken> acceptedTokens, Set<String> openPaths, String tokenName, String howToAuthenticate) {
      this.acceptedTokens = List.copyOf(acceptedTokens);
      this.openPaths = Set.copyOf(openPaths);
      this.tokenName = tokenName;
      this.howToAuthenticate = howToAuthenticate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String header = request.getHeader(HttpHeaders.AUTHORIZATION);
      Optional<String> token = BearerToken.from(header);
      Optional<AcceptedToken> accepted = token.flatMap(presented -> acceptedTokens.stream()
          .filter(expected -> BearerToken.matches(presented, expected.token())).findFirst());
      accepted.ifPresent(match -> match.actor().actsFor(request));
      if (accepted.isPresent() || openPaths.contains(request.getRequestURI())) {
        chain.doFilter(request, response);
        return;
      }
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ledgerbridge\"");
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      String reason = header == null ? "missing Authorization header"
          : token.isEmpty() ? "the Authorization header is not 'Bearer <token>'" : "wrong " + tokenName;
      response.getWriter().write("{\"status\":401,\"error\":\"unauthorized\",\"message\":\"" + reason + ": "
          + howToAuthenticate + "\"}");
    }
  }
}
