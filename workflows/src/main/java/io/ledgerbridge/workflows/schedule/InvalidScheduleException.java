package io.ledgerbridge.workflows.schedule;

/** A schedule an admin gave that cannot run; the message names the field and the rule. */
public final class InvalidScheduleException extends IllegalArgumentException {
  private final String field;

  public InvalidScheduleException(String field, String rule) {
    super("schedule." + field + ": " + rule);
    this.field = field;
  }

  /** The schedule field at fault, e.g. {@code dayOfWeek}. */
  public String field() {
    return field;
  }
}
