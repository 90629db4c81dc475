package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.Handler;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.Router;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Bulk API 2.0 ingest (reference §4): a job is created for one object and operation (insert, update, or
 * upsert on an External-ID field), its CSV uploaded, then closed (UploadComplete) or aborted; the records
 * are written one by one with the same checks and per-record errors as sObject Collections
 * ({@link SObjectCollections}), and the job's successful, failed and unprocessed records are read back as CSV.
 * Salesforce processes a closed job asynchronously; the sandbox processes it when it is closed, so the
 * next look at the job finds it JobComplete. Every call counts against the daily allocation, as Salesforce counts it.
 */
final class BulkIngest {
  private static final String JOBS = "/jobs/ingest";
  private static final String JOB = JOBS + "/{jobId}";
  /** Salesforce's key prefix of bulk jobs (AsyncApexJob). */
  private static final String JOB_KEY_PREFIX = "750";
  /** Bulk API 2.0's way to blank a field: an empty value leaves it as it is. */
  static final String NULL_VALUE = "#N/A";
  private static final Set<String> OPERATIONS = Set.of("insert", "update", "upsert");

  private final SalesforceOrg org;
  private final SObjectCollections records;
  private final Clock clock;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  private enum State { Open, UploadComplete, InProgress, JobComplete, Failed, Aborted }

  /** One ingest job: what it writes, its uploaded rows, and each row's result once processed. */
  private static final class Job {
    final String id;
    final SObjectType object;
    final String operation;
    final FieldDef externalIdField;
    final String lineEnding;
    final String apiVersion;
    final Instant createdDate;
    Instant systemModstamp;
    State state = State.Open;
    String errorMessage;
    List<String> header;
    final List<List<String>> rows = new ArrayList<>();
    final StringBuilder successful = new StringBuilder();
    final StringBuilder failed = new StringBuilder();
    int processed;
    int failures;

    Job(String id, SObjectType object, String operation, FieldDef externalIdField, String lineEnding, String apiVersion,
        Instant createdDate) {
      this.id = id;
      this.object = object;
      this.operation = operation;
      this.externalIdField = externalIdField;
      this.lineEnding = lineEnding;
      this.apiVersion = apiVersion;
      this.createdDate = createdDate;
      this.systemModstamp = createdDate;
    }
  }

  BulkIngest(SalesforceOrg org, SObjectCollections records, Clock clock) {
    this.org = org;
    this.records = records;
    this.clock = clock;
  }

  /** Forgets every job, as a reset org has none. */
  void clear() {
    jobs.clear();
  }

  void register(Router router, String base, UnaryOperator<Handler> guarded) {
    router.add("POST", base + JOBS, guarded.apply(this::create));
    router.add("GET", base + JOB, guarded.apply(request -> Response.json(200, info(job(request)))));
    router.add("PATCH", base + JOB, guarded.apply(this::changeState));
    router.add("DELETE", base + JOB, guarded.apply(this::delete));
    router.add("PUT", base + JOB + "/batches", guarded.apply(this::upload));
    router.add("GET", base + JOB + "/successfulResults", guarded.apply(request -> csv(job(request), "successful")));
    router.add("GET", base + JOB + "/failedResults", guarded.apply(request -> csv(job(request), "failed")));
    router.add("GET", base + JOB + "/unprocessedrecords", guarded.apply(request -> csv(job(request), "unprocessed")));
  }

  /** {@code POST /jobs/ingest}: {@code object}, {@code operation}, {@code externalIdFieldName} for upserts, CSV only. */
  private Response create(Request request) {
    ObjectNode body = RestSupport.objectBody(request);
    SObjectType type = org.schema().type(body.path("object").asText(""));
    if (type == null) {
      throw invalidJob("object " + body.path("object").asText("(none)") + " is not supported; name an sObject");
    }
    String operation = body.path("operation").asText("");
    if (!OPERATIONS.contains(operation)) {
      throw invalidJob("operation must be insert, update or upsert, not '" + operation + "'");
    }
    FieldDef externalId = null;
    if (operation.equals("upsert")) {
      externalId = type.field(body.path("externalIdFieldName").asText(""));
      if (externalId == null || !externalId.externalId() && !externalId.name().equals("Id")) {
        throw invalidJob("externalIdFieldName must name an External ID field of " + type.name() + " for an upsert");
      }
    }
    if (!body.path("contentType").asText("CSV").equals("CSV")) {
      throw invalidJob("contentType must be CSV");
    }
    if (!body.path("columnDelimiter").asText("COMMA").equals("COMMA")) {
      throw invalidJob("columnDelimiter must be COMMA (the sandbox reads no other)");
    }
    String lineEnding = body.path("lineEnding").asText("LF");
    if (!lineEnding.equals("LF") && !lineEnding.equals("CRLF")) {
      throw invalidJob("lineEnding must be LF or CRLF");
    }
    String id = SalesforceIds.of(JOB_KEY_PREFIX, sequence.incrementAndGet());
    Job job = new Job(id, type, operation, externalId, lineEnding, request.pathVariable("version").substring(1), now());
    jobs.put(id, job);
    return Response.json(200, info(job));
  }

  /** {@code PUT .../batches}: the job's CSV, header first; once per job, while it is Open. */
  private Response upload(Request request) {
    Job job = job(request);
    String contentType = request.header("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
      throw new SalesforceException(400, "ClientInputError", "the job's data must be sent as text/csv", null);
    }
    synchronized (job) {
      if (job.state != State.Open || job.header != null) {
        throw invalidJobState("data can be uploaded once, to an Open job; job " + job.id + " is " + job.state
            + (job.header != null ? " and has its data" : ""));
      }
      List<List<String>> rows;
      try {
        rows = Csv.parse(request.bodyText());
      } catch (IllegalArgumentException malformed) {
        throw new SalesforceException(400, "ClientInputError", "the CSV cannot be read: " + malformed.getMessage(), null);
      }
      if (rows.isEmpty()) {
        throw new SalesforceException(400, "ClientInputError", "the CSV has no header line", null);
      }
      job.header = rows.get(0);
      job.rows.addAll(rows.subList(1, rows.size()));
      job.systemModstamp = now();
    }
    return Response.empty(201);
  }

  /** {@code PATCH /jobs/ingest/{id}} with {@code state}: UploadComplete processes the job, Aborted ends it. */
  private Response changeState(Request request) {
    Job job = job(request);
    String wanted = RestSupport.objectBody(request).path("state").asText("");
    synchronized (job) {
      switch (wanted) {
        case "UploadComplete" -> {
          if (job.state != State.Open) {
            throw invalidJobState("job " + job.id + " is " + job.state + ", not Open");
          }
          job.state = State.UploadComplete;
          ObjectNode answer = info(job);
          process(job);
          return Response.json(200, answer);
        }
        case "Aborted" -> {
          if (job.state != State.Open && job.state != State.UploadComplete) {
            throw invalidJobState("job " + job.id + " is " + job.state + " and can no longer be aborted");
          }
          job.state = State.Aborted;
          job.systemModstamp = now();
          return Response.json(200, info(job));
        }
        default -> throw invalidJobState("state must be UploadComplete or Aborted, not '" + wanted + "'");
      }
    }
  }

  /** {@code DELETE}: a job that is no longer Open or being processed, with its data and results. */
  private Response delete(Request request) {
    Job job = job(request);
    synchronized (job) {
      if (job.state == State.Open || job.state == State.UploadComplete || job.state == State.InProgress) {
        throw invalidJobState("job " + job.id + " is " + job.state + "; close or abort it before deleting it");
      }
      jobs.remove(job.id);
    }
    return Response.empty(204);
  }

  /**
   * Writes every row through the record code of sObject Collections; an unknown column fails the whole
   * job, as Salesforce fails it, before any record is written.
   */
  private void process(Job job) {
    job.state = State.InProgress;
    List<String> columns = job.header == null ? List.of() : job.header;
    for (String column : columns) {
      String fieldName = column.contains(".") ? column.substring(0, column.indexOf('.')) : column;
      if (column.contains(".") ? relationship(job.object, fieldName) == null : job.object.field(fieldName) == null) {
        job.state = State.Failed;
        job.errorMessage = "InvalidBatch : Field name not found : " + column;
        job.systemModstamp = now();
        return;
      }
    }
    List<ObjectNode> bodies = new ArrayList<>(job.rows.size());
    for (List<String> row : job.rows) {
      bodies.add(body(job, row));
    }
    Map<String, Integer> occurrences = job.externalIdField == null ? Map.of()
        : SObjectCollections.keyOccurrences(job.externalIdField, bodies);
    for (int i = 0; i < bodies.size(); i++) {
      List<String> row = job.rows.get(i);
      try {
        ObjectNode saved = switch (job.operation) {
          case "insert" -> records.createOne(bodies.get(i));
          case "update" -> records.updateOne(bodies.get(i));
          default -> records.upsertOne(job.object, job.externalIdField, bodies.get(i), occurrences);
        };
        boolean created = job.operation.equals("insert") || saved.path("created").asBoolean(false);
        job.successful.append(Csv.line(withResult(saved.path("id").asText(), String.valueOf(created), row)));
      } catch (SalesforceException refused) {
        job.failures++;
        String id = job.operation.equals("update") ? bodies.get(i).path("Id").asText("") : "";
        job.failed.append(Csv.line(withResult(id, error(refused), row)));
      }
      job.processed++;
    }
    job.state = State.JobComplete;
    job.systemModstamp = now();
  }

  /** A row as the JSON record the collections code takes: empty leaves a field out, #N/A blanks it. */
  private static ObjectNode body(Job job, List<String> row) {
    ObjectNode body = Json.object();
    body.putObject("attributes").put("type", job.object.name());
    for (int c = 0; c < job.header.size() && c < row.size(); c++) {
      String column = job.header.get(c);
      String value = row.get(c);
      if (value.isEmpty()) {
        continue;
      }
      if (column.contains(".")) {
        String relationship = column.substring(0, column.indexOf('.'));
        body.putObject(relationshipName(job.object, relationship)).put(column.substring(column.indexOf('.') + 1), value);
        continue;
      }
      FieldDef field = job.object.field(column);
      body.set(field.name(), value.equals(NULL_VALUE) ? JsonNodeFactory.instance.nullNode() : typed(field, value));
    }
    return body;
  }

  /** A CSV value as the JSON the field takes: booleans as booleans, the rest as text the field's type parses. */
  private static JsonNode typed(FieldDef field, String value) {
    if (field.type() == FieldType.BOOLEAN && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
      return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)));
    }
    return JsonNodeFactory.instance.textNode(value);
  }

  private static FieldDef relationship(SObjectType type, String name) {
    for (FieldDef field : type.fields()) {
      if (field.type() == FieldType.REFERENCE && name.equalsIgnoreCase(field.relationshipName())) {
        return field;
      }
    }
    return null;
  }

  private static String relationshipName(SObjectType type, String name) {
    return relationship(type, name).relationshipName();
  }

  /** Bulk's {@code sf__Error}: {@code CODE:message:fields --}. */
  private static String error(SalesforceException refused) {
    return refused.errorCode() + ":" + refused.getMessage() + ":" + String.join(",", refused.fields()) + " --";
  }

  private static List<String> withResult(String first, String second, List<String> row) {
    List<String> line = new ArrayList<>(row.size() + 2);
    line.add(first);
    line.add(second);
    line.addAll(row);
    return line;
  }

  /**
   * The job's results as CSV: successful rows with {@code sf__Id, sf__Created}, failed ones with
   * {@code sf__Id, sf__Error}, unprocessed ones (of an aborted or failed job) as uploaded.
   */
  private static Response csv(Job job, String which) {
    synchronized (job) {
      List<String> columns = job.header == null ? List.of() : job.header;
      StringBuilder text = new StringBuilder();
      switch (which) {
        case "successful" -> text.append(Csv.line(withResult("sf__Id", "sf__Created", columns))).append(job.successful);
        case "failed" -> text.append(Csv.line(withResult("sf__Id", "sf__Error", columns))).append(job.failed);
        default -> {
          text.append(Csv.line(columns));
          job.rows.subList(job.processed, job.rows.size()).forEach(row -> text.append(Csv.line(row)));
        }
      }
      String body = job.lineEnding.equals("CRLF") ? text.toString().replace("\n", "\r\n") : text.toString();
      return Response.text(200, "text/csv", body);
    }
  }

  private Job job(Request request) {
    Job job = jobs.get(request.pathVariable("jobId"));
    if (job == null) {
      throw SalesforceException.notFound();
    }
    return job;
  }

  /** The JobInfo of Bulk API 2.0 (jsforce's JobInfoV2). */
  private static ObjectNode info(Job job) {
    synchronized (job) {
      ObjectNode info = Json.object();
      info.put("id", job.id);
      info.put("operation", job.operation);
      info.put("object", job.object.name());
      info.put("createdById", SalesforceOrg.INTEGRATION_USER_ID);
      info.put("createdDate", SfRecord.DATETIME.format(job.createdDate));
      info.put("systemModstamp", SfRecord.DATETIME.format(job.systemModstamp));
      info.put("state", job.state.name());
      if (job.externalIdField != null) {
        info.put("externalIdFieldName", job.externalIdField.name());
      }
      info.put("concurrencyMode", "Parallel");
      info.put("contentType", "CSV");
      info.put("apiVersion", Double.parseDouble(job.apiVersion));
      info.put("jobType", "V2Ingest");
      info.put("contentUrl", "services/data/v" + job.apiVersion + "/jobs/ingest/" + job.id + "/batches");
      info.put("lineEnding", job.lineEnding);
      info.put("columnDelimiter", "COMMA");
      info.put("numberRecordsProcessed", job.processed);
      info.put("numberRecordsFailed", job.failures);
      info.put("retries", 0);
      info.put("totalProcessingTime", 0);
      info.put("apiActiveProcessingTime", 0);
      info.put("apexProcessingTime", 0);
      if (job.errorMessage != null) {
        info.put("errorMessage", job.errorMessage);
      }
      return info;
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static SalesforceException invalidJob(String message) {
    return new SalesforceException(400, "InvalidJob", message, null);
  }

  private static SalesforceException invalidJobState(String message) {
    return new SalesforceException(400, "InvalidJobState", message, null);
  }
}
