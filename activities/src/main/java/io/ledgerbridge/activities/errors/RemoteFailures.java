package io.ledgerbridge.activities.errors;

import io.ledgerbridge.activities.quickbooks.QuickBooksAuthException;
import io.ledgerbridge.activities.quickbooks.QuickBooksException;
import io.ledgerbridge.activities.quickbooks.QuickBooksNotConnectedException;
import io.ledgerbridge.activities.quickbooks.QuickBooksReauthorizationNeededException;
import io.ledgerbridge.activities.quickbooks.ReadBudgetSpentException;
import io.ledgerbridge.activities.salesforce.ApiReserveReachedException;
import io.ledgerbridge.activities.salesforce.SalesforceAuthException;
import io.ledgerbridge.activities.salesforce.SalesforceNotConnectedException;
import io.ledgerbridge.activities.salesforce.SalesforceReauthorizationNeededException;
import io.ledgerbridge.activities.salesforce.SalesforceError;
import io.ledgerbridge.activities.salesforce.SalesforceException;
import io.ledgerbridge.workflows.sync.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides what a remote failure means: which {@link FailureType}, whether
 * Temporal retries it, and after what delay. Data errors are not retried (the same data fails the
 * same way); auth and configuration need an admin; throttling waits for the server's delay (QBO:
 * Retry-After, else 60 s); server errors, timeouts and I/O failures are retried.
 */
public final class RemoteFailures {
  /** Intuit: "Throttled requests get HTTP 429; wait 60 s before retrying." */
  public static final Duration QUICKBOOKS_THROTTLE_DELAY = Duration.ofSeconds(60);

  private static final Set<String> QBO_AUTH_CODES = Set.of("100", "120", "3100", "3200");
  private static final Set<String> QBO_DUPLICATE_CODES = Set.of("6240", "6140", "6210");
  private static final Set<String> SF_TRANSIENT_CODES =
      Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "ALL_OR_NONE_OPERATION_ROLLED_BACK");
  private static final Set<String> SF_CONFIGURATION_CODES =
      Set.of(
          "INVALID_FIELD",
          "INVALID_FIELD_FOR_INSERT_UPDATE",
          "INVALID_TYPE",
          "MALFORMED_QUERY",
          "NOT_FOUND",
          "API_DISABLED_FOR_ORG",
          "INSUFFICIENT_ACCESS_OR_READONLY",
          "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY");
  private static final Set<String> SF_DUPLICATE_CODES = Set.of("DUPLICATE_VALUE", "DUPLICATES_DETECTED", "DUPLICATE_EXTERNAL_ID", "MULTIPLE_CHOICES");

  private RemoteFailures() {}

  /**
   * The failure an activity should throw for {@code error}: an {@link ApplicationFailure} typed
   * with a {@link FailureType} for remote failures, {@code error} itself for anything else (a bug,
   * which Temporal retries as usual).
   */
  public static RuntimeException toActivityFailure(RuntimeException error) {
    if (error instanceof ApplicationFailure already) {
      return already;
    }
    return classify(error).<RuntimeException>map(f -> applicationFailure(f, error)).orElse(error);
  }

  /** An {@link ApplicationFailure} of {@code type}: non-retryable exactly when the type is. */
  public static ApplicationFailure failure(FailureType type, String message) {
    return applicationFailure(new RemoteFailure(type, null, message, null), null);
  }

  /** What a remote failure means, or empty when {@code error} did not come from a remote system. */
  public static Optional<RemoteFailure> classify(Throwable error) {
    if (error instanceof QuickBooksNotConnectedException notConnected) {
      return Optional.of(new RemoteFailure(FailureType.CONFIGURATION, null, notConnected.getMessage(), null));
    }
    if (error instanceof ReadBudgetSpentException spent) {
      return Optional.of(new RemoteFailure(FailureType.READ_BUDGET, null, spent.getMessage(), null));
    }
    if (error instanceof ApiReserveReachedException reserve) {
      return Optional.of(new RemoteFailure(FailureType.API_RESERVE, null, reserve.getMessage(), null));
    }
    if (error instanceof QuickBooksReauthorizationNeededException needed) {
      return Optional.of(new RemoteFailure(FailureType.AUTH, "invalid_grant", needed.getMessage(), null));
    }
    if (error instanceof QuickBooksAuthException auth) {
      return Optional.of(new RemoteFailure(FailureType.AUTH, auth.error(), auth.getMessage(), null));
    }
    if (error instanceof QuickBooksException qbo) {
      return Optional.of(quickBooks(qbo));
    }
    if (error instanceof SalesforceNotConnectedException notConnected) {
      return Optional.of(new RemoteFailure(FailureType.CONFIGURATION, null, notConnected.getMessage(), null));
    }
    if (error instanceof SalesforceReauthorizationNeededException needed) {
      return Optional.of(new RemoteFailure(FailureType.AUTH, "invalid_grant", needed.getMessage(), null));
    }
    if (error instanceof SalesforceAuthException auth) {
      return Optional.of(new RemoteFailure(FailureType.AUTH, auth.error(), auth.getMessage(), null));
    }
    if (error instanceof SalesforceException sf) {
      return Optional.of(salesforce(sf));
    }
    if (error instanceof FreshTokenRejectedException rejected) {
      return Optional.of(new RemoteFailure(FailureType.REMOTE_UNAVAILABLE, null, rejected.getMessage(), null));
    }
    if (error instanceof UncheckedIOException || error instanceof IOException) {
      return Optional.of(new RemoteFailure(FailureType.REMOTE_UNAVAILABLE, null, error.getMessage(), null));
    }
    return Optional.empty();
  }

  /**
   * Whether a call that failed with {@code error} may be sent again at once: the failure passes
   * (server trouble, throttling, I/O), and the request is safe to repeat or the failure shows the
   * server did not act on it (throttled, unavailable, never connected).
   */
  public static boolean passing(Throwable error, boolean repeatable) {
    Optional<RemoteFailure> failure = classify(error);
    if (failure.isEmpty()
        || failure.get().type() != FailureType.REMOTE_UNAVAILABLE && failure.get().type() != FailureType.RATE_LIMIT) {
      return false;
    }
    return repeatable || failure.get().type() == FailureType.RATE_LIMIT || notActedOn(error);
  }

  /** The wait the server itself asked for (Retry-After), or null when it did not say. */
  public static Duration serverDelay(Throwable error) {
    if (error instanceof QuickBooksException qbo) {
      return qbo.retryAfter();
    }
    if (error instanceof SalesforceException sf) {
      return sf.retryAfter();
    }
    return null;
  }

  private static boolean notActedOn(Throwable error) {
    if (error instanceof FreshTokenRejectedException) {
      return true;
    }
    if (error instanceof QuickBooksException qbo) {
      return qbo.httpStatus() == 503;
    }
    if (error instanceof SalesforceException sf) {
      return sf.httpStatus() == 503 || "SERVER_UNAVAILABLE".equals(sf.code());
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  /** The type of one record's rejection in an sObject Collections result. */
  public static FailureType recordFailureType(SalesforceError error) {
    return salesforceCode(error == null ? null : error.code(), 400);
  }

  private static RemoteFailure quickBooks(QuickBooksException e) {
    String code = e.code();
    int status = e.httpStatus();
    if (status == 429 || "3001".equals(code)) {
      Duration delay = e.retryAfter() != null ? e.retryAfter() : QUICKBOOKS_THROTTLE_DELAY;
      return new RemoteFailure(FailureType.RATE_LIMIT, orStatus(code, status), e.getMessage(), delay);
    }
    if (status == 401 || status == 403 || in(QBO_AUTH_CODES, code)) {
      return new RemoteFailure(
          FailureType.AUTH,
          orStatus(code, status),
          e.getMessage() + "; an admin must reconnect the QuickBooks company (Connect QuickBooks)",
          null);
    }
    if (status >= 500 || status == 408) {
      return new RemoteFailure(FailureType.REMOTE_UNAVAILABLE, orStatus(code, status), e.getMessage(), e.retryAfter());
    }
    FailureType type;
    if (in(QBO_DUPLICATE_CODES, code)) {
      type = FailureType.DUPLICATE;
    } else if ("5010".equals(code)) {
      type = FailureType.CONFLICT;
    } else if ("2500".equals(code)) {
      type = FailureType.MISSING_PARENT;
    } else if ("6190".equals(code)) {
      type = FailureType.CONFIGURATION;
    } else {
      type = FailureType.VALIDATION;
    }
    return new RemoteFailure(type, orStatus(code, status), e.getMessage(), null);
  }

  private static RemoteFailure salesforce(SalesforceException e) {
    FailureType type = salesforceCode(e.code(), e.httpStatus());
    String message = e.getMessage();
    if (type == FailureType.AUTH) {
      message += "; check the Salesforce connected app and its run-as user";
    } else if (type == FailureType.CONFIGURATION) {
      message += "; check that the Salesforce objects and fields LedgerBridge uses are deployed (src/salesforce)";
    }
    Duration delay = type.retryable() ? e.retryAfter() : null;
    return new RemoteFailure(type, orStatus(e.code(), e.httpStatus()), message, delay);
  }

  private static FailureType salesforceCode(String code, int status) {
    if (status == 429 || "REQUEST_LIMIT_EXCEEDED".equals(code)) {
      return FailureType.RATE_LIMIT;
    }
    if (in(SF_TRANSIENT_CODES, code)) {
      return FailureType.REMOTE_UNAVAILABLE;
    }
    if (status == 401 || "INVALID_SESSION_ID".equals(code)) {
      return FailureType.AUTH;
    }
    if (in(SF_CONFIGURATION_CODES, code)) {
      return FailureType.CONFIGURATION;
    }
    if (status == 403) {
      return FailureType.AUTH;
    }
    if (status == 300 || in(SF_DUPLICATE_CODES, code)) {
      return FailureType.DUPLICATE;
    }
    if ("INVALID_CROSS_REFERENCE_KEY".equals(code)) {
      return FailureType.MISSING_PARENT;
    }
    if (status == 404) {
      return FailureType.CONFIGURATION;
    }
    if (status >= 500 || status == 408) {
      return FailureType.REMOTE_UNAVAILABLE;
    }
    return FailureType.VALIDATION;
  }

  /** Null-safe: {@code Set.of(...).contains(null)} throws. */
  private static boolean in(Set<String> codes, String code) {
    return code != null && codes.contains(code);
  }

  private static String orStatus(String code, int status) {
    return code != null ? code : "HTTP " + status;
  }

  private static ApplicationFailure applicationFailure(RemoteFailure failure, Throwable cause) {
    ApplicationFailure.Builder builder =
        ApplicationFailure.newBuilder()
            .setType(failure.type().name())
            .setMessage(failure.message())
            .setNonRetryable(!failure.type().retryable());
    if (failure.remoteCode() != null) {
      builder.setDetails(failure.remoteCode());
    }
    if (failure.retryDelay() != null && failure.type().retryable()) {
      builder.setNextRetryDelay(failure.retryDelay());
    }
    if (cause != null) {
      builder.setCause(cause);
    }
    return builder.build();
  }
}
