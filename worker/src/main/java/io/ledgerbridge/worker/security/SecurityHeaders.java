package io.ledgerbridge.worker.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that keep browsers from misusing any answer: the admin page runs only its own script and
 * stylesheet and talks only to this server, no site can frame it (clickjacking), no answer is
 * sniffed into another content type, and no URL leaks to other sites in a Referer. Set first, so
 * the refusals of the other filters carry them too.
 */
@Configuration
public class SecurityHeaders {
  /**
   * What the admin page (static/index.html, app.js, app.css, and uPlot from its webjar for the run charts) needs,
   * and nothing more. uPlot sets its styles through the DOM (element.style), which style-src does not govern, so
   * the charts need no 'unsafe-inline'.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  /** Where Swagger UI's page and files are served (springdoc; /swagger-ui.html redirects here). */
  static final String SWAGGER_UI_PATHS = "/swagger-ui/";
  /**
   * Swagger UI's page: the admin page's policy, but Swagger UI sets inline styles and its stylesheet draws
   * its icons as data: images. Its scripts still come only from this server, and it calls only this server.
   * Relaxed for its own paths only: the page shows the API document, which holds no data, and sends the
   * token only when someone types it in.
   */
  static final String SWAGGER_UI_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
      .replace("style-src 'self';", "style-src 'self' 'unsafe-inline';")
      .replace("img-src 'self';", "img-src 'self' data:;");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> securityHeadersRegistration() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        apply(response, request.getRequestURI().startsWith(SWAGGER_UI_PATHS)
            ? SWAGGER_UI_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
        chain.doFilter(request, response);
      }
    });
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setName("securityHeaders");
    return registration;
  }

  /** Sets the headers; also on the answers the servlet container gives before any filter runs. */
  public static void apply(HttpServletResponse response) {
    apply(response, CONTENT_SECURITY_POLICY);
  }

  private static void apply(HttpServletResponse response, String contentSecurityPolicy) {
    response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
  }
}
