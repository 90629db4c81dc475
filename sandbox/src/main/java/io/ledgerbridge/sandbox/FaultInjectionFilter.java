package io.ledgerbridge.sandbox;

import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.http.Handler;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.SimulatorServer;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Injects the configured latency and faults before a call reaches the simulated API. */
final class FaultInjectionFilter implements Filter {
  private static final Logger log = LoggerFactory.getLogger(FaultInjectionFilter.class);

  private final String apiName;
  private final Function<FaultKind, Response> responses;
  private final AtomicReference<FaultInjection> current = new AtomicReference<>(FaultInjection.none());

  /** @param responses how the API answers SERVER_ERROR, UNAVAILABLE and THROTTLED */
  FaultInjectionFilter(String apiName, Function<FaultKind, Response> responses) {
    this.apiName = apiName;
    this.responses = responses;
  }

  FaultInjection current() {
    return current.get();
  }

  void set(FaultInjection faults) {
    current.set(faults);
    log.info("{}: fault injection set to {}", apiName, faults);
  }

  @Override
  public Response apply(Request request, Handler next) {
    FaultInjection faults = current.get();
    if (faults.isNone() || !request.path().startsWith(faults.pathPrefix())) {
      return next.handle(request);
    }
    sleep(faults.latency());
    FaultKind kind = faults.pick(ThreadLocalRandom.current().nextDouble());
    if (kind == null) {
      return next.handle(request);
    }
    log.debug("{}: injecting {} into {} {}", apiName, kind, request.method(), request.path());
    return switch (kind) {
      case TIMEOUT -> {
        sleep(faults.timeout());
        throw new SimulatorServer.DropConnection();
      }
      case DROPPED_CONNECTION -> throw new SimulatorServer.DropConnection();
      default -> responses.apply(kind);
    };
  }

  private static void sleep(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SimulatorServer.DropConnection();
    }
  }
}
