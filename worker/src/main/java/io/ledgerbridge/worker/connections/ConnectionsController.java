package io.ledgerbridge.worker.connections;

import io.ledgerbridge.worker.api.RequestText;
import io.ledgerbridge.worker.config.QuickBooksOAuthPaths;
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
@RestController
class ConnectionsController {
  /** The width of the company_id columns. */
  private static final int MAX_REALM_ID_LENGTH = 64;

  private final QuickBooksConnector connector;

  ConnectionsController(QuickBooksConnector connector) {
    this.connector = connector;
  }

  /** The link an admin opens to connect (or reconnect) a QuickBooks company. */
  @PostMapping("/api/connections/quickbooks/authorizations")
  Map<String, String> authorize() {
    return Map.of("authorizationUrl", connector.beginAuthorization());
  }

  @GetMapping("/api/connections/quickbooks/{realmId}")
  Map<String, Object> status(@PathVariable String realmId) {
    String company = RequestText.required("realmId", realmId, MAX_REALM_ID_LENGTH);
    return Map.of("realmId", company, "connected", connector.isConnected(company));
  }

  /** Intuit's redirect after consent; no admin token here, the one-time state authenticates it. */
  @GetMapping(value = QuickBooksOAuthPaths.CALLBACK, produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> callback(
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String realmId,
      @RequestParam(required = false) String error) {
    if (error != null) {
      return ResponseEntity.status(HttpStatus.BAD_REQUEST)
          .body("QuickBooks did not connect: " + error + ". Start again from the connect link.");
    }
    connector.completeAuthorization(code, state, realmId);
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/?connected=" + realmId)).build();
  }
}
