package io.ledgerbridge.worker.observability;

import io.ledgerbridge.activities.errors.RemoteFailures;
import io.ledgerbridge.activities.errors.RetryAfter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Measures every call LedgerBridge makes to QuickBooks and Salesforce: latency by system,
 * operation and status; throttled answers and the wait they asked for; and, when the call is made
 * inside an activity, one more API call for that workflow run's report. Never logs URLs' queries
 * or headers, which may carry secrets.
 */
final class ApiCallInterceptor implements Interceptor {
  static final String REQUESTS = "ledgerbridge.api.requests";
  static final String RATE_LIMITED = "ledgerbridge.rate.limit.waits";
  static final String RATE_LIMIT_WAIT = "ledgerbridge.rate.limit.wait";

  private final Supplier<MeterRegistry> registry;
  private final Supplier<RunApiCalls> runCalls;
  private final Supplier<LastCalls> lastCalls;
  private final Clock clock = Clock.systemUTC();

  ApiCallInterceptor(Supplier<MeterRegistry> registry, Supplier<RunApiCalls> runCalls, Supplier<LastCalls> lastCalls) {
    this.registry = registry;
    this.runCalls = runCalls;
    this.lastCalls = lastCalls;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    RemoteSystem system = RemoteSystem.of(request.url());
    String operation = system.operation(request.url());
    countForRun(system);
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException | RuntimeException failed) {
      record(system, operation, request.method(), "IO_ERROR", start);
      throw failed;
    }
    record(system, operation, request.method(), Integer.toString(response.code()), start);
    if (isThrottled(system, response)) {
      rateLimited(system, response);
    }
    return response;
  }

  private void record(RemoteSystem system, String operation, String method, String status, long start) {
    Timer.builder(REQUESTS)
        .description("Calls to QuickBooks and Salesforce, by system, operation and HTTP status")
        .tag("system", system.tag())
        .tag("operation", operation)
        .tag("method", method)
        .tag("status", status)
        .register(registry.get())
        .record(Duration.ofNanos(System.nanoTime() - start));
    lastCalls.get().record(system, operation, status, clock.instant());
  }

  private static boolean isThrottled(RemoteSystem system, Response response) throws IOException {
    if (response.code() == 429) {
      return true;
    }
    // Salesforce answers its API limits with 403 REQUEST_LIMIT_EXCEEDED.
    return system == RemoteSystem.SALESFORCE
        && response.code() == 403
        && response.peekBody(2048).string().contains("REQUEST_LIMIT_EXCEEDED");
  }

  private void rateLimited(RemoteSystem system, Response response) {
    MeterRegistry meters = registry.get();
    Counter.builder(RATE_LIMITED)
        .description("Throttled answers (429, Salesforce REQUEST_LIMIT_EXCEEDED): each means a wait before the retry")
        .tag("system", system.tag())
        .register(meters)
        .increment();
    Duration wait = RetryAfter.parse(response.header("Retry-After"), clock);
    if (wait == null && system == RemoteSystem.QUICKBOOKS) {
      wait = RemoteFailures.QUICKBOOKS_THROTTLE_DELAY;
    }
    if (wait != null) {
      DistributionSummary.builder(RATE_LIMIT_WAIT)
          .description("The wait a throttled answer asked for before the retry")
          .baseUnit("seconds")
          .tag("system", system.tag())
          .register(meters)
          .record(wait.toMillis() / 1000.0);
    }
  }

  private void countForRun(RemoteSystem system) {
    if (system == RemoteSystem.OTHER) {
      return;
    }
    String runId;
    try {
      runId = Activity.getExecutionContext().getInfo().getWorkflowRunId();
    } catch (IllegalStateException notInAnActivity) {
      return; // e.g. an admin connecting a company: no run to count it for
    }
    runCalls.get().count(runId, system);
  }
}
