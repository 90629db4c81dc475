package io.ledgerbridge.worker.connections;

import io.ledgerbridge.activities.errors.RemoteFailure;
import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.quickbooks.QuickBooksAuthException;
import io.ledgerbridge.activities.quickbooks.QuickBooksNotConnectedException;
import io.ledgerbridge.activities.salesforce.SalesforceAuthException;
import io.ledgerbridge.activities.salesforce.SalesforceException;
import io.ledgerbridge.activities.salesforce.SalesforceNotConnectedException;
import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.worker.access.RequiresRole;
import io.ledgerbridge.worker.access.Role;
import io.ledgerbridge.worker.api.RequestText;
import io.ledgerbridge.worker.audit.AuditAction;
import io.ledgerbridge.worker.audit.AuditTrail;
import io.ledgerbridge.worker.audit.Audited;
import io.ledgerbridge.worker.config.QuickBooksOAuthPaths;
import io.ledgerbridge.worker.config.SalesforceOAuthPaths;
import io.ledgerbridge.worker.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The connections view and connecting QuickBooks companies and the Salesforce org (web-server flow): the admin
 * asks for a link, the provider calls back with a code; an admin disconnects a company or the org, and Intuit's
 * Reconnect URL and {@code /connect/salesforce} lead back into the connect flows.
 */
@Tag(name = "Connections", description = "Connecting QuickBooks companies and the Salesforce org")
@RestController
class ConnectionsController {
  /** The width of the company_id columns. */
  private static final int MAX_REALM_ID_LENGTH = 64;
  private static final Pattern REALM_ID = Pattern.compile("[0-9]{1," + MAX_REALM_ID_LENGTH + "}");

  private final QuickBooksConnector connector;
  private final SalesforceConnector salesforce;
  private final Connections connections;
  private final AuditTrail audit;

  ConnectionsController(QuickBooksConnector connector, SalesforceConnector salesforce, Connections connections,
      AuditTrail audit) {
    this.connector = connector;
    this.salesforce = salesforce;
    this.connections = connections;
    this.audit = audit;
  }

  @Operation(operationId = "listConnections", summary = "Every QuickBooks company and the Salesforce org: state, token"
      + " expiries, last calls",
      description = "QuickBooks companies LedgerBridge holds tokens for, or that a job or an earlier call names, by"
          + " realmId; then the Salesforce org. Reads what LedgerBridge recorded; calls neither system.")
  @GetMapping("/api/connections")
  @RequiresRole(Role.VIEWER)
  List<ConnectionView> list() {
    return connections.all();
  }

  @Operation(operationId = "disconnectQuickBooks", summary = "Disconnect a QuickBooks company",
      description = "Revokes the company's refresh token at Intuit, then forgets its tokens; its jobs fail as not"
          + " connected until it is connected again. A token Intuit refused already is only forgotten.")
  @ApiResponse(responseCode = "200", description = "Disconnected")
  @ApiResponse(responseCode = "400", description = "The realmId is not a QuickBooks company id")
  @ApiResponse(responseCode = "404", description = "LedgerBridge holds no tokens for this company")
  @ApiResponse(responseCode = "502", description = "Intuit refused LedgerBridge's client credentials; nothing changed")
  @ApiResponse(responseCode = "503", description = "Intuit cannot be reached now; nothing changed")
  @DeleteMapping("/api/connections/quickbooks/{realmId}")
  @RequiresRole(Role.ADMIN)
  @Audited(AuditAction.CONNECTION_REMOVED)
  Disconnected disconnectQuickBooks(@PathVariable String realmId) {
    String company = realmId(realmId);
    boolean revoked;
    try {
      revoked = connections.disconnectQuickBooks(company);
    } catch (QuickBooksNotConnectedException notConnected) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "QuickBooks company " + company
          + " is not connected, so there is nothing to disconnect; GET /api/connections lists the companies", notConnected);
    } catch (QuickBooksAuthException refused) {
      throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "nothing changed: " + refused.getMessage(), refused);
    } catch (RuntimeException failure) {
      RemoteFailure remote = RemoteFailures.classify(failure).orElseThrow(() -> failure);
      throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "nothing changed: Intuit did not revoke the"
          + " token (" + remote.message() + "); try again in a while", failure);
    }
    audit.describe(company, Map.of("revokedAtProvider", revoked));
    return new Disconnected(ConnectedSystem.QUICKBOOKS, company, revoked);
  }

  /** A disconnected account. */
  record Disconnected(
      ConnectedSystem system,
      String accountId,
      @Schema(description = "Whether Intuit revoked a token; false when it had refused it already") boolean revokedAtProvider) {}

  @Operation(operationId = "disconnectSalesforce", summary = "Disconnect the Salesforce org (web-server flow)",
      description = "Revokes the org's refresh token at Salesforce, which ends the sessions it opened, then forgets it;"
          + " jobs fail as not connected until an admin connects it again. A token Salesforce refused already is only"
          + " forgotten. By the client-credentials and jwt-bearer flows the credentials come from the configuration and"
          + " nothing is stored, so the answer is 409 saying what to do instead.")
  @ApiResponse(responseCode = "200", description = "Disconnected")
  @ApiResponse(responseCode = "404", description = "No refresh token is held: not connected")
  @ApiResponse(responseCode = "409", description = "The org's credentials come from the configuration")
  @ApiResponse(responseCode = "503", description = "Salesforce cannot be reached now; nothing changed")
  @DeleteMapping("/api/connections/salesforce")
  @RequiresRole(Role.ADMIN)
  @Audited(AuditAction.SALESFORCE_DISCONNECTED)
  SalesforceDisconnected disconnectSalesforce() {
    boolean revoked;
    try {
      revoked = salesforce.disconnect();
    } catch (SalesforceNotConnectedException notConnected) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the Salesforce org " + salesforce.accountId()
          + " is not connected, so there is nothing to disconnect", notConnected);
    } catch (RuntimeException failure) {
      // The 409 of a flow with nothing to disconnect is no remote failure and passes as it is.
      RemoteFailure remote = RemoteFailures.classify(failure).orElseThrow(() -> failure);
      throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "nothing changed: Salesforce did not revoke the"
          + " token (" + remote.message() + "); try again in a while", failure);
    }
    audit.describe(salesforce.accountId(), Map.of("revokedAtProvider", revoked));
    return new SalesforceDisconnected(salesforce.accountId(), revoked);
  }

  /** The disconnected org. */
  record SalesforceDisconnected(
      @Schema(description = "The org's login host") String accountId,
      @Schema(description = "Whether Salesforce revoked a token; false when it had refused it already") boolean revokedAtProvider) {}

  @Operation(operationId = "authorizeSalesforce", summary = "A link to connect (or reconnect) the Salesforce org",
      description = "Web-server flow only (409 otherwise). Open it in a browser; Salesforce sends the admin back to"
          + " /connect/salesforce/callback.")
  @ApiResponse(responseCode = "200", description = "Salesforce's consent page, valid once for ten minutes")
  @ApiResponse(responseCode = "409", description = "The org's credentials come from the configuration")
  @PostMapping("/api/connections/salesforce/authorizations")
  @RequiresRole(Role.ADMIN)
  @Audited(AuditAction.SALESFORCE_AUTHORIZATION_STARTED)
  SalesforceAuthorization authorizeSalesforce(HttpServletRequest request) {
    // The link's one-time state is a credential until used, so the trail records only that one was asked for.
    String url = salesforce.beginAuthorization(Actor.of(request).orElseThrow());
    audit.describe(salesforce.accountId(), Map.of());
    return new SalesforceAuthorization(url);
  }

  /** Salesforce's consent page an admin opens, valid once. */
  record SalesforceAuthorization(String authorizationUrl) {}

  @Operation(operationId = "connectSalesforce", summary = "Where a browser starts connecting the Salesforce org",
      description = "Not for API clients: no token; it sends the browser to the admin page, which (once an admin is"
          + " signed in) asks for the connect link and goes on to Salesforce's consent.")
  @ApiResponse(responseCode = "303", description = "To the admin page's connect step", content = @Content)
  @GetMapping(SalesforceOAuthPaths.CONNECT)
  ResponseEntity<Void> connectSalesforce() {
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/#connections/connect-salesforce")).build();
  }

  @Operation(operationId = "salesforceCallback", summary = "Salesforce's redirect after the admin's consent",
      description = "Not for API clients: Salesforce sends the browser here. No token; the one-time state authenticates it.")
  @ApiResponse(responseCode = "303", description = "Connected; back to the admin page", content = @Content)
  @ApiResponse(responseCode = "400", description = "Salesforce reported an error or refused the code (text), or the state"
      + " is unknown, used or expired",
      content = {
        @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")),
        @Content(mediaType = MediaType.APPLICATION_JSON_VALUE)
      })
  @ApiResponse(responseCode = "503", description = "Salesforce cannot be reached now (text)",
      content = @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string")))
  @GetMapping(value = SalesforceOAuthPaths.CALLBACK, produces = MediaType.TEXT_PLAIN_VALUE)
  @Audited(AuditAction.SALESFORCE_CONNECTED)
  ResponseEntity<String> salesforceCallback(
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String error,
      @RequestParam(name = "error_description", required = false) String errorDescription,
      HttpServletRequest request) {
    if (error != null) {
      return ResponseEntity.status(HttpStatus.BAD_REQUEST).body("Salesforce did not connect: " + error
          + (errorDescription == null ? "" : " (" + errorDescription + ")") + ". Start again from Connect Salesforce.");
    }
    Actor actor;
    try {
      // The state authenticates the callback as whoever asked for the link; the code is never recorded.
      actor = salesforce.completeAuthorization(code, state);
    } catch (SalesforceAuthException | IllegalStateException refused) {
      return ResponseEntity.status(HttpStatus.BAD_REQUEST).body("Salesforce did not connect: " + refused.getMessage());
    } catch (SalesforceException unavailable) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("Salesforce did not connect: "
          + unavailable.getMessage() + ". Start again from Connect Salesforce in a while.");
    }
    actor.actsFor(request);
    audit.describe(salesforce.accountId(), Map.of());
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/?connected=salesforce")).build();
  }

  @Operation(operationId = "reconnectQuickBooks", summary = "Intuit's Reconnect URL: back into the QuickBooks connect flow",
      description = "Not for API clients: a browser opens it, e.g. from QuickBooks. No token: it sends the browser to the"
          + " admin page, which (once an admin is signed in) starts the connect flow at once.")
  @ApiResponse(responseCode = "303", description = "To the admin page's reconnect step", content = @Content)
  @ApiResponse(responseCode = "400", description = "The realmId is not a QuickBooks company id")
  @GetMapping(QuickBooksOAuthPaths.RECONNECT)
  ResponseEntity<Void> reconnect(@RequestParam(required = false) String realmId) {
    String step = realmId == null || realmId.isEmpty() ? "" : "/" + realmId(realmId);
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/#connections/reconnect" + step)).build();
  }

  /** A realmId as Intuit gives it: digits only. */
  private static String realmId(String value) {
    String realm = RequestText.required("realmId", value, MAX_REALM_ID_LENGTH);
    if (!REALM_ID.matcher(realm).matches()) {
      throw new IllegalArgumentException("realmId: '" + realm + "' is not a QuickBooks company id; a realmId is digits"
          + " only, e.g. 9130357766001001 (GET /api/connections lists them)");
    }
    return realm;
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
