package io.ledgerbridge.activities.runs;

import io.ledgerbridge.workflows.sync.FailureType;
import java.util.Optional;

/**
 * Reads the failure type back out of a failed object's error, which the batch workflow writes as
 * {@code "<ApplicationFailure type>: <message>"} (or {@code "TimeoutFailure: ..."} when an
 * attempt timed out).
 */
public final class ObjectFailures {
  /** What a failure that is none of {@link FailureType} is stored as: a bug or an unexpected answer. */
  public static final String UNCLASSIFIED = "UNCLASSIFIED";

  private ObjectFailures() {}

  /** The failure type's name, {@code REMOTE_UNAVAILABLE} for timeouts, else {@link #UNCLASSIFIED}. */
  public static String typeOf(String error) {
    return known(error).map(Enum::name).orElse(UNCLASSIFIED);
  }

  /**
   * The {@link FailureType} an object failure counts as in the error list: timeouts are the remote
   * side not answering; an unclassified failure is shown as {@code REMOTE_UNAVAILABLE}, retryable,
   * with its original type kept in the message.
   */
  public static FailureType errorTypeOf(String error) {
    return known(error).orElse(FailureType.REMOTE_UNAVAILABLE);
  }

  private static Optional<FailureType> known(String error) {
    if (error == null) {
      return Optional.empty();
    }
    int colon = error.indexOf(':');
    String prefix = (colon < 0 ? error : error.substring(0, colon)).trim();
    if (prefix.equals("TimeoutFailure")) {
      return Optional.of(FailureType.REMOTE_UNAVAILABLE);
    }
    for (FailureType type : FailureType.values()) {
      if (type.name().equals(prefix)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
