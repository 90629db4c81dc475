package io.ledgerbridge.worker.errors;

import io.ledgerbridge.activities.store.RecordErrorFilter;
import io.ledgerbridge.activities.store.RecordErrorStatus;
import io.ledgerbridge.worker.access.RequiresRole;
import io.ledgerbridge.worker.access.Role;
import io.ledgerbridge.worker.api.RequestText;
import io.ledgerbridge.worker.audit.AuditAction;
import io.ledgerbridge.worker.audit.AuditTrail;
import io.ledgerbridge.worker.audit.Audited;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/errors}: every record that did not sync, newest error per record (older ones are
 * its history), filtered and paged; retry one or many, dismiss one or many.
 */
@Tag(name = "Errors", description = "Records that did not sync: list, inspect, retry and dismiss")
@RestController
@RequiresRole(Role.VIEWER)
@RequestMapping("/api/errors")
class ErrorsController {
  private static final int MAX_SIZE = 500;
  /** The width of record_error's company_id, job_id and source_id columns. */
  private static final int MAX_FILTER_LENGTH = 64;

  private final ErrorService errors;
  private final ErrorHistory history;
  private final AuditTrail audit;

  ErrorsController(ErrorService errors, ErrorHistory history, AuditTrail audit) {
    this.errors = errors;
    this.history = history;
    this.audit = audit;
  }

  /**
   * {@code status} defaults to OPEN; {@code ANY} lists every record's newest error whatever its
   * status. {@code page} counts from 0.
   */
  @Operation(operationId = "listErrors", summary = "Record errors, the newest per record, filtered and paged")
  @ApiResponse(responseCode = "200", description = "A page of errors with the total")
  @ApiResponse(responseCode = "400", description = "A filter or paging value is not valid; the message names it")
  @GetMapping
  ErrorService.ErrorPage list(
      @RequestParam(required = false) String companyId,
      @Parameter(schema = @Schema(implementation = SyncObject.class)) @RequestParam(required = false) String object,
      @RequestParam(required = false) SyncDirection direction,
      @RequestParam(required = false) FailureType type,
      @Parameter(description = "OPEN, RESOLVED, DISMISSED, or ANY for every status",
          schema = @Schema(allowableValues = {"OPEN", "RESOLVED", "DISMISSED", "ANY"}, defaultValue = "OPEN"))
      @RequestParam(defaultValue = "OPEN") String status,
      @RequestParam(required = false) String jobId,
      @RequestParam(required = false) String sourceId,
      @Parameter(description = "Counts from 0") @RequestParam(defaultValue = "0") int page,
      @Parameter(description = "1 to " + MAX_SIZE) @RequestParam(defaultValue = "50") int size) {
    if (page < 0) {
      throw new IllegalArgumentException("page: 0 or more (pages count from 0)");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size: between 1 and " + MAX_SIZE);
    }
    // The store skips page × size rows, which must stay a whole number the database takes.
    int lastPage = Integer.MAX_VALUE / size;
    if (page > lastPage) {
      throw new IllegalArgumentException(
          "page: at most " + lastPage + " with size " + size + "; the total in the answer tells how many pages there are");
    }
    RecordErrorFilter filter =
        new RecordErrorFilter(
            text("companyId", companyId), object(object), direction, type, status(status), text("jobId", jobId),
            text("sourceId", sourceId));
    return errors.list(filter, page, size);
  }

  @Operation(operationId = "getErrorHistory", summary = "How many errors were open at the end of each of the last days, by type",
      description = "Days in UTC, oldest first; today is counted as of now. An error counts from when it was first seen until it was"
          + " resolved or dismissed, under its latest type.")
  @ApiResponse(responseCode = "200", description = "One entry per day")
  @ApiResponse(responseCode = "400", description = "days is out of range")
  @GetMapping("/history")
  ErrorHistory.OpenErrorHistory history(
      @Parameter(description = "1 to " + ErrorHistory.MAX_DAYS) @RequestParam(defaultValue = "30") int days) {
    if (days < 1 || days > ErrorHistory.MAX_DAYS) {
      throw new IllegalArgumentException("days: between 1 and " + ErrorHistory.MAX_DAYS);
    }
    return history.lastDays(days);
  }

  @Operation(operationId = "getError", summary = "One error with its older history, links to the record and its last retry")
  @ApiResponse(responseCode = "200", description = "The error")
  @ApiResponse(responseCode = "400", description = "The id is not a number")
  @ApiResponse(responseCode = "404", description = "No error with this id")
  @GetMapping("/{id}")
  ErrorView get(@PathVariable long id) {
    return errors.get(id);
  }

  @Operation(operationId = "retryError", summary = "Sync the record again now, through Temporal",
      description = "The error closes when that sync succeeds.")
  @ApiResponse(responseCode = "202", description = "The retry started")
  @ApiResponse(responseCode = "400", description = "The id is not a number")
  @ApiResponse(responseCode = "404", description = "No error with this id")
  @ApiResponse(responseCode = "409", description = "The error is not OPEN")
  @PostMapping("/{id}/retry")
  @RequiresRole(Role.OPERATOR)
  @Audited(AuditAction.ERROR_RETRIED)
  ResponseEntity<ErrorService.RetryResult> retry(@PathVariable long id) {
    ErrorService.RetryResult result = errors.retry(id);
    audit.describe(Long.toString(id), Map.of("runIds", runIds(result)));
    return ResponseEntity.accepted().body(result);
  }

  @Operation(operationId = "dismissError", summary = "Stop showing an error")
  @ApiResponse(responseCode = "200", description = "The dismissed error")
  @ApiResponse(responseCode = "400", description = "The id is not a number")
  @ApiResponse(responseCode = "404", description = "No error with this id")
  @ApiResponse(responseCode = "409", description = "The error is not OPEN")
  @PostMapping("/{id}/dismiss")
  @RequiresRole(Role.OPERATOR)
  @Audited(AuditAction.ERROR_DISMISSED)
  ErrorView dismiss(@PathVariable long id) {
    ErrorView dismissed = errors.dismiss(id);
    audit.describe(Long.toString(id), new DismissedRecord(dismissed.companyId(), dismissed.object(),
        dismissed.direction(), dismissed.sourceId()));
    return dismissed;
  }

  /** Which record's error was dismissed, as the audit trail shows it. */
  private record DismissedRecord(String companyId, SyncObject object, SyncDirection direction, String sourceId) {}

  @Operation(operationId = "retryErrors", summary = "Retry every open error the filter matches, up to 1000",
      description = "An empty body or filter matches every open error.")
  @ApiResponse(responseCode = "202", description = "The retries started")
  @ApiResponse(responseCode = "400", description = "A filter field is not valid; the message names it")
  @PostMapping("/retry")
  @RequiresRole(Role.OPERATOR)
  @Audited(AuditAction.ERRORS_RETRIED)
  ResponseEntity<ErrorService.RetryResult> retryMatching(@RequestBody(required = false) ErrorSelection selection) {
    RecordErrorFilter filter = filter(selection);
    ErrorService.RetryResult result = errors.retryMatching(filter);
    // Counts only: a bulk retry may start hundreds of workflows, more ids than a summary should hold.
    audit.describe(scope(filter), Map.of("matched", result.matched(), "retried", result.retried(),
        "workflows", result.workflows().size()));
    return ResponseEntity.accepted().body(result);
  }

  @Operation(operationId = "dismissErrors", summary = "Dismiss every open error the filter matches",
      description = "The filter needs at least one field.")
  @ApiResponse(responseCode = "200", description = "How many errors were dismissed")
  @ApiResponse(responseCode = "400", description = "No filter field, or one that is not valid; the message names it")
  @PostMapping("/dismiss")
  @RequiresRole(Role.OPERATOR)
  @Audited(AuditAction.ERRORS_DISMISSED)
  DismissResult dismissMatching(@RequestBody(required = false) ErrorSelection selection) {
    RecordErrorFilter filter = filter(selection);
    if (filter.equals(RecordErrorFilter.any())) {
      throw new IllegalArgumentException(
          "body: name at least one of companyId, object, direction, type, jobId, sourceId; dismissing every error at once is refused");
    }
    DismissResult result = new DismissResult(errors.dismissMatching(filter));
    audit.describe(scope(filter), Map.of("dismissed", result.dismissed()));
    return result;
  }

  /** Which open errors a bulk action covers; absent fields match all. */
  @Schema(description = "Which open errors a bulk action covers; absent fields match all")
  record ErrorSelection(
      String companyId,
      @Schema(implementation = SyncObject.class) String object,
      SyncDirection direction,
      FailureType type,
      String jobId,
      String sourceId) {}

  record DismissResult(int dismissed) {}

  private static List<String> runIds(ErrorService.RetryResult result) {
    return result.workflows().stream().map(ErrorService.RetryResult.Started::runId).toList();
  }

  /** The errors a bulk action covered, as the audit trail names them: "companyId=9130 object=Customer", or "all open". */
  private static String scope(RecordErrorFilter filter) {
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("companyId", filter.companyId());
    given.put("object", filter.object() == null ? null : filter.object().displayName());
    given.put("direction", filter.direction());
    given.put("type", filter.type());
    given.put("jobId", filter.jobId());
    given.put("sourceId", filter.sourceId());
    String named = given.entrySet().stream().filter(field -> field.getValue() != null)
        .map(field -> field.getKey() + "=" + field.getValue()).collect(Collectors.joining(" "));
    return named.isEmpty() ? "all open" : named;
  }

  private static RecordErrorFilter filter(ErrorSelection s) {
    if (s == null) {
      return RecordErrorFilter.any();
    }
    return new RecordErrorFilter(
        text("companyId", s.companyId()), object(s.object()), s.direction(), s.type(), null, text("jobId", s.jobId()),
        text("sourceId", s.sourceId()));
  }

  private static SyncObject object(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return SyncObject.require(name);
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException("object: " + unknown.getMessage(), unknown);
    }
  }

  private static RecordErrorStatus status(String status) {
    String wanted = status.trim().toUpperCase(Locale.ROOT);
    if (wanted.equals("ANY") || wanted.equals("ALL")) {
      return null;
    }
    try {
      return RecordErrorStatus.valueOf(wanted);
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException(
          "status: '" + status + "' is not one of "
              + Arrays.stream(RecordErrorStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
              + ", ANY");
    }
  }

  /** A text filter; absent or blank matches all. */
  private static String text(String field, String value) {
    return RequestText.optional(field, value, MAX_FILTER_LENGTH);
  }
}
