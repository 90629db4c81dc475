package io.ledgerbridge.worker.realtime;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/quickbooks}: the webhooks endpoint of the QuickBooks app. A delivery signed
 * with the verifier token is answered 200 once its changes are with Temporal (Intuit wants an
 * answer within 3 s and retries otherwise), and so is the same delivery sent again, which starts
 * nothing; a missing or bad signature gets 401, a body over the size limit 413, one that is not
 * JSON by its Content-Type 415, one that is not a webhook 400, and a moment without Temporal 503,
 * so Intuit delivers it again.
 */
@Tag(name = "Change notifications", description = "Real-time sync: the systems name changed records")
@RestController
class QuickBooksWebhookController {
  private static final String SYSTEM = "quickbooks";

  private final RealTimeSettings settings;
  private final ChangeNotifications notifications;

  QuickBooksWebhookController(RealTimeSettings settings, ChangeNotifications notifications) {
    this.settings = settings;
    this.notifications = notifications;
  }

  @Operation(operationId = "receiveQuickBooksWebhook", summary = "The QuickBooks app's webhooks endpoint",
      description = "Legacy eventNotifications or CloudEvents, as Intuit sends them; at most 1 MiB and 1,000 records."
          + " The same signed delivery again within 24 hours is acknowledged and syncs nothing.",
      requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
          schema = @Schema(type = "object", description = "Intuit's webhook delivery"))))
  @ApiResponse(responseCode = "200", description = "Taken: which records sync in which workflows, and what is ignored")
  @ApiResponse(responseCode = "400", description = "Not a webhook delivery, or a record id that is not a QuickBooks id")
  @ApiResponse(responseCode = "401", description = "The intuit-signature is missing or not the body's")
  @ApiResponse(responseCode = "413", description = "The body is over 1 MiB")
  @ApiResponse(responseCode = "415", description = "The body is not JSON by its Content-Type")
  @ApiResponse(responseCode = "503", description = "No verifier token is configured, or Temporal cannot take the changes"
      + " now; Intuit delivers them again")
  @PostMapping("/webhooks/quickbooks")
  ChangeNotifications.Dispatched receive(
      @Parameter(description = "Base64 HMAC-SHA256 of the body, keyed with LEDGERBRIDGE_QBO_WEBHOOK_VERIFIER_TOKEN")
      @RequestHeader(name = "intuit-signature", required = false) String signature,
      HttpServletRequest request) {
    try {
      String verifierToken = settings.requireQuickBooks();
      // The signature covers the body, so only its absence is known before the body is read.
      QuickBooksWebhook.requireSignature(signature);
      byte[] delivered = NotificationBody.read(request);
      QuickBooksWebhook.verify(verifierToken, delivered, signature);
      NotificationBody.requireJson(request);
      Map<String, List<String>> unsynced = new TreeMap<>();
      List<ChangedRecords> changes = new ArrayList<>();
      for (QuickBooksWebhook.EntityChange change : QuickBooksWebhook.changes(delivered)) {
        List<SyncObject> objects = notifications.fromQuickBooks(change.entity());
        if (objects.isEmpty()) {
          unsynced.computeIfAbsent(change.entity(), e -> new ArrayList<>()).add(change.id());
          continue;
        }
        objects.forEach(object -> changes.add(new ChangedRecords(change.realmId(), SyncDirection.QBO_TO_SALESFORCE, object,
            List.of(change.id()))));
      }
      List<String> ignored = new ArrayList<>();
      unsynced.forEach((entity, ids) -> ignored.add(ids.size() + " " + entity + " change(s): LedgerBridge does not sync "
          + entity + " to Salesforce"));
      int unsyncedRecords = unsynced.values().stream().mapToInt(List::size).sum();
      return notifications.dispatchOnce(SYSTEM, delivered, changes, ignored, unsyncedRecords);
    } catch (NotificationRejected rejected) {
      throw notifications.rejected(SYSTEM, rejected);
    }
  }
}
