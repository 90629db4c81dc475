package io.ledgerbridge.worker.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every {@code /api} call must carry {@code Authorization: Bearer <admin token>}. */
@Configuration
public class AdminTokenFilter {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> adminTokenFilterRegistration(LocalSecrets secrets) {
    byte[] expected = ("Bearer " + secrets.adminToken()).getBytes(StandardCharsets.UTF_8);
    OncePerRequestFilter filter =
        new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(
              HttpServletRequest request, HttpServletResponse response, FilterChain chain)
              throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
            // Constant-time comparison, so the token cannot be guessed byte by byte from timing.
            if (MessageDigest.isEqual(expected, given)) {
              chain.doFilter(request, response);
              return;
            }
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ledgerbridge\"");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            String reason = header == null ? "missing Authorization header" : "wrong admin token";
            response
                .getWriter()
                .write(
                    "{\"status\":401,\"error\":\"unauthorized\",\"message\":\""
                        + reason
                        + ": send 'Authorization: Bearer <token>' with the token from LEDGERBRIDGE_ADMIN_TOKEN or the data directory's admin-token file\"}");
          }
        };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/api/*");
    registration.setName("adminTokenFilter");
    return registration;
  }
}
