package io.ledgerbridge.worker.access;

import io.ledgerbridge.worker.security.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The one place roles are enforced: before an {@code /api} controller method runs, the caller's role
 * (set by {@link ApiAuthentication}) must include the method's {@link RequiresRole}. A refusal is a
 * 403 naming the role needed and the caller's; as the method was matched, an {@code Audited} method
 * records the refused attempt.
 */
@Configuration
class RoleCheck implements WebMvcConfigurer, HandlerInterceptor {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    if (method.hasMethodAnnotation(OpenToAnyone.class)) {
      return true;
    }
    String route = request.getMethod() + " " + request.getRequestURI();
    Role needed = required(method).orElseThrow(() -> new RoleRefusedException(
        route + " has no access rule, so it is refused to everyone; its controller method needs @RequiresRole"));
    Role held = Role.of(request).orElseThrow(() -> new RoleRefusedException(route + " needs a credential"));
    if (!held.includes(needed)) {
      String caller = Actor.of(request).map(Actor::label).orElse("the caller");
      throw new RoleRefusedException(route + " needs the " + needed + " role; " + caller + " has the " + held
          + " role. Ask an admin for a person or token with the " + needed + " role");
    }
    return true;
  }

  /** The method's rule, else its class's. */
  static Optional<Role> required(HandlerMethod method) {
    RequiresRole rule = method.getMethodAnnotation(RequiresRole.class);
    if (rule == null) {
      rule = method.getBeanType().getAnnotation(RequiresRole.class);
    }
    return Optional.ofNullable(rule).map(RequiresRole::value);
  }
}
