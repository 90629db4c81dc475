package io.ledgerbridge.worker.audit;

import io.ledgerbridge.worker.config.OidcSignInPaths;
import io.ledgerbridge.worker.config.QuickBooksOAuthPaths;
import io.ledgerbridge.worker.config.SalesforceOAuthPaths;
import io.ledgerbridge.worker.security.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Records every answer of an {@link Audited} controller method to an authenticated caller: who
 * (the {@link Actor} the credential established), when, the action, its target and summary (from
 * {@link AuditTrail}), the client's address and the outcome. The one place the trail is written.
 *
 * <p>Refusals (4xx) are recorded too, so an attempt to change something shows even when it did not
 * happen; they carry no details, as their request may hold anything. Requests no credential
 * authenticated are not recorded: their actor is unknown, and anyone could fill the table with them.
 *
 * <p>The answer is held back until the event is written, so a client that reads the trail right
 * after a change finds it there.
 */
@Configuration
public class AuditRecorder {
  private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> auditRecorderRegistration(AuditStore store) {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Recorder(store, Clock.systemUTC()));
    // The actor is read once the chain has run, so where this stands among the token filters does not matter.
    registration.addUrlPatterns("/*");
    registration.setName("auditRecorder");
    return registration;
  }

  private static final class Recorder extends OncePerRequestFilter {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> CALLBACKS =
        Set.of(QuickBooksOAuthPaths.CALLBACK, SalesforceOAuthPaths.CALLBACK, OidcSignInPaths.CALLBACK);
    private final AuditStore store;
    private final Clock clock;

    Recorder(AuditStore store, Clock clock) {
      this.store = store;
      this.clock = clock;
    }

    /**
     * Reads are never audited and need no holding back. Intuit's and Salesforce's OAuth callbacks are the GETs that
     * change something: the browser of the admin who asked for the connect link arrives there; so is the OpenID
     * Connect provider's, where a person signs in.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return READS.contains(request.getMethod()) && !CALLBACKS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
      try {
        chain.doFilter(request, held);
        record(request, held.getStatus());
      } catch (IOException | ServletException | RuntimeException failed) {
        record(request, HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        throw failed;
      } finally {
        held.copyBodyToResponse();
      }
    }

    private void record(HttpServletRequest request, int status) {
      Optional<AuditAction> audited = action(request);
      Optional<Actor> actor = Actor.of(request);
      if (audited.isEmpty() || actor.isEmpty()) {
        return;
      }
      AuditAction action = audited.get();
      AuditTrail.Description described = AuditTrail.described(request);
      String targetId = described != null ? described.targetId() : pathId(request);
      try {
        store.add(new AuditStore.NewEvent(clock.instant(), actor.get(), action, action.target(targetId),
            described == null ? null : described.details(), request.getRemoteAddr(), status));
      } catch (RuntimeException e) {
        // The change is done and cannot be undone; the log keeps what the trail missed.
        log.error("Could not record {} by {} on {} in the audit trail", action, actor.get().label(), targetId, e);
      }
    }

    /** The action of the controller method that answered, when it is {@link Audited}. */
    private static Optional<AuditAction> action(HttpServletRequest request) {
      return request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
          ? Optional.ofNullable(handler.getMethodAnnotation(Audited.class)).map(Audited::value)
          : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static String pathId(HttpServletRequest request) {
      Map<String, String> variables =
          (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
      return variables == null ? null : variables.get("id");
    }
  }
}
