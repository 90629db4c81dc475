package io.ledgerbridge.worker.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.RemoteApis;
import io.ledgerbridge.worker.status.MonitoringApiSupport;
import io.ledgerbridge.workflows.record.RecordSync;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bad requests to the three notification endpoints, one table: forged or missing credentials,
 * wrong content types, bodies too large, malformed JSON and SOAP, document types and external
 * entities, malformed record ids, too many records, other methods. Each must be answered 4xx with
 * a message that names what is wrong, and must leave everything as it was: no per-record workflow
 * started or signalled, no notification counted. A few requests that must be taken (a lower-case
 * bearer scheme, a first delivery) are in the table too, and must change something, which shows
 * the check can see a change; their repeats must not. Active jobs sync every object the requests
 * name, so a bad request let through would start a sync.
 */
class HostileWebhookRequestsTest extends MonitoringApiSupport {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String REALM = Sandbox.DEMO_REALM_ID;
  private static final String QBO = "/webhooks/quickbooks";
  private static final String OUTBOUND = "/webhooks/salesforce/outbound-messages";
  private static final String OUTBOUND_WITH_TOKEN = OUTBOUND + "?token=" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN;
  private static final String CALLOUT = "/webhooks/salesforce";
  private static final String BEARER = "Bearer " + Sandbox.SALESFORCE_NOTIFICATION_TOKEN;
  private static final byte[] OVER_THE_LIMIT = new byte[NotificationBody.MAX_BYTES + 1];
  private static final String VALID_SF_ID = "001000000000001AAA";
  private static final String INJECTION = "001' OR Name != '";
  private static final Duration QUIET_WITHIN = Duration.ofSeconds(60);

  @Autowired WorkflowServiceStubs grpc;
  @Autowired Sandbox sandbox;
  private final List<String> jobIds = new ArrayList<>();

  /** One request, what it must be answered, and whether it may change anything. */
  private record Row(String name, String method, String path, Map<String, String> headers, byte[] body, boolean chunked,
      int status, String namesIt, boolean changes) {}

  /** What a request could change: the per-record workflows and the notifications counted. */
  private record State(TreeSet<String> recordSyncRuns, String realTimeCounts) {}

  @BeforeEach
  void jobsSyncEveryObjectTheRequestsName() {
    for (String direction : List.of("QBO_TO_SALESFORCE", "SALESFORCE_TO_QBO")) {
      ApiResponse created = call("POST", "/api/jobs", """
          {"name":"hostile %s %s","companyId":"%s","direction":"%s","objects":["Customer"],
           "schedule":{"minute":[0],"hour":[0],"dayOfMonth":[1],"month":[1]}}"""
          .formatted(direction, UUID.randomUUID().toString().substring(0, 8), REALM, direction));
      assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
      jobIds.add(created.body().get("id").asText());
    }
  }

  @AfterEach
  void deleteTheJobs() {
    jobIds.forEach(id -> call("DELETE", "/api/jobs/" + id, null));
  }

  @Test
  void everyBadWebhookRequestIsRefusedWithItsReasonAndChangesNothing() {
    RemoteApis remote = new RemoteApis(sandbox);
    String customerId = remote.qboAll(REALM, "Customer").get(0).get("Id").asText();
    String accountId = remote.soql("SELECT Id FROM Account WHERE QBO_Id__c != null").get(0).get("Id").asText();
    List<Row> rows = new ArrayList<>();
    rows.addAll(quickBooksRows(customerId));
    rows.addAll(outboundMessageRows(accountId));
    rows.addAll(calloutRows(accountId));

    int serverErrors = 0;
    int changedState = 0;
    int vague = 0;
    List<String> failures = new ArrayList<>();
    for (Row row : rows) {
      State before = quietState();
      HttpResponse<String> response = send(row);
      State after = row.changes() ? quietState() : state();
      String message = message(response);
      String seen = row.name() + ": " + row.method() + " " + row.path() + " answered " + response.statusCode() + " " + message;
      if (response.statusCode() >= 500) {
        serverErrors++;
      }
      if (response.statusCode() != row.status()) {
        failures.add(seen + " (expected " + row.status() + ")");
      }
      if (response.statusCode() >= 400 && response.statusCode() < 500 && !namesTheReason(message, row.namesIt())) {
        vague++;
        failures.add(seen + " (the message must name '" + row.namesIt() + "')");
      }
      if (response.statusCode() == 200 && !message.toLowerCase(Locale.ROOT).contains(row.namesIt().toLowerCase(Locale.ROOT))) {
        failures.add(seen + " (the answer must say '" + row.namesIt() + "')");
      }
      if (!before.equals(after) && !row.changes()) {
        changedState++;
        failures.add(seen + " (it changed " + before + " into " + after + ")");
      }
      if (before.equals(after) && row.changes()) {
        failures.add(seen + " (it was taken, yet nothing changed: the check cannot see a change)");
      }
    }
    System.out.printf("hostile webhooks: %d requests, %d 5xx, %d changed state, %d vague messages%n",
        rows.size(), serverErrors, changedState, vague);

    assertThat(failures).isEmpty();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(100);
  }

  private List<Row> quickBooksRows(String customerId) {
    String valid = legacy(REALM, "Customer", customerId);
    Map<String, String> json = Map.of("Content-Type", "application/json");
    List<Row> rows = new ArrayList<>(List.of(
        post("no signature", QBO, json, valid, 401, "intuit-signature header is missing"),
        post("signature of another body", QBO, headers(json, "intuit-signature", sign(legacy(REALM, "Customer", "2"))),
            valid, 401, "does not match"),
        post("signed with another verifier token", QBO,
            headers(json, "intuit-signature", QuickBooksWebhook.sign("guessed-token", valid.getBytes(StandardCharsets.UTF_8))),
            valid, 401, "does not match"),
        post("signature not base64", QBO, headers(json, "intuit-signature", "!!not-base64!!"), valid, 401, "does not match"),
        post("signature cut short", QBO, headers(json, "intuit-signature", sign(valid).substring(0, 20)), valid, 401,
            "does not match"),
        post("signature as hex", QBO, headers(json, "intuit-signature", "a1b2c3d4e5f60718293a4b5c6d7e8f90"), valid, 401,
            "does not match"),
        post("body changed after signing", QBO, headers(json, "intuit-signature", sign(valid)), valid + " ", 401,
            "does not match"),
        post("no signature, body over the limit", QBO, json, OVER_THE_LIMIT, 401, "intuit-signature header is missing"),
        post("no signature, body not JSON", QBO, json, "not json", 401, "intuit-signature header is missing"),
        post("forged signature, wrong content type", QBO, Map.of("Content-Type", "text/plain", "intuit-signature", "AAAA"),
            valid, 401, "does not match"),
        post("body over the limit", QBO, headers(json, "intuit-signature", "AAAA"), OVER_THE_LIMIT, 413, "at most 1048576 bytes"),
        chunked("body over the limit, chunked", QBO, headers(json, "intuit-signature", "AAAA"), OVER_THE_LIMIT, 413,
            "at most 1048576 bytes"),
        signed("signed, text/plain", valid, "text/plain", 415, "application/json"),
        signed("signed, no content type", valid, null, 415, "Content-Type is missing"),
        signed("signed, application/xml", valid, "application/xml", 415, "application/json"),
        signed("signed, form-encoded", valid, "application/x-www-form-urlencoded", 415, "application/json"),
        signed("signed, unreadable content type", valid, "%%%", 415, "application/json"),
        signed("empty body", "", 400, "eventNotifications"),
        signed("not JSON", "not json", 400, "not JSON"),
        signed("unclosed object", "{", 400, "not JSON"),
        signed("null", "null", 400, "eventNotifications"),
        signed("a number", "42", 400, "eventNotifications"),
        signed("a string", "\"Customer 1\"", 400, "eventNotifications"),
        signed("empty object", "{}", 400, "eventNotifications"),
        signed("eventNotifications an object", "{\"eventNotifications\":{}}", 400, "eventNotifications"),
        signed("a notification that is a number", "{\"eventNotifications\":[1]}", 400, "eventNotifications[0] must be an object"),
        signed("no realmId", "{\"eventNotifications\":[{}]}", 400, "eventNotifications[0].realmId is missing"),
        signed("realmId not a number", legacy("abc", "Customer", "1"), 400, "realmId 'abc' is not a QuickBooks id"),
        signed("realmId with a quote", legacy("1' OR '1'='1", "Customer", "1"), 400, "realmId"),
        signed("no entities", "{\"eventNotifications\":[{\"realmId\":\"" + REALM + "\"}]}", 400, "entities must be an array"),
        signed("entities an object", "{\"eventNotifications\":[{\"realmId\":\"" + REALM
            + "\",\"dataChangeEvent\":{\"entities\":{}}}]}", 400, "entities must be an array"),
        signed("entity without a name", legacyEntities("{\"id\":\"1\"}"), 400, "entities[0].name is missing"),
        signed("entity without an id", legacyEntities("{\"name\":\"Customer\"}"), 400, "entities[0].id is missing"),
        signed("entity id with SQL", legacy(REALM, "Customer", "1' OR 1=1 --"), 400, "is not a QuickBooks id"),
        signed("entity id of letters", legacy(REALM, "Customer", "abc"), 400, "'abc' is not a QuickBooks id"),
        signed("entity id negative", legacy(REALM, "Customer", "-1"), 400, "'-1' is not a QuickBooks id"),
        signed("entity id a fraction", legacy(REALM, "Customer", "1.5"), 400, "'1.5' is not a QuickBooks id"),
        signed("entity id of 21 digits", legacy(REALM, "Customer", "1".repeat(21)), 400, "is not a QuickBooks id"),
        signed("entity id an object", legacyEntities("{\"name\":\"Customer\",\"id\":{\"x\":1}}"), 400, "id must be text"),
        signed("entity id an array", legacyEntities("{\"name\":\"Customer\",\"id\":[\"1\"]}"), 400, "id must be text"),
        signed("trailing garbage", valid + " x", 400, "not JSON"),
        signed("duplicate field", "{\"eventNotifications\":[],\"eventNotifications\":[]}", 400, "not JSON"),
        signed("nested 5,000 deep", "[".repeat(5000) + "]".repeat(5000), 400, "not JSON"),
        signed("zero bytes first, read as UTF-32", "\0\0\0" + valid, 400, "not JSON"),
        signed("10,000 entities", legacyEntities(IntStream.rangeClosed(1, 10_000)
            .mapToObj(i -> "{\"name\":\"Customer\",\"id\":\"" + i + "\"}").collect(Collectors.joining(","))), 400,
            "at most 1000 entity changes, not 10000"),
        signed("CloudEvent that is a number", "[1]", 400, "[0] must be an object"),
        signed("CloudEvent without a type", "[{}]", 400, "[0].type is missing"),
        signed("CloudEvent of another type", cloudEvent("com.example.thing", REALM, "1"), 400, "is not qbo.<entity>.<verb>.v<n>"),
        signed("CloudEvent type a number", "[{\"type\":5,\"intuitentityid\":\"1\",\"intuitaccountid\":\"" + REALM + "\"}]", 400,
            "'5' is not qbo.<entity>"),
        signed("CloudEvent without an entity id", "[{\"type\":\"qbo.customer.updated.v1\",\"intuitaccountid\":\"" + REALM + "\"}]",
            400, "[0].intuitentityid is missing"),
        signed("CloudEvent without an account", "[{\"type\":\"qbo.customer.updated.v1\",\"intuitentityid\":\"1\"}]", 400,
            "[0].intuitaccountid is missing"),
        signed("CloudEvent entity id of letters", cloudEvent("qbo.customer.updated.v1", REALM, "x1"), 400,
            "[0].intuitentityid 'x1' is not a QuickBooks id"),
        signed("CloudEvent account with SQL", cloudEvent("qbo.customer.updated.v1", "1; DROP TABLE job", "1"), 400,
            "[0].intuitaccountid"),
        signed("1,001 CloudEvents", "[" + IntStream.rangeClosed(1, 1001)
            .mapToObj(i -> "{\"type\":\"qbo.customer.updated.v1\",\"intuitentityid\":\"" + i + "\",\"intuitaccountid\":\""
                + REALM + "\"}").collect(Collectors.joining(",")) + "]", 400, "at most 1000 entity changes, not 1001"),
        other("GET", QBO, 405, "GET"),
        other("PUT", QBO, 405, "PUT")));
    String cloudEvents = cloudEvent("qbo.customer.updated.v1", REALM, customerId);
    rows.addAll(List.of(
        taken("a signed delivery", signed("", valid, 200, "syncing")),
        signed("the same delivery again", valid, 200, "the same delivery was taken"),
        taken("a signed CloudEvents delivery", signed("", cloudEvents, 200, "syncing")),
        signed("the same CloudEvents delivery again", cloudEvents, 200, "the same delivery was taken")));
    return rows;
  }

  private List<Row> outboundMessageRows(String accountId) {
    String valid = outboundMessage("Account", accountId);
    Map<String, String> xml = Map.of("Content-Type", "text/xml; charset=utf-8");
    String dtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
    List<Row> rows = new ArrayList<>(List.of(
        post("no token", OUTBOUND, xml, valid, 401, "the notification token is missing or wrong"),
        post("wrong token", OUTBOUND + "?token=guess", xml, valid, 401, "token is missing or wrong"),
        post("token in upper case", OUTBOUND + "?token=" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN.toUpperCase(Locale.ROOT), xml,
            valid, 401, "token is missing or wrong"),
        post("token with a trailing space", OUTBOUND_WITH_TOKEN + "%20", xml, valid, 401, "token is missing or wrong"),
        post("token given twice", OUTBOUND + "?token=guess&token=" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN, xml, valid, 401,
            "token is missing or wrong"),
        post("empty token", OUTBOUND + "?token=", xml, valid, 401, "token is missing or wrong"),
        post("token as a bearer header instead", OUTBOUND, headers(xml, "Authorization", BEARER), valid, 401,
            "?token=<LEDGERBRIDGE_SALESFORCE_NOTIFICATION_TOKEN>"),
        post("no token, body over the limit", OUTBOUND, xml, OVER_THE_LIMIT, 401, "token is missing or wrong"),
        post("no token, a document type", OUTBOUND, xml, dtd, 401, "token is missing or wrong"),
        post("JSON content type", OUTBOUND_WITH_TOKEN, Map.of("Content-Type", "application/json"), valid, 415, "text/xml"),
        post("no content type", OUTBOUND_WITH_TOKEN, Map.of(), valid, 415, "Content-Type is missing"),
        post("form-encoded", OUTBOUND_WITH_TOKEN, Map.of("Content-Type", "application/x-www-form-urlencoded"), valid, 415,
            "text/xml"),
        post("body over the limit", OUTBOUND_WITH_TOKEN, xml, OVER_THE_LIMIT, 413, "at most 1048576 bytes"),
        chunked("body over the limit, chunked", OUTBOUND_WITH_TOKEN, xml, OVER_THE_LIMIT, 413, "at most 1048576 bytes"),
        outbound("external entity (XXE)", dtd, 400, "without a DTD"),
        outbound("entity expansion (billion laughs)", "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><l>&c;</l>", 400,
            "without a DTD"),
        outbound("external DTD", "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"http://127.0.0.1:9/x.dtd\"><x/>", 400, "without a DTD"),
        outbound("parameter entity", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]><x/>",
            400, "without a DTD"),
        outbound("XInclude", "<x xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\""
            + " parse=\"text\"/></x>", 400, "exactly one notifications element"),
        outbound("empty body", "", 400, "not well-formed XML"),
        outbound("not XML", "not xml", 400, "not well-formed XML"),
        outbound("JSON", "{\"object\":\"Account\"}", 400, "not well-formed XML"),
        outbound("HTML", "<html><body><p>hello</body></html>", 400, "not well-formed XML"),
        outbound("another root", "<a/>", 400, "exactly one notifications element"),
        outbound("notifications in another namespace", valid.replace("http://soap.sforce.com/2005/09/outbound",
            "http://example.com/outbound"), 400, "exactly one notifications element"),
        outbound("two notifications elements", valid.replace("</soapenv:Body>",
            "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"/></soapenv:Body>"), 400, "exactly one notifications element"),
        outbound("a Notification without its sObject", outboundMessageOf("<Notification><Id>04l000000000001AAA</Id></Notification>"),
            400, "Notification 1 has no sObject"),
        outbound("an sObject without its Id", outboundMessageOf(notification("Account", null)), 400,
            "Notification 1 lacks its sObject's xsi:type or Id"),
        outbound("an sObject without its type", outboundMessageOf(notification(null, VALID_SF_ID)), 400,
            "Notification 1 lacks its sObject's xsi:type or Id"),
        outbound("an Id with SQL", outboundMessage("Account", INJECTION), 400,
            "Notification 1's Id '001' OR Name != '' is not a Salesforce record id"),
        outbound("an Id of 16 characters", outboundMessage("Account", "0010000000000011"), 400, "is not a Salesforce record id"),
        outbound("an Id with a wrong checksum", outboundMessage("Account", "001000000000001AAB"), 400,
            "is not a Salesforce record id"),
        outbound("an Id with a Cyrillic letter", outboundMessage("Account", "00100000000000\u0430"), 400,
            "is not a Salesforce record id"),
        outbound("two bad Ids among good ones", outboundMessageOf(notification("Account", VALID_SF_ID)
            + notification("Account", "bad-1") + notification("Account", "bad-2")), 400,
            "Notification 2's Id 'bad-1', Notification 3's Id 'bad-2' are not Salesforce record ids"),
        outbound("1,001 records", outboundMessageOf(IntStream.rangeClosed(1, 1001)
            .mapToObj(i -> notification("Account", VALID_SF_ID)).collect(Collectors.joining())), 400,
            "at most 1000 records, not 1001"),
        outbound("nested 20,000 deep", "<a>".repeat(20_000) + "</a>".repeat(20_000), 400, "exactly one notifications element"),
        outbound("cut in half", valid.substring(0, valid.length() / 2), 400, "not well-formed XML"),
        other("GET", OUTBOUND_WITH_TOKEN, 405, "GET")));
    String another = outboundMessage("Account", accountId);
    rows.addAll(List.of(
        taken("an outbound message", outbound("", another, 200, "<Ack>true</Ack>")),
        outbound("the same outbound message again", another, 200, "<Ack>true</Ack>")));
    return rows;
  }

  private List<Row> calloutRows(String accountId) {
    Map<String, String> json = Map.of("Content-Type", "application/json");
    Map<String, String> authorized = headers(json, "Authorization", BEARER);
    String valid = "{\"object\":\"Account\",\"ids\":[\"" + accountId + "\"]}";
    String thousandAndOne = "{\"object\":\"Account\",\"ids\":[" + IntStream.rangeClosed(1, 1001)
        .mapToObj(i -> "\"" + VALID_SF_ID + "\"").collect(Collectors.joining(",")) + "]}";
    return List.of(
        post("no Authorization", CALLOUT, json, valid, 401, "Authorization: Bearer <LEDGERBRIDGE_SALESFORCE_NOTIFICATION_TOKEN>"),
        post("wrong token", CALLOUT, headers(json, "Authorization", "Bearer guess"), valid, 401, "token is missing or wrong"),
        post("Basic scheme", CALLOUT, headers(json, "Authorization", "Basic " + Sandbox.SALESFORCE_NOTIFICATION_TOKEN), valid,
            401, "Authorization: Bearer"),
        post("Bearer without a token", CALLOUT, headers(json, "Authorization", "Bearer"), valid, 401, "Authorization: Bearer"),
        post("Bearer glued to the token", CALLOUT, headers(json, "Authorization", "Bearer" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN),
            valid, 401, "Authorization: Bearer"),
        post("token in the query instead", CALLOUT + "?token=" + Sandbox.SALESFORCE_NOTIFICATION_TOKEN, json, valid, 401,
            "Authorization: Bearer"),
        post("no token, body not JSON", CALLOUT, json, "{oops", 401, "token is missing or wrong"),
        post("no token, body over the limit", CALLOUT, json, OVER_THE_LIMIT, 401, "token is missing or wrong"),
        post("no token, wrong content type", CALLOUT, Map.of("Content-Type", "text/plain"), valid, 401, "token is missing or wrong"),
        post("no token, 1,001 ids", CALLOUT, json, thousandAndOne, 401, "token is missing or wrong"),
        post("text/plain", CALLOUT, Map.of("Content-Type", "text/plain", "Authorization", BEARER), valid, 415, "application/json"),
        post("no content type", CALLOUT, Map.of("Authorization", BEARER), valid, 415, "Content-Type is missing"),
        post("application/xml", CALLOUT, Map.of("Content-Type", "application/xml", "Authorization", BEARER), valid, 415,
            "application/json"),
        post("form-encoded", CALLOUT, Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", BEARER), valid,
            415, "application/json"),
        post("application/jsonp", CALLOUT, Map.of("Content-Type", "application/jsonp", "Authorization", BEARER), valid, 415,
            "application/json"),
        post("body over the limit", CALLOUT, authorized, OVER_THE_LIMIT, 413, "at most 1048576 bytes"),
        callout("empty body", "", 400, "must be a JSON object"),
        callout("not JSON", "not json", 400, "not JSON"),
        callout("an array", "[]", 400, "must be a JSON object"),
        callout("null", "null", 400, "must be a JSON object"),
        callout("empty object", "{}", 400, "object is required"),
        callout("object blank", "{\"object\":\"  \",\"ids\":[\"" + VALID_SF_ID + "\"]}", 400, "object is required"),
        callout("object a number", "{\"object\":7,\"ids\":[\"" + VALID_SF_ID + "\"]}", 400, "object is required"),
        callout("object an array", "{\"object\":[\"Account\"],\"ids\":[\"" + VALID_SF_ID + "\"]}", 400, "object is required"),
        callout("no ids", "{\"object\":\"Account\"}", 400, "ids is required"),
        callout("ids empty", "{\"object\":\"Account\",\"ids\":[]}", 400, "ids is required"),
        callout("ids a string", "{\"object\":\"Account\",\"ids\":\"" + VALID_SF_ID + "\"}", 400, "ids is required"),
        callout("an id that is null", "{\"object\":\"Account\",\"ids\":[null]}", 400, "ids[0] (null, not text)"),
        callout("an id that is a number", "{\"object\":\"Account\",\"ids\":[123]}", 400, "ids[0] (number, not text)"),
        callout("the tester's id with a quote among good ones", "{\"object\":\"Account\",\"ids\":[\"" + VALID_SF_ID + "\",\""
            + INJECTION + "\",\"001000000000002AAA\"]}", 400, "ids[1] '001' OR Name != '' is not a Salesforce record id"),
        callout("an id of 16 characters", "{\"object\":\"Account\",\"ids\":[\"0010000000000011\"]}", 400,
            "ids[0] '0010000000000011' is not a Salesforce record id"),
        callout("an id with a wrong checksum", "{\"object\":\"Account\",\"ids\":[\"001000000000001AAB\"]}", 400,
            "ids[0] '001000000000001AAB' is not"),
        callout("an id of 14 characters", "{\"object\":\"Account\",\"ids\":[\"00100000000000\"]}", 400, "ids[0]"),
        callout("an id with a Cyrillic letter", "{\"object\":\"Account\",\"ids\":[\"00100000000000\u0430\"]}", 400, "ids[0]"),
        callout("a blank id", "{\"object\":\"Account\",\"ids\":[\"   \"]}", 400, "ids[0] '   ' is not"),
        callout("an id with a line break", "{\"object\":\"Account\",\"ids\":[\"0010000000\\n00001\"]}", 400, "ids[0]"),
        callout("seven bad ids", "{\"object\":\"Account\",\"ids\":[" + IntStream.rangeClosed(1, 7).mapToObj(i -> "\"x" + i + "\"")
            .collect(Collectors.joining(",")) + "]}", 400, "ids[4] 'x5' and 2 more are not Salesforce record ids"),
        callout("1,001 ids", thousandAndOne, 400, "at most 1000 ids per call, not 1001"),
        callout("an unknown field", "{\"object\":\"Account\",\"ids\":[\"" + VALID_SF_ID + "\"],\"extra\":1}", 400,
            "'extra' is not a field of a callout"),
        callout("a field twice", "{\"object\":\"Account\",\"object\":\"Lead\",\"ids\":[\"" + VALID_SF_ID + "\"]}", 400,
            "Duplicate field 'object'"),
        callout("trailing garbage", valid + "]", 400, "not JSON"),
        callout("nested 5,000 deep", "{\"object\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 400, "not JSON"),
        callout("zero bytes first, read as UTF-32", "\0\0\0" + valid, 400, "not JSON"),
        callout("a type LedgerBridge does not sync", "{\"object\":\"Lead\",\"ids\":[\"" + VALID_SF_ID + "\"]}", 400,
            "does not sync 'Lead' to QuickBooks; it syncs Account, Product2, Opportunity"),
        callout("a type with SQL", "{\"object\":\"Account' OR '1'='1\",\"ids\":[\"" + VALID_SF_ID + "\"]}", 400,
            "does not sync 'Account' OR '1'='1' to QuickBooks"),
        other("GET", CALLOUT, 405, "GET"),
        other("DELETE", CALLOUT, 405, "DELETE"),
        taken("lower-case bearer scheme", post("", CALLOUT, headers(json, "Authorization",
            "bearer " + Sandbox.SALESFORCE_NOTIFICATION_TOKEN), valid, 200, "syncing")),
        taken("upper-case bearer scheme", post("", CALLOUT, headers(json, "Authorization",
            "BEARER " + Sandbox.SALESFORCE_NOTIFICATION_TOKEN), valid, 200, "syncing")));
  }

  private static Row post(String name, String path, Map<String, String> headers, Object body, int status, String namesIt) {
    return new Row(name, "POST", path, headers, bytes(body), false, status, namesIt, false);
  }

  private static Row chunked(String name, String path, Map<String, String> headers, byte[] body, int status, String namesIt) {
    return new Row(name, "POST", path, headers, body, true, status, namesIt, false);
  }

  private static Row signed(String name, String body, int status, String namesIt) {
    return signed(name, body, "application/json", status, namesIt);
  }

  private static Row signed(String name, String body, String contentType, int status, String namesIt) {
    Map<String, String> headers = new LinkedHashMap<>(Map.of("intuit-signature", sign(body)));
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return post(name, QBO, headers, body, status, namesIt);
  }

  private static Row outbound(String name, String body, int status, String namesIt) {
    return post(name, OUTBOUND_WITH_TOKEN, Map.of("Content-Type", "text/xml; charset=utf-8"), body, status, namesIt);
  }

  private static Row callout(String name, String body, int status, String namesIt) {
    return post(name, CALLOUT, Map.of("Content-Type", "application/json", "Authorization", BEARER), body, status, namesIt);
  }

  private static Row other(String method, String path, int status, String namesIt) {
    return new Row(method + " instead of POST", method, path, Map.of(), new byte[0], false, status, namesIt, false);
  }

  /** A request that must be taken, and so change something. */
  private static Row taken(String name, Row row) {
    return new Row(name, row.method(), row.path(), row.headers(), row.body(), row.chunked(), row.status(), row.namesIt(), true);
  }

  private static Map<String, String> headers(Map<String, String> base, String name, String value) {
    Map<String, String> headers = new LinkedHashMap<>(base);
    headers.put(name, value);
    return headers;
  }

  private static byte[] bytes(Object body) {
    return body instanceof byte[] raw ? raw : ((String) body).getBytes(StandardCharsets.UTF_8);
  }

  private static String sign(String body) {
    return QuickBooksWebhook.sign(Sandbox.QBO_WEBHOOK_VERIFIER_TOKEN, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A legacy delivery of one change, unique (its lastUpdated), so no earlier delivery makes it a repeat. */
  private static String legacy(String realmId, String entity, String id) {
    return "{\"eventNotifications\":[{\"realmId\":\"" + realmId + "\",\"dataChangeEvent\":{\"entities\":[{\"name\":\"" + entity
        + "\",\"id\":\"" + id + "\",\"operation\":\"Update\",\"lastUpdated\":\"" + Instant.now() + "\"}]}}]}";
  }

  private static String legacyEntities(String entities) {
    return "{\"eventNotifications\":[{\"realmId\":\"" + REALM + "\",\"dataChangeEvent\":{\"entities\":[" + entities + "]}}]}";
  }

  private static String cloudEvent(String type, String accountId, String entityId) {
    return "[{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"intuit.test\",\"type\":\"" + type
        + "\",\"time\":\"" + Instant.now() + "\",\"intuitentityid\":\"" + entityId + "\",\"intuitaccountid\":\"" + accountId
        + "\",\"data\":{}}]";
  }

  private static String outboundMessage(String type, String id) {
    return outboundMessageOf(notification(type, id));
  }

  /** An outbound message around these notifications, unique (its ActionId's session), so it is never a repeat. */
  private static String outboundMessageOf(String notifications) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"
        + "<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"><OrganizationId>00D000000000001AAA</OrganizationId>"
        + "<ActionId>04k000000000001AAA</ActionId><SessionId>" + UUID.randomUUID() + "</SessionId>" + notifications
        + "</notifications></soapenv:Body></soapenv:Envelope>";
  }

  private static String notification(String type, String id) {
    return "<Notification><Id>04l000000000001AAA</Id><sObject" + (type == null ? "" : " xsi:type=\"sf:" + type + "\"")
        + " xmlns:sf=\"urn:sobject.enterprise.soap.sforce.com\">" + (id == null ? "" : "<sf:Id>" + id + "</sf:Id>")
        + "</sObject></Notification>";
  }

  private HttpResponse<String> send(Row row) {
    HttpRequest.BodyPublisher body = row.chunked()
        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(row.body()))
        : HttpRequest.BodyPublishers.ofByteArray(row.body());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + row.path()))
        .method(row.method(), body);
    row.headers().forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(row.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The answer's message: a JSON error's message, a SOAP fault's faultstring, or the whole answer. */
  private static String message(HttpResponse<String> response) {
    String body = response.body();
    int fault = body.indexOf("<faultstring>");
    if (fault >= 0) {
      return body.substring(fault + "<faultstring>".length(), body.indexOf("</faultstring>"))
          .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
    try {
      JsonNode json = JSON.readTree(body);
      return json != null && json.has("message") && response.statusCode() >= 400 ? json.get("message").asText() : body;
    } catch (IOException notJson) {
      return body;
    }
  }

  /** Says what is wrong: the row's words, in a message that is more than a bare status. */
  private static boolean namesTheReason(String message, String namesIt) {
    return message.length() > 20 && message.contains(namesIt);
  }

  /** The state once no per-record workflow runs any more, so only a request can change it. */
  private State quietState() {
    Instant deadline = Instant.now().plus(QUIET_WITHIN);
    State state = state();
    while (state.recordSyncRuns().stream().anyMatch(run -> run.contains("RUNNING")) && Instant.now().isBefore(deadline)) {
      sleep();
      state = state();
    }
    return state;
  }

  private State state() {
    TreeSet<String> runs = new TreeSet<>();
    List<WorkflowExecutionInfo> executions = new ArrayList<>(grpc.blockingStub().listOpenWorkflowExecutions(
        ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace("default").build()).getExecutionsList());
    executions.addAll(grpc.blockingStub().listClosedWorkflowExecutions(
        ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace("default").build()).getExecutionsList());
    for (WorkflowExecutionInfo info : executions) {
      if (info.getType().getName().equals(RecordSync.WORKFLOW_TYPE)) {
        WorkflowExecution execution = info.getExecution();
        // A signal to an open run adds to its history; one to a closed run starts another.
        long events = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
            ? grpc.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default").setExecution(execution).build()).getWorkflowExecutionInfo().getHistoryLength()
            : 0;
        runs.add(execution.getWorkflowId() + "/" + execution.getRunId() + " "
            + info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "") + " " + events + " events");
      }
    }
    List<String> counts = new ArrayList<>();
    for (JsonNode source : call("GET", "/api/status", null).body().get("realTime")) {
      counts.add(source.get("system").asText() + ": " + source.get("notifications").asLong() + " notifications, "
          + source.get("recordsSyncing").asLong() + " syncing, " + source.get("recordsIgnored").asLong() + " ignored");
    }
    return new State(runs, String.join("; ", counts));
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
