package io.ledgerbridge.worker.access;

import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document tells each {@code /api} operation's role, from the same annotations
 * {@link RoleCheck} enforces, and the 403 of a caller without it; signing in needs no credential.
 */
@Configuration
class RoleDocumentation {

  @Bean
  OperationCustomizer rolesInTheApiDocument() {
    return (operation, handler) -> {
      if (handler.hasMethodAnnotation(OpenToAnyone.class)) {
        operation.setSecurity(new ArrayList<>());
        return operation;
      }
      RoleCheck.required(handler).ifPresent(role -> {
        String needs = "Needs the " + role + " role" + (role == Role.ADMIN ? "." : " or one above it.");
        operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + " " + needs);
        operation.getResponses().addApiResponse("403", new ApiResponse().description(
            "The caller's role does not include " + role + ", or a change made with the session cookie lacks X-CSRF-Token"));
      });
      return operation;
    };
  }
}
