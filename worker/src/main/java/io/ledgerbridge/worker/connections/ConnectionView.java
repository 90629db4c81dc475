package io.ledgerbridge.worker.connections;

import io.ledgerbridge.activities.store.ConnectedSystem;
import io.ledgerbridge.workflows.sync.FailureType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One QuickBooks company or the Salesforce org as the connections view shows it. Never a token: only
 * what can be told about them.
 */
@Schema(description = "A QuickBooks company or the Salesforce org: its state, token expiries and last calls")
public record ConnectionView(
    ConnectedSystem system,
    @Schema(description = "The QuickBooks realmId, or the Salesforce org's login host") String accountId,
    ConnectionState state,
    @Schema(description = "Why the state is not CONNECTED, and what to do; null when connected") String reason,
    @Schema(description = "When the current authorization was given (QuickBooks; Salesforce by the web-server flow);"
        + " null when it predates LedgerBridge recording it") Instant authorizedAt,
    @Schema(description = "Intuit's cap: five years after authorizedAt the company must be connected again, whatever"
        + " its refresh tokens say (QuickBooks)") Instant authorizationCapAt,
    Instant accessTokenExpiresAt,
    @Schema(description = "When the refresh token runs out unless used (Intuit's x_refresh_token_expires_in;"
        + " QuickBooks)") Instant refreshTokenExpiresAt,
    @Schema(description = "The last call that was answered (kept to the minute)") Instant lastSuccessAt,
    Instant lastFailureAt,
    @Schema(description = "AUTH, REMOTE_UNAVAILABLE or RATE_LIMIT: failures of a record's own data are not the"
        + " connection's") FailureType lastFailureType,
    String lastFailureReason,
    @Schema(description = "Salesforce: the org's daily API calls from the last answer's Sforce-Limit-Info header;"
        + " null until one came") Integer apiCallsUsed,
    Integer apiCallsLimit,
    Integer apiCallsLeft,
    Instant apiCallsObservedAt,
    @Schema(description = "Whether DELETE disconnects it (false: the credentials come from the configuration, or"
        + " nothing is held)") boolean disconnectable,
    @Schema(description = "Where a browser starts connecting it again (QuickBooks; Salesforce by the web-server flow)")
        String reconnectUrl,
    @Schema(description = "Salesforce: how LedgerBridge gets the org's tokens: client-credentials, web-server or"
        + " jwt-bearer; null for QuickBooks") String authFlow) {}
