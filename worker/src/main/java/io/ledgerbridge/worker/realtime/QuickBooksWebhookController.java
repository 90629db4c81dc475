package io.ledgerbridge.worker.realtime;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/quickbooks}: the webhooks endpoint of the QuickBooks app. A delivery signed
 * with the verifier token is answered 200 once its changes are with Temporal (Intuit wants an
 * answer within 3 s and retries otherwise); a bad signature gets 401, a body that is not a webhook
 * 400, and a moment without Temporal 503, so Intuit delivers it again.
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
      @RequestHeader(name = "intuit-signature", required = false) String signature,
      @RequestBody(required = false) byte[] body) {
    try {
      byte[] delivered = body == null ? new byte[0] : body;
      QuickBooksWebhook.verify(settings.requireQuickBooks(), delivered, signature);
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
      return notifications.dispatch(SYSTEM, changes, ignored, unsyncedRecords);
    } catch (NotificationRejected rejected) {
      throw notifications.rejected(SYSTEM, rejected);
    }
  }
}
