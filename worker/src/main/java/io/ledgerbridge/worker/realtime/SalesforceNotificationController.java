package io.ledgerbridge.worker.realtime;

import io.ledgerbridge.worker.api.OpenApiDocument;
import io.ledgerbridge.worker.security.BearerToken;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Salesforce's change notifications: outbound messages at {@code POST
 * /webhooks/salesforce/outbound-messages?token=<secret>} (SOAP, acknowledged once the changes are
 * with Temporal; otherwise Salesforce sends them again for 24 hours), and Flow or Apex callouts at
 * {@code POST /webhooks/salesforce} ({@code {"object":"Account","ids":[...]}}, bearer secret). The
 * secret is checked before the body is read, so a caller without it learns nothing else.
 */
@Tag(name = "Change notifications")
@RestController
class SalesforceNotificationController {
  private static final String SYSTEM = "salesforce";

  private final RealTimeSettings settings;
  private final ChangeNotifications notifications;

  SalesforceNotificationController(RealTimeSettings settings, ChangeNotifications notifications) {
    this.settings = settings;
    this.notifications = notifications;
  }

  @Operation(operationId = "receiveSalesforceOutboundMessage", summary = "Salesforce outbound messages (SOAP)",
      description = "Acknowledged once the changes are with Temporal, also when nothing of it syncs; refusals are SOAP"
          + " faults. At most 1 MiB and 1,000 records; a body with a DTD is refused. The same message again within"
          + " 24 hours is acknowledged and syncs nothing.",
      requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_XML_VALUE,
          schema = @Schema(type = "string", description = "Salesforce's outbound message notifications"))))
  // Every answer is SOAP, as the mapping produces: the acknowledgement, or a fault saying why.
  @ApiResponse(responseCode = "200", description = "Acknowledged: <Ack>true</Ack>")
  @ApiResponse(responseCode = "400", description = "Not an outbound message, or a record id that is not a Salesforce id")
  @ApiResponse(responseCode = "401", description = "The token is missing or wrong")
  @ApiResponse(responseCode = "413", description = "The body is over 1 MiB")
  @ApiResponse(responseCode = "415", description = "The body is not XML by its Content-Type")
  @ApiResponse(responseCode = "503", description = "No notification token is configured, or Temporal cannot take the"
      + " changes now; Salesforce sends the message again")
  @PostMapping(path = "/webhooks/salesforce/outbound-messages", produces = MediaType.TEXT_XML_VALUE)
  ResponseEntity<String> outboundMessage(
      @Parameter(description = "LEDGERBRIDGE_SALESFORCE_NOTIFICATION_TOKEN, in the URL the outbound message is sent to")
      @RequestParam(name = "token", required = false) String token,
      HttpServletRequest request) {
    try {
      requireToken(token, "the outbound message's URL must end in ?token=<LEDGERBRIDGE_SALESFORCE_NOTIFICATION_TOKEN>");
      NotificationBody.requireXml(request);
      byte[] body = NotificationBody.read(request);
      Map<String, List<String>> idsByType = new LinkedHashMap<>();
      for (SalesforceOutboundMessage.Notified notified : SalesforceOutboundMessage.records(body)) {
        idsByType.computeIfAbsent(notified.type(), t -> new ArrayList<>()).add(notified.id());
      }
      List<ChangedRecords> changes = new ArrayList<>();
      List<String> ignored = new ArrayList<>();
      int unsyncedRecords = 0;
      for (Map.Entry<String, List<String>> notified : idsByType.entrySet()) {
        if (!toChange(notified.getKey(), notified.getValue(), changes, ignored)) {
          unsyncedRecords += notified.getValue().size();
        }
      }
      // Acknowledged even when nothing syncs: unacknowledged, Salesforce would send it for 24 hours.
      notifications.dispatchOnce(SYSTEM, body, changes, ignored, unsyncedRecords);
      return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(SalesforceOutboundMessage.ACK);
    } catch (NotificationRejected e) {
      notifications.rejected(SYSTEM, e);
      return soapFault(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason());
    }
  }

  @Operation(operationId = "receiveSalesforceCallout", summary = "Flow or Apex callouts naming changed records",
      description = "At most 1 MiB and 1,000 ids, each a Salesforce record id; repeats count once.",
      security = @SecurityRequirement(name = OpenApiDocument.NOTIFICATION_TOKEN),
      requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = SalesforceCallout.class))))
  @ApiResponse(responseCode = "200", description = "Taken: which records sync in which workflows")
  @ApiResponse(responseCode = "400", description = "Not a callout, a type LedgerBridge does not sync to QuickBooks, or an"
      + " id that is not a Salesforce id; the message names it")
  @ApiResponse(responseCode = "401", description = "The notification token is missing or wrong")
  @ApiResponse(responseCode = "413", description = "The body is over 1 MiB")
  @ApiResponse(responseCode = "415", description = "The body is not JSON by its Content-Type")
  @ApiResponse(responseCode = "503", description = "No notification token is configured, or Temporal cannot take the"
      + " changes now; send them again")
  @PostMapping("/webhooks/salesforce")
  ChangeNotifications.Dispatched callout(
      // Declared as the operation's security scheme, which Swagger UI and generated clients send.
      @Parameter(hidden = true) @RequestHeader(name = "Authorization", required = false) String authorization,
      HttpServletRequest request) {
    try {
      requireToken(BearerToken.from(authorization).orElse(null),
          "send Authorization: Bearer <LEDGERBRIDGE_SALESFORCE_NOTIFICATION_TOKEN>");
      NotificationBody.requireJson(request);
      SalesforceCallout callout = SalesforceCallout.parse(NotificationBody.read(request));
      List<ChangedRecords> changes = new ArrayList<>();
      if (!toChange(callout.object(), callout.ids(), changes, new ArrayList<>())) {
        throw new NotificationRejected(HttpStatus.BAD_REQUEST, "LedgerBridge does not sync " + RecordIds.shown(callout.object())
            + " to QuickBooks; it syncs " + syncedTypes());
      }
      return notifications.dispatch(SYSTEM, changes, List.of(), 0);
    } catch (NotificationRejected rejected) {
      throw notifications.rejected(SYSTEM, rejected);
    }
  }

  /** Adds the change of a synced type and returns true; otherwise says why it is ignored. */
  private boolean toChange(String type, List<String> ids, List<ChangedRecords> changes, List<String> ignored) {
    List<SyncObject> objects = notifications.fromSalesforce(type);
    if (objects.isEmpty()) {
      ignored.add(ids.size() + " " + type + " change(s): LedgerBridge does not sync " + type + " to QuickBooks");
      return false;
    }
    objects.forEach(object -> changes.add(new ChangedRecords(null, SyncDirection.SALESFORCE_TO_QBO, object, ids)));
    return true;
  }

  private String syncedTypes() {
    List<String> types = new ArrayList<>();
    for (SyncObject object : SyncObject.all()) {
      notifications.salesforceType(object).ifPresent(types::add);
    }
    return String.join(", ", types);
  }

  private void requireToken(String presented, String how) {
    if (!BearerToken.matches(presented, settings.requireSalesforce())) {
      throw new NotificationRejected(HttpStatus.UNAUTHORIZED, "the notification token is missing or wrong: " + how);
    }
  }

  private static ResponseEntity<String> soapFault(HttpStatus status, String message) {
    String escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    String fault = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><soapenv:Fault>"
        + "<faultcode>soapenv:" + (status.is4xxClientError() ? "Client" : "Server") + "</faultcode>"
        + "<faultstring>" + escaped + "</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>";
    return ResponseEntity.status(status).contentType(MediaType.TEXT_XML).body(fault);
  }
}
