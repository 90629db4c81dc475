package io.ledgerbridge.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordFailure;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile input against the REST API, as a table: each request is refused with its status and a
 * message naming the field or reason, never answered 5xx, and leaves the job registry and the
 * error list exactly as they were. Every case runs, then one summary line tells how many broke
 * which rule, and each offender is listed.
 */
class HostileApiInputTest extends ApplicationTestSupport {
  private static final String COMPANY = Sandbox.DEMO_REALM_ID;
  private static final String FIXTURE_JOB = "hostile-fixture";
  private static final String ERROR_COMPANY = "hostile-co";
  /** Midnight on January 1st: the fixture job never runs while the tests do. */
  private static final Map<String, String> VALID_SCHEDULE = fields(
      "minute", "[0]", "hour", "[0]", "dayOfMonth", "[1]", "month", "[1]");
  private static final Map<String, String> VALID_JOB = fields(
      "name", "\"Hostile probe\"", "companyId", "\"" + COMPANY + "\"", "direction", "\"QBO_TO_SALESFORCE\"",
      "objects", "[\"Customer\"]", "schedule", object(VALID_SCHEDULE));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired JdbcTemplate jdbc;

  /** One hostile request and what must come back: the status, and words the message must contain. */
  record Case(String method, String path, byte[] body, String contentType, String authorization, int status,
      List<String> words) {
    @Override
    public String toString() {
      String shown = body == null ? "" : " " + new String(body, StandardCharsets.UTF_8);
      return method + " " + path + (shown.length() > 120 ? shown.substring(0, 120) + "…" : shown);
    }
  }

  private final List<Case> cases = new ArrayList<>();

  // ---- building the table ----

  private void add(String method, String path, String body, int status, String... words) {
    cases.add(new Case(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), "application/json",
        "Bearer " + ADMIN_TOKEN, status, List.of(words)));
  }

  private void raw(String method, String path, byte[] body, String contentType, String authorization, int status,
      String... words) {
    cases.add(new Case(method, path, body, contentType, authorization, status, List.of(words)));
  }

  private static Map<String, String> fields(String... keysAndJson) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < keysAndJson.length; i += 2) {
      fields.put(keysAndJson[i], keysAndJson[i + 1]);
    }
    return fields;
  }

  private static String object(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(field -> "\"" + field.getKey() + "\":" + field.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** The valid job with one field's JSON replaced; null leaves the field out. */
  private static String jobWith(String field, String json) {
    Map<String, String> job = new LinkedHashMap<>(VALID_JOB);
    if (json == null) {
      job.remove(field);
    } else {
      job.put(field, json);
    }
    return object(job);
  }

  /** The valid job whose schedule has one field's JSON replaced (or added); null leaves it out. */
  private static String scheduleWith(String field, String json) {
    Map<String, String> schedule = new LinkedHashMap<>(VALID_SCHEDULE);
    if (json == null) {
      schedule.remove(field);
    } else {
      schedule.put(field, json);
    }
    return jobWith("schedule", object(schedule));
  }

  /** A JSON string of any Java text, with everything outside printable ASCII escaped, lone surrogates too. */
  private static String str(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  private static String repeat(String json, int times) {
    return String.join(",", Collections.nCopies(times, json));
  }

  private void bodyLevelCases(String method, String path) {
    add(method, path, "", 400, "body");
    add(method, path, "[]", 400, "body", "expected an object");
    add(method, path, "\"a job\"", 400, "body", "expected an object");
    add(method, path, "42", 400, "body", "expected an object");
    add(method, path, "true", 400, "body", "expected an object");
    add(method, path, "{", 400, "malformed JSON", "line 1");
    add(method, path, "{\"name\":\"a\",}", 400, "malformed JSON");
    add(method, path, "{'name':'a'}", 400, "malformed JSON");
    add(method, path, "{name:\"a\"}", 400, "malformed JSON");
    add(method, path, "{\"name\":\"a\" /* note */}", 400, "malformed JSON");
    add(method, path, "{\"pullMissingParents\":NaN}", 400, "malformed JSON");
    add(method, path, jobWith("name", "\"Trailing\"") + " {\"name\":\"b\"}", 400, "body", "more after the JSON value");
    add(method, path, jobWith("name", "\"Trailing\"") + "garbage", 400, "malformed JSON", "'garbage'");
    add(method, path, jobWith("name", "\"Trailing\"") + "]", 400, "malformed JSON", "close marker ']'");
    add(method, path, "{\"name\":\"a\",\"name\":\"b\"}", 400, "malformed JSON", "Duplicate field 'name'");
    add(method, path, "[".repeat(5000) + "]".repeat(5000), 400, "body", "expected an object");
    add(method, path, "{\"nme\":\"typo\"}", 400, "nme", "unknown field", "known fields are");
    add(method, path, jobWith("extra", "1"), 400, "extra", "unknown field");
    raw(method, path, jobWith("name", "\"Plain\"").getBytes(StandardCharsets.UTF_8), "text/plain",
        "Bearer " + ADMIN_TOKEN, 415, "text/plain");
    raw(method, path, "<job><name>x</name></job>".getBytes(StandardCharsets.UTF_8), "application/xml",
        "Bearer " + ADMIN_TOKEN, 415, "application/xml");
    raw(method, path, "name=x".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded",
        "Bearer " + ADMIN_TOKEN, 415, "x-www-form-urlencoded");
    raw(method, path, new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
        "application/json", "Bearer " + ADMIN_TOKEN, 400, "malformed JSON", "UTF-8");
  }

  /** Field values that are wrong for the job fields of both POST and PUT, with the words the answer names. */
  private void fieldCases(String method, String path, boolean create) {
    // name
    add(method, path, jobWith("name", "true"), 400, "name", "expected text", "true");
    add(method, path, jobWith("name", "false"), 400, "name", "expected text");
    add(method, path, jobWith("name", "1.5"), 400, "name", "expected text", "1.5");
    add(method, path, jobWith("name", "[\"a\"]"), 400, "name", "expected text");
    add(method, path, jobWith("name", "{\"a\":1}"), 400, "name", "expected text");
    add(method, path, jobWith("name", "\"\""), 400, "name", "required");
    add(method, path, jobWith("name", "\"   \""), 400, "name", "required");
    add(method, path, jobWith("name", str("Nightly\nINFO Forged log line")), 400, "name", "control character", "U+000A");
    add(method, path, jobWith("name", str("Nightly\r\nWARN forged")), 400, "name", "U+000D");
    add(method, path, jobWith("name", str("Nul\u0000byte")), 400, "name", "U+0000");
    add(method, path, jobWith("name", str("Tab\there")), 400, "name", "U+0009");
    add(method, path, jobWith("name", str("Escape\u001b[31mred")), 400, "name", "U+001B");
    add(method, path, jobWith("name", str("Delete\u007f")), 400, "name", "U+007F");
    add(method, path, jobWith("name", str("Next line\u0085")), 400, "name", "U+0085");
    add(method, path, jobWith("name", str("Line\u2028separator")), 400, "name", "U+2028");
    add(method, path, jobWith("name", str("Paragraph\u2029separator")), 400, "name", "U+2029");
    add(method, path, jobWith("name", str("Lone \ud800 high")), 400, "name", "surrogate", "U+D800");
    add(method, path, jobWith("name", str("Lone \udc00 low")), 400, "name", "surrogate", "U+DC00");
    add(method, path, jobWith("name", str("Reversed \udc00\ud800 pair")), 400, "name", "surrogate");
    add(method, path, jobWith("name", str("x".repeat(201))), 400, "name", "at most 200 characters");
    add(method, path, jobWith("name", str("x".repeat(1_000_000))), 400, "name", "at most 200 characters");
    // companyId
    add(method, path, jobWith("companyId", "true"), 400, "companyId", "expected text");
    add(method, path, jobWith("companyId", "9.5"), 400, "companyId", "expected text");
    add(method, path, jobWith("companyId", "[]"), 400, "companyId", "expected text");
    add(method, path, jobWith("companyId", "\"\""), 400, "companyId", "required");
    add(method, path, jobWith("companyId", str(COMPANY + "\n")), 400, "companyId", "U+000A");
    add(method, path, jobWith("companyId", str("1".repeat(65))), 400, "companyId", "at most 64");
    add(method, path, jobWith("companyId", "\"123\""), 400, "companyId", "not connected");
    add(method, path, jobWith("companyId", "\"' OR '1'='1\""), 400, "companyId", "not connected");
    // direction
    add(method, path, jobWith("direction", "1"), 400, "direction", "not one of", "QBO_TO_SALESFORCE");
    add(method, path, jobWith("direction", "0"), 400, "direction", "not one of");
    add(method, path, jobWith("direction", "true"), 400, "direction", "QBO_TO_SALESFORCE");
    add(method, path, jobWith("direction", "\"SIDEWAYS\""), 400, "direction", "'SIDEWAYS' is not one of");
    add(method, path, jobWith("direction", "\"\""), 400, "direction");
    add(method, path, jobWith("direction", "\"qbo_to_salesforce\""), 400, "direction", "not one of");
    add(method, path, jobWith("direction", "[\"QBO_TO_SALESFORCE\"]"), 400, "direction", "QBO_TO_SALESFORCE");
    add(method, path, jobWith("direction", "{}"), 400, "direction", "QBO_TO_SALESFORCE");
    // objects
    add(method, path, jobWith("objects", "\"Customer\""), 400, "objects", "expected a list");
    add(method, path, jobWith("objects", "{}"), 400, "objects", "expected a list");
    add(method, path, jobWith("objects", "[]"), 400, "objects", "at least one object");
    add(method, path, jobWith("objects", "[true]"), 400, "objects[0]", "expected text");
    add(method, path, jobWith("objects", "[1.5]"), 400, "objects[0]", "expected text");
    add(method, path, jobWith("objects", "[[\"Customer\"]]"), 400, "objects[0]", "expected text");
    add(method, path, jobWith("objects", "[null]"), 400, "objects", "unknown object");
    add(method, path, jobWith("objects", "[\"PurchaseOrder\"]"), 400, "objects", "unknown object 'PurchaseOrder'", "Customer");
    add(method, path, jobWith("objects", "[\"Customer\",\"customer\"]"), 400, "objects", "listed twice");
    add(method, path, jobWith("objects", "[\"Invoice\",\"Customer\"]"), 400, "objects", "move Customer before Invoice");
    add(method, path, jobWith("objects", "[" + repeat("\"Customer\"", 10_000) + "]"), 400, "objects", "listed twice");
    add(method, path, jobWith("objects", "[" + str("Customer'; DROP TABLE sync_job; --") + "]"), 400, "objects",
        "unknown object");
    // pullMissingParents
    add(method, path, jobWith("pullMissingParents", "2"), 400, "pullMissingParents", "true or false", "2");
    add(method, path, jobWith("pullMissingParents", "1"), 400, "pullMissingParents", "true or false");
    add(method, path, jobWith("pullMissingParents", "0"), 400, "pullMissingParents", "true or false");
    add(method, path, jobWith("pullMissingParents", "\"true\""), 400, "pullMissingParents", "true or false");
    add(method, path, jobWith("pullMissingParents", "\"yes\""), 400, "pullMissingParents", "true or false");
    add(method, path, jobWith("pullMissingParents", "1.0"), 400, "pullMissingParents", "true or false");
    add(method, path, jobWith("pullMissingParents", "[true]"), 400, "pullMissingParents", "true or false");
    add(method, path, jobWith("pullMissingParents", "{}"), 400, "pullMissingParents", "true or false");
    if (create) {
      add(method, path, jobWith("name", null), 400, "name", "required");
      add(method, path, jobWith("direction", null), 400, "direction", "required");
      add(method, path, jobWith("objects", null), 400, "objects", "at least one object");
      add(method, path, jobWith("schedule", null), 400, "schedule", "give a schedule");
      add(method, path, "null", 400, "body", "missing");
      add(method, path, jobWith("name", "\"Hostile fixture\""), 409, "Hostile fixture");
    } else {
      add(method, path, "null", 400, "body", "missing");
    }
  }

  private void scheduleCases(String method, String path) {
    add(method, path, jobWith("schedule", "\"0 3 * * *\""), 400, "schedule", "expected an object");
    add(method, path, jobWith("schedule", "[]"), 400, "schedule", "expected an object");
    add(method, path, jobWith("schedule", "5"), 400, "schedule", "expected an object");
    add(method, path, jobWith("schedule", "true"), 400, "schedule", "expected an object");
    add(method, path, jobWith("schedule", "{\"minutes\":[5]}"), 400, "schedule.minutes", "unknown field");
    add(method, path, scheduleWith("minute", "5"), 400, "schedule.minute", "expected a list");
    add(method, path, scheduleWith("minute", "\"5\""), 400, "schedule.minute", "expected a list");
    add(method, path, scheduleWith("minute", "[]"), 400, "schedule.minute", "the list is empty");
    add(method, path, scheduleWith("minute", "[null]"), 400, "schedule.minute", "blank");
    add(method, path, scheduleWith("minute", "[\"\"]"), 400, "schedule.minute", "blank");
    add(method, path, scheduleWith("minute", "[true]"), 400, "schedule.minute[0]", "expected text");
    add(method, path, scheduleWith("minute", "[1.5]"), 400, "schedule.minute[0]", "expected text");
    add(method, path, scheduleWith("minute", "[[5]]"), 400, "schedule.minute[0]", "expected text");
    add(method, path, scheduleWith("minute", "[{}]"), 400, "schedule.minute[0]", "expected text");
    add(method, path, scheduleWith("minute", "[60]"), 400, "schedule.minute", "'60' is out of range", "0-59");
    add(method, path, scheduleWith("minute", "[-1]"), 400, "schedule.minute", "0-59");
    add(method, path, scheduleWith("minute", "[\"abc\"]"), 400, "schedule.minute", "'abc'");
    add(method, path, scheduleWith("minute", "[\"5-\"]"), 400, "schedule.minute", "'5-'");
    add(method, path, scheduleWith("minute", "[\"1-5-7\"]"), 400, "schedule.minute", "'1-5-7'");
    add(method, path, scheduleWith("minute", "[\"5/\"]"), 400, "schedule.minute", "'5/'");
    add(method, path, scheduleWith("minute", "[\"*/0\"]"), 400, "schedule.minute", "step", "between 1 and 59");
    add(method, path, scheduleWith("minute", "[\"*/60\"]"), 400, "schedule.minute", "step", "between 1 and 59");
    add(method, path, scheduleWith("minute", "[\"*/99999999999\"]"), 400, "schedule.minute", "step");
    add(method, path, scheduleWith("minute", "[\"99999999999\"]"), 400, "schedule.minute", "0-59");
    add(method, path, scheduleWith("minute", "[\"10-5/2\"]"), 400, "schedule.minute", "runs backwards");
    add(method, path, scheduleWith("minute", "[\"L\"]"), 400, "schedule.minute", "'L'");
    add(method, path, scheduleWith("minute", "[\"\u0663\"]"), 400, "schedule.minute", "0-59");
    add(method, path, scheduleWith("minute", "[" + str("5\n") + "]"), 400, "schedule.minute", "U+000A");
    add(method, path, scheduleWith("minute", "[" + str("\u00005") + "]"), 400, "schedule.minute", "U+0000");
    add(method, path, scheduleWith("minute", "[" + str("0".repeat(21)) + "]"), 400, "schedule.minute", "too long");
    add(method, path, scheduleWith("minute", "[" + repeat("1", 61) + "]"), 400, "schedule.minute", "61 values",
        "at most 60");
    add(method, path, scheduleWith("minute", "[" + repeat("1", 10_000) + "]"), 400, "schedule.minute",
        "10000 values", "range");
    add(method, path, scheduleWith("hour", "[24]"), 400, "schedule.hour", "'24' is out of range", "0-23");
    add(method, path, scheduleWith("hour", "[\"25-30\"]"), 400, "schedule.hour", "0-23");
    add(method, path, scheduleWith("hour", "[\"*/24\"]"), 400, "schedule.hour", "between 1 and 23");
    add(method, path, scheduleWith("hour", "[" + repeat("1", 25) + "]"), 400, "schedule.hour", "at most 24");
    add(method, path, scheduleWith("month", "[13]"), 400, "schedule.month", "1-12");
    add(method, path, scheduleWith("month", "[\"JANUARY\"]"), 400, "schedule.month", "JAN-DEC");
    add(method, path, scheduleWith("month", "[\"FOO\"]"), 400, "schedule.month", "'FOO'");
    add(method, path, scheduleWith("month", "[0]"), 400, "schedule.month", "out of range");
    add(method, path, scheduleWith("dayOfMonth", "[32]"), 400, "schedule.dayOfMonth", "1-31");
    add(method, path, scheduleWith("dayOfMonth", "[0]"), 400, "schedule.dayOfMonth", "1-31");
    add(method, path, scheduleWith("dayOfMonth", "[\"LW\"]"), 400, "schedule.dayOfMonth", "'LW'");
    add(method, path, scheduleWith("dayOfMonth", "[\"?\"]"), 400, "schedule.dayOfMonth", "'?'");
    add(method, path, scheduleWith("dayOfMonth", "[30, 31]").replace("\"month\":[1]", "\"month\":[2]"), 400,
        "schedule", "never fires");
    add(method, path, scheduleWith("dayOfWeek", "[\"MON\"]"), 400, "schedule.dayOfWeek", "cannot both be set");
    Map<String, String> weekly = new LinkedHashMap<>(VALID_SCHEDULE);
    weekly.remove("dayOfMonth");
    for (String day : List.of("8", "\"FUNDAY\"", "\"MON-\"", "\"SUN-SAT-MON\"", "-1")) {
      weekly.put("dayOfWeek", "[" + day + "]");
      add(method, path, jobWith("schedule", object(weekly)), 400, "schedule.dayOfWeek");
    }
    // time zone
    add(method, path, scheduleWith("timeZone", "\"\""), 400, "schedule.timeZone", "not exactly an IANA zone name");
    add(method, path, scheduleWith("timeZone", "\" \""), 400, "schedule.timeZone", "not exactly an IANA zone name");
    add(method, path, scheduleWith("timeZone", str("Europe/Berlin\n")), 400, "schedule.timeZone", "U+000A");
    add(method, path, scheduleWith("timeZone", "\" Europe/Berlin\""), 400, "schedule.timeZone", "not exactly an IANA");
    add(method, path, scheduleWith("timeZone", "\"europe/berlin\""), 400, "schedule.timeZone", "IANA");
    add(method, path, scheduleWith("timeZone", "\"Mars/Olympus\""), 400, "schedule.timeZone", "'Mars/Olympus'");
    add(method, path, scheduleWith("timeZone", "\"+02:00\""), 400, "schedule.timeZone", "fixed offset");
    add(method, path, scheduleWith("timeZone", "\"UTC+2\""), 400, "schedule.timeZone", "fixed offset");
    add(method, path, scheduleWith("timeZone", "\"../../etc/passwd\""), 400, "schedule.timeZone", "IANA");
    add(method, path, scheduleWith("timeZone", "5"), 400, "schedule.timeZone");
    add(method, path, scheduleWith("timeZone", "true"), 400, "schedule.timeZone", "expected text");
    add(method, path, scheduleWith("timeZone", "[\"UTC\"]"), 400, "schedule.timeZone", "expected text");
    add(method, path, scheduleWith("timeZone", str("\u0000")), 400, "schedule.timeZone", "U+0000");
    add(method, path, scheduleWith("timeZone", str("Z".repeat(1000))), 400, "schedule.timeZone", "IANA");
    // raw cron
    Map<String, List<String>> crons = new LinkedHashMap<>();
    crons.put("0 3 * * * *", List.of("schedule.cron", "exactly 5 fields"));
    crons.put("", List.of("schedule.cron", "exactly 5 fields"));
    crons.put("@hourly", List.of("schedule.cron", "@hourly"));
    crons.put("CRON_TZ=UTC 0 3 * * *", List.of("schedule.cron", "timeZone field"));
    crons.put("0 3 1 * 1", List.of("schedule.cron", "cannot both be set"));
    crons.put("61 3 * * *", List.of("schedule.minute", "'61'"));
    crons.put("a 3 * * *", List.of("schedule.minute", "'a'"));
    crons.put("0 3 * * 8", List.of("schedule.dayOfWeek", "'8'"));
    crons.put("0 3 * JANUARY *", List.of("schedule.month", "'JANUARY'"));
    crons.forEach((cron, words) -> add(method, path, jobWith("schedule", "{\"cron\":" + str(cron) + "}"), 400,
        words.toArray(String[]::new)));
    add(method, path, jobWith("schedule", "{\"cron\":" + str("0 3 * * *\n") + "}"), 400, "schedule.cron", "U+000A");
    add(method, path, jobWith("schedule", "{\"cron\":" + str("0" + " ".repeat(5000) + "3 * * *") + "}"), 400,
        "schedule.cron", "at most 1000 characters");
    add(method, path, jobWith("schedule", "{\"cron\":true}"), 400, "schedule.cron", "expected text");
    add(method, path, jobWith("schedule", "{\"cron\":\"0 3 * * *\",\"minute\":[0]}"), 400, "schedule.cron", "not both");
  }

  private void jobCases() {
    bodyLevelCases("POST", "/api/jobs");
    fieldCases("POST", "/api/jobs", true);
    scheduleCases("POST", "/api/jobs");
    String fixture = "/api/jobs/" + FIXTURE_JOB;
    bodyLevelCases("PUT", fixture);
    fieldCases("PUT", fixture, false);
    add("PUT", fixture, "{\"schedule\":{\"timeZone\":\"\"}}", 400, "schedule.timeZone");
    add("PUT", fixture, "{\"schedule\":{\"minute\":[" + repeat("0", 10_000) + "]}}", 400, "schedule.minute",
        "10000 values");
    add("PUT", fixture, "{\"name\":" + str("Renamed\nINFO forged") + "}", 400, "name", "U+000A");
    add("PUT", "/api/jobs/no-such-job", "{\"name\":\"x\"}", 404, "no job with id 'no-such-job'");
    add("PUT", "/api/jobs/%0Aforged", "{\"name\":\"x\"}", 404, "no job with id");
    for (String action : List.of("run", "pause", "resume")) {
      add("POST", "/api/jobs/no-such-job/" + action, null, 404, "no job with id 'no-such-job'");
    }
    add("GET", "/api/jobs/no-such-job", null, 404, "no job with id 'no-such-job'");
    add("DELETE", "/api/jobs/no-such-job", null, 404, "no job with id 'no-such-job'");
    add("GET", "/api/jobs/" + "x".repeat(2000), null, 404, "no job with id");
    add("GET", "/api/jobs/%E2%80%A8", null, 404, "no job with id");
    add("GET", fixture + "/run", null, 405, "GET");
    add("PATCH", fixture, "{\"name\":\"x\"}", 405, "PATCH");
    add("DELETE", "/api/jobs", null, 405, "DELETE");
    add("PUT", "/api/jobs", "{}", 405, "PUT");
    add("POST", fixture + "/runs", null, 404, "no endpoint POST /api/jobs/" + FIXTURE_JOB + "/runs");
  }

  private void runCases() {
    add("GET", "/api/runs?limit=0", null, 400, "limit", "between 1 and 500");
    add("GET", "/api/runs?limit=501", null, 400, "limit", "between 1 and 500");
    add("GET", "/api/runs?limit=-1", null, 400, "limit");
    add("GET", "/api/runs?limit=abc", null, 400, "limit", "'abc' is not a whole number");
    add("GET", "/api/runs?limit=99999999999", null, 400, "limit", "whole number");
    add("GET", "/api/runs?limit=1.5", null, 400, "limit", "whole number");
    add("GET", "/api/runs?offset=-1", null, 400, "offset", "0 or more");
    add("GET", "/api/runs?offset=abc", null, 400, "offset", "whole number");
    add("GET", "/api/runs?status=BROKEN", null, 400, "status", "'BROKEN' is not one of");
    add("GET", "/api/runs?status=1", null, 400, "status", "not one of");
    add("GET", "/api/runs?jobId=a%0Ab", null, 400, "jobId", "U+000A");
    add("GET", "/api/runs?companyId=" + "1".repeat(65), null, 400, "companyId", "at most 64");
    add("GET", "/api/runs/no-such-run", null, 404, "no run with id 'no-such-run'");
    add("GET", "/api/runs/%0A", null, 404, "no run with id");
    add("POST", "/api/runs", "{}", 405, "POST");
    add("DELETE", "/api/runs/no-such-run", null, 405, "DELETE");
  }

  private void errorCases() {
    add("GET", "/api/errors?page=-1", null, 400, "page", "0 or more");
    add("GET", "/api/errors?page=5000000&size=500", null, 400, "page", "at most 4294967");
    add("GET", "/api/errors?page=2147483647", null, 400, "page", "at most");
    add("GET", "/api/errors?page=2147483648", null, 400, "page", "whole number");
    add("GET", "/api/errors?page=1.5", null, 400, "page", "whole number");
    add("GET", "/api/errors?size=0", null, 400, "size", "between 1 and 500");
    add("GET", "/api/errors?size=501", null, 400, "size", "between 1 and 500");
    add("GET", "/api/errors?size=abc", null, 400, "size", "whole number");
    add("GET", "/api/errors?direction=1", null, 400, "direction", "not one of");
    add("GET", "/api/errors?direction=SIDEWAYS", null, 400, "direction", "'SIDEWAYS' is not one of");
    add("GET", "/api/errors?type=NOPE", null, 400, "type", "'NOPE' is not one of", "VALIDATION");
    add("GET", "/api/errors?status=BROKEN", null, 400, "status", "OPEN, RESOLVED, DISMISSED, ANY");
    add("GET", "/api/errors?object=PurchaseOrder", null, 400, "object", "unknown object 'PurchaseOrder'");
    add("GET", "/api/errors?companyId=a%0D%0Ab", null, 400, "companyId", "U+000D");
    add("GET", "/api/errors?jobId=" + "j".repeat(65), null, 400, "jobId", "at most 64");
    add("GET", "/api/errors?sourceId=%1B%5B31m", null, 400, "sourceId", "U+001B");
    add("GET", "/api/errors/abc", null, 400, "id", "'abc' is not a whole number");
    add("GET", "/api/errors/99999999999999999999", null, 400, "id", "whole number");
    add("GET", "/api/errors/-1", null, 404, "no error with id -1");
    add("GET", "/api/errors/0", null, 404, "no error with id 0");
    add("POST", "/api/errors/abc/retry", null, 400, "id", "whole number");
    add("POST", "/api/errors/987654321/retry", null, 404, "no error with id 987654321");
    add("POST", "/api/errors/1.5/dismiss", null, 400, "id", "whole number");
    add("POST", "/api/errors/-5/dismiss", null, 404, "no error with id -5");
    for (String bulk : List.of("/api/errors/dismiss", "/api/errors/retry")) {
      add("POST", bulk, "{\"direction\":1}", 400, "direction", "not one of");
      add("POST", bulk, "{\"direction\":\"SIDEWAYS\"}", 400, "direction", "'SIDEWAYS' is not one of");
      add("POST", bulk, "{\"type\":\"NOPE\"}", 400, "type", "'NOPE' is not one of");
      add("POST", bulk, "{\"type\":3}", 400, "type", "not one of");
      add("POST", bulk, "{\"object\":\"PurchaseOrder\"}", 400, "object", "unknown object 'PurchaseOrder'");
      add("POST", bulk, "{\"companyId\":" + str(ERROR_COMPANY + "\nINFO forged") + "}", 400, "companyId", "U+000A");
      add("POST", bulk, "{\"companyId\":true}", 400, "companyId", "expected text");
      add("POST", bulk, "{\"jobId\":" + str("j".repeat(65)) + "}", 400, "jobId", "at most 64");
      add("POST", bulk, "{\"sourceId\":" + str("\ud800") + "}", 400, "sourceId", "surrogate");
      add("POST", bulk, "{\"companyId\":\"" + ERROR_COMPANY + "\",\"status\":\"OPEN\"}", 400, "status", "unknown field");
      add("POST", bulk, "[]", 400, "body", "expected an object");
      add("POST", bulk, "\"all\"", 400, "body", "expected an object");
      add("POST", bulk, "{\"companyId\":\"" + ERROR_COMPANY + "\"} {}", 400, "more after the JSON value");
      add("POST", bulk, "{\"companyId\":\"" + ERROR_COMPANY + "\",\"companyId\":\"other\"}", 400, "Duplicate field");
      add("POST", bulk, "{", 400, "malformed JSON");
    }
    add("POST", "/api/errors/dismiss", "{}", 400, "body", "name at least one of");
    add("POST", "/api/errors/dismiss", "{\"companyId\":\"  \"}", 400, "body", "name at least one of");
    add("POST", "/api/errors/dismiss", null, 400, "body", "name at least one of");
    add("DELETE", "/api/errors/1", null, 405, "DELETE");
  }

  private void otherCases() {
    add("GET", "/api/status?companyId=a%0Ab", null, 400, "companyId", "U+000A");
    add("GET", "/api/status?companyId=" + "1".repeat(65), null, 400, "companyId", "at most 64");
    add("POST", "/api/status", "{}", 405, "POST");
    add("GET", "/api/connections/quickbooks/%0A", null, 400, "realmId", "U+000A");
    add("GET", "/api/connections/quickbooks/" + "1".repeat(65), null, 400, "realmId", "at most 64");
    add("GET", "/api/connections/quickbooks/%20", null, 400, "realmId", "required");
    add("GET", "/api/connections/salesforce/check?object=PurchaseOrder", null, 400, "object", "unknown object 'PurchaseOrder'");
    add("GET", "/api/connections/salesforce/check?direction=1", null, 400, "direction", "not one of");
    add("GET", "/api/connections/salesforce/check?direction=SIDEWAYS", null, 400, "direction", "'SIDEWAYS'");
    add("GET", "/api/no-such-endpoint", null, 404, "no endpoint GET /api/no-such-endpoint");
    add("GET", "/api", null, 404, "no endpoint GET /api");
    raw("GET", "/api/jobs", null, "application/json", null, 401, "missing Authorization header");
    raw("GET", "/api/jobs", null, "application/json", "Bearer wrong", 401, "wrong admin token");
    raw("GET", "/api/jobs", null, "application/json", "Basic YWRtaW46YWRtaW4=", 401, "is not 'Bearer <token>'");
    raw("GET", "/api/jobs", null, "application/json", "Bearer ", 401, "is not 'Bearer <token>'");
    // The scheme is case-insensitive (RFC 7235), the token is not.
    raw("GET", "/api/jobs", null, "application/json", "Bearer " + ADMIN_TOKEN.toUpperCase(Locale.ROOT), 401,
        "wrong admin token");
    raw("GET", "/api/jobs", null, "application/json", ADMIN_TOKEN, 401, "is not 'Bearer <token>'");
    raw("POST", "/api/jobs", jobWith("name", "\"No token\"").getBytes(StandardCharsets.UTF_8), "application/json",
        null, 401, "Authorization: Bearer");
    raw("DELETE", "/api/jobs/" + FIXTURE_JOB, null, "application/json", "Bearer " + ADMIN_TOKEN + "x", 401,
        "wrong admin token");
    raw("POST", "/api/errors/dismiss", ("{\"companyId\":\"" + ERROR_COMPANY + "\"}").getBytes(StandardCharsets.UTF_8),
        "application/json", "Bearer wrong", 401, "wrong admin token");
  }

  // ---- running it ----

  /** What a refused request must not change: the job registry and the error list, row by row. */
  private List<Map<String, Object>> state() {
    List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList("SELECT * FROM sync_job ORDER BY id"));
    rows.addAll(jdbc.queryForList(
        "SELECT id, status, retry_requested_at, retry_workflow_id FROM record_error WHERE company_id = ? ORDER BY id",
        ERROR_COMPANY));
    return rows;
  }

  private void createFixtures() {
    if (call("GET", "/api/jobs/" + FIXTURE_JOB, null).status() == 404) {
      ApiResponse created = call("POST", "/api/jobs", jobWith("name", "\"Hostile fixture\""));
      assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
      assertThat(created.body().get("id").asText()).isEqualTo(FIXTURE_JOB);
    }
    RecordErrorStore errors = new RecordErrorStore(jdbc);
    for (String sourceId : List.of("1", "2")) {
      errors.record(new RecordFailure(ERROR_COMPANY, SyncObject.CUSTOMER, SyncDirection.QBO_TO_SALESFORCE, sourceId,
          FailureType.VALIDATION, "CODE", "hostile fixture " + sourceId, FIXTURE_JOB, "run-hostile"));
    }
  }

  private record Answer(int status, String message) {}

  private Answer send(Case c) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path()))
            .method(c.method(), c.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()))
            .header("Content-Type", c.contentType());
    if (c.authorization() != null) {
      request.header("Authorization", c.authorization());
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = null;
      try {
        body = response.body().isBlank() ? null : JSON.readTree(response.body());
      } catch (IOException notJson) {
        // an answer that is not JSON has no message
      }
      JsonNode message = body == null ? null : body.get("message");
      return new Answer(response.statusCode(), message == null || !message.isTextual() ? null : message.asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean namesEveryWord(String message, List<String> words) {
    String lower = message.toLowerCase(Locale.ROOT);
    return words.stream().allMatch(word -> lower.contains(word.toLowerCase(Locale.ROOT)));
  }

  /** Puts back what a wrongly accepted request changed, so the cases after it start alike. */
  private void undo(List<Map<String, Object>> before) {
    List<Object> ids = before.stream().filter(row -> row.containsKey("cron")).map(row -> row.get("id")).toList();
    jdbc.queryForList("SELECT id FROM sync_job", String.class).stream()
        .filter(id -> !ids.contains(id))
        .forEach(id -> call("DELETE", "/api/jobs/" + id, null));
  }

  @Test
  void hostileRequestsAreRefusedNamingTheFieldAndChangeNothing() {
    createFixtures();
    jobCases();
    runCases();
    errorCases();
    otherCases();

    List<String> serverErrors = new ArrayList<>();
    List<String> wrongStatus = new ArrayList<>();
    List<String> changedState = new ArrayList<>();
    List<String> vague = new ArrayList<>();
    try {
      for (Case c : cases) {
        List<Map<String, Object>> before = state();
        Answer answer = send(c);
        List<Map<String, Object>> after = state();
        String seen = c + " -> " + answer.status() + " " + answer.message();
        if (answer.status() >= 500) {
          serverErrors.add(seen);
        } else if (answer.status() != c.status()) {
          wrongStatus.add(seen + " (expected " + c.status() + ")");
        }
        if (!after.equals(before)) {
          changedState.add(seen);
          undo(before);
        }
        if (answer.message() == null || answer.message().isBlank() || !namesEveryWord(answer.message(), c.words())) {
          vague.add(seen + " (should name " + c.words() + ")");
        }
      }
    } finally {
      // The application is shared with the test classes after this one: leave it as found.
      call("DELETE", "/api/jobs/" + FIXTURE_JOB, null);
      call("POST", "/api/errors/dismiss", "{\"companyId\":\"" + ERROR_COMPANY + "\"}");
    }

    String summary = "hostile input: %d requests, %d 5xx, %d changed state, %d vague messages, %d unexpected statuses"
        .formatted(cases.size(), serverErrors.size(), changedState.size(), vague.size(), wrongStatus.size());
    System.out.println(summary);
    List<String> offenders = new ArrayList<>();
    serverErrors.forEach(line -> offenders.add("5xx: " + line));
    changedState.forEach(line -> offenders.add("changed state: " + line));
    vague.forEach(line -> offenders.add("vague: " + line));
    wrongStatus.forEach(line -> offenders.add("status: " + line));
    offenders.forEach(System.out::println);
    assertThat(offenders).as(summary).isEmpty();
    assertThat(cases.size()).as("the table is the suite's bulk").isGreaterThanOrEqualTo(200);
  }
}
