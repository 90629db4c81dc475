package io.ledgerbridge.worker.connections;

import io.ledgerbridge.worker.access.RequiresRole;
import io.ledgerbridge.worker.access.Role;
import io.ledgerbridge.worker.api.RequestText;
import io.ledgerbridge.worker.audit.AuditAction;
import io.ledgerbridge.worker.audit.AuditTrail;
import io.ledgerbridge.worker.audit.Audited;
import io.ledgerbridge.worker.config.QuickBooksOAuthPaths;
import io.ledgerbridge.worker.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Connecting QuickBooks companies: the admin asks for a link, Intuit calls back with a code. */
@Tag(name = "Connections", description = "Connecting QuickBooks companies and checking the Salesforce org")
@RestController
class ConnectionsController {
  /** The width of the company_id columns. */
  private static final int MAX_REALM_ID_LENGTH = 64;

  private final QuickBooksConnector connector;
  private final AuditTrail audit;

  ConnectionsController(QuickBooksConnector connector, AuditTrail audit) {
    this.connector = connector;
    this.audit = audit;
  }

  @Operation(operationId = "authorizeQuickBooks", summary = "A link to connect (or reconnect) a QuickBooks company",
      description = "Open it in a browser; Intuit sends the admin back to /oauth/quickbooks/callback.")
  @PostMapping("/api/connections/quickbooks/authorizations")
  @RequiresRole(Role.ADMIN)
  @Audited(AuditAction.CONNECTION_AUTHORIZATION_STARTED)
  QuickBooksAuthorization authorize(HttpServletRequest request) {
    // The link's one-time state is a credential until used, so the trail records only that one was asked for.
    return new QuickBooksAuthorization(connector.beginAuthorization(Actor.of(request).orElseThrow()));
  }

  @Operation(operationId = "getQuickBooksConnection", summary = "Whether a QuickBooks company is connected")
  @ApiResponse(responseCode = "200", description = "The company's connection")
  @ApiResponse(responseCode = "400", description = "The realmId is not valid")
  @GetMapping("/api/connections/quickbooks/{realmId}")
  @RequiresRole(Role.VIEWER)
  QuickBooksConnection status(@PathVariable String realmId) {
    String company = RequestText.required("realmId", realmId, MAX_REALM_ID_LENGTH);
    return new QuickBooksConnection(company, connector.isConnected(company));
  }

  /** The Intuit consent page an admin opens, valid once. */
  record QuickBooksAuthorization(String authorizationUrl) {}

  /** Whether LedgerBridge holds the company's tokens. */
  record QuickBooksConnection(String realmId, boolean connected) {}

  /** Intuit's redirect after consent; no admin token here, the one-time state authenticates it. */
  @Operation(operationId = "quickBooksCallback", summary = "Intuit's redirect after the admin's consent",
      description = "Not for API clients: Intuit sends the browser here. No admin token; the one-time state authenticates it.")
  @ApiResponse(responseCode = "303", description = "Connected; back to the admin page", content = @Content)
  @ApiResponse(responseCode = "400", description = "Intuit reported an error (text), or the state is unknown, used or expired",
      content = {
        @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")),
        @Content(mediaType = MediaType.APPLICATION_JSON_VALUE)
      })
  @GetMapping(value = QuickBooksOAuthPaths.CALLBACK, produces = MediaType.TEXT_PLAIN_VALUE)
  @Audited(AuditAction.CONNECTION_ADDED)
  ResponseEntity<String> callback(
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String realmId,
      @RequestParam(required = false) String error,
      HttpServletRequest request) {
    if (error != null) {
      return ResponseEntity.status(HttpStatus.BAD_REQUEST)
          .body("QuickBooks did not connect: " + error + ". Start again from the connect link.");
    }
    // The state authenticates the callback as whoever asked for the link; the code is never recorded.
    connector.completeAuthorization(code, state, realmId).actsFor(request);
    audit.describe(realmId, Map.of());
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/?connected=" + realmId)).build();
  }
}
