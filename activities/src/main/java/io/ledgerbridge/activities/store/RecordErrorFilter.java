package io.ledgerbridge.activities.store;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.FailureType;
import java.util.ArrayList;
import java.util.List;

/**
 * Which record errors a list, a count or a bulk retry covers. A null field matches everything;
 * {@code status} applies to each record's newest error, so RESOLVED lists records whose last
 * error has since been resolved, not every resolved row of their history.
 */
public record RecordErrorFilter(
    String companyId,
    SyncObject object,
    SyncDirection direction,
    FailureType type,
    RecordErrorStatus status,
    String jobId,
    String sourceId) {

  /** Every record's newest error, whatever its status. */
  public static RecordErrorFilter any() {
    return new RecordErrorFilter(null, null, null, null, null, null, null);
  }

  /** The open errors, as the admin's error list shows them by default. */
  public static RecordErrorFilter open() {
    return any().withStatus(RecordErrorStatus.OPEN);
  }

  public RecordErrorFilter withStatus(RecordErrorStatus newStatus) {
    return new RecordErrorFilter(companyId, object, direction, type, newStatus, jobId, sourceId);
  }

  /** The SQL condition on {@code alias}'s columns, its arguments appended to {@code args}. */
  String where(String alias, List<Object> args) {
    List<String> conditions = new ArrayList<>();
    add(conditions, args, alias + ".company_id", companyId);
    add(conditions, args, alias + ".object", object == null ? null : object.displayName());
    add(conditions, args, alias + ".direction", direction == null ? null : direction.name());
    add(conditions, args, alias + ".error_type", type == null ? null : type.name());
    add(conditions, args, alias + ".status", status == null ? null : status.name());
    add(conditions, args, alias + ".job_id", jobId);
    add(conditions, args, alias + ".source_id", sourceId);
    return conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions);
  }

  private static void add(List<String> conditions, List<Object> args, String column, String value) {
    if (value != null) {
      conditions.add(column + " = ?");
      args.add(value);
    }
  }
}
