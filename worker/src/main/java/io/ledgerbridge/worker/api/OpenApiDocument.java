package io.ledgerbridge.worker.api;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the REST API at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}),
 * generated from the controllers. What springdoc cannot see is added here: the admin token the
 * filter in front of {@code /api/**} demands, its 401, the {@link ApiError} body of every error, and
 * the catalog's objects as the one enum they are to a client.
 * The document is checked in as {@code worker/src/main/openapi/ledgerbridge-api.json}, so it must
 * not vary between runs: one relative server and no generated timestamps.
 */
@Configuration
public class OpenApiDocument {
  static final String ADMIN_TOKEN = "adminToken";
  public static final String NOTIFICATION_TOKEN = "salesforceNotificationToken";
  private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

  private static final String OBJECTS = "#/components/schemas/" + SyncObject.class.getSimpleName();

  static {
    // Enums as named schemas (SyncDirection, RunStatus, ...) shared by every operation, so a generated
    // client has one type per enum instead of a copy in each model that uses it.
    ModelResolver.enumsAsRef = true;
    // The objects are the catalog's data, not a Java enum: described like one, by reference.
    SpringDocUtils.getConfig().replaceWithSchema(SyncObject.class, new Schema<>().$ref(OBJECTS));
  }

  @Bean
  OpenAPI ledgerBridgeApi() {
    return new OpenAPI()
        .info(new Info()
            .title("LedgerBridge API")
            .version("0.1.0")
            .description("Schedule and run the batch sync jobs between QuickBooks Online and Salesforce, follow"
                + " their runs, fix failed records, reconcile, and receive the systems' change notifications."
                + " Every /api call but signing in needs 'Authorization: Bearer <token>' with an API token or the"
                + " bootstrap admin token, or the admin page's session cookie; each operation names the least role"
                + " it needs (VIEWER, OPERATOR, ADMIN)."))
        // Relative: Swagger UI calls the LedgerBridge that served it, whatever its host and port.
        .servers(List.of(new Server().url("/").description("the LedgerBridge serving this document")))
        .components(new Components()
            .addSecuritySchemes(ADMIN_TOKEN, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("An API token (lbt_..., POST /api/tokens) with its role, or the bootstrap admin token"
                    + " (LEDGERBRIDGE_ADMIN_TOKEN, or the data directory's admin-token file), which is an ADMIN"))
            .addSecuritySchemes(NOTIFICATION_TOKEN, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("LEDGERBRIDGE_SALESFORCE_NOTIFICATION_TOKEN, which Salesforce Flow and Apex callouts carry")));
  }

  /**
   * The token and its 401 on every /api operation, as ApiAuthentication demands them, and the
   * error body: springdoc gives an error response the operation's own return type, while every JSON
   * error the API answers is an {@link ApiError}. Other error bodies (the SOAP faults of outbound
   * messages) are left as the operation declares them.
   */
  @Bean
  OpenApiCustomizer adminTokenAndErrorBodies() {
    return openApi -> {
      ModelConverters.getInstance().read(ApiError.class).forEach(openApi.getComponents()::addSchemas);
      openApi.getComponents().addSchemas(SyncObject.class.getSimpleName(), new StringSchema()
          ._enum(SyncObject.all().stream().map(SyncObject::displayName).toList()));
      MediaType errorBody = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ApiError.class.getSimpleName()));
      openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
        // Signing in needs no credential: its operation has an empty list (see RoleDocumentation).
        boolean open = operation.getSecurity() != null && operation.getSecurity().isEmpty();
        if (path.startsWith("/api/") && !open) {
          operation.addSecurityItem(new SecurityRequirement().addList(ADMIN_TOKEN));
          operation.getResponses().addApiResponse("401", new ApiResponse().description(
              "The token or session is missing, wrong, expired or revoked"));
        }
        operation.getResponses().forEach((status, response) -> {
          if (status.startsWith("4") || status.startsWith("5")) {
            Content content = response.getContent() != null ? response.getContent() : new Content();
            if (content.isEmpty() || content.containsKey(JSON)) {
              content.addMediaType(JSON, errorBody);
            }
            response.setContent(content);
          }
        });
      }));
    };
  }
}
