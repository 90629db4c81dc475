package io.ledgerbridge.worker.realtime;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
@RestController
class QuickBooksWebhookController {
  private static final String SYSTEM = "quickbooks";

  private final RealTimeSettings settings;
  private final ChangeNotifications notifications;

  QuickBooksWebhookController(RealTimeSettings settings, ChangeNotifications notifications) {
    this.settings = settings;
    this.notifications = notifications;
  }

  @PostMapping("/webhooks/quickbooks")
  ChangeNotifications.Dispatched receive(
      @RequestHeader(name = "intuit-signature", required = false) String signature, HttpServletRequest request) {
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
        Optional<SyncObject> object = notifications.fromQuickBooks(change.entity());
        if (object.isEmpty()) {
          unsynced.computeIfAbsent(change.entity(), e -> new ArrayList<>()).add(change.id());
          continue;
        }
        changes.add(new ChangedRecords(change.realmId(), SyncDirection.QBO_TO_SALESFORCE, object.get(),
            List.of(change.id())));
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
