package io.ledgerbridge.sandbox;

import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.http.Handler;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.SimulatorServer;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Injects the configured latency and faults before a call reaches the simulated API. */
final class FaultInjectionFilter implements Filter {
  private static final Logger log = LoggerFactory.getLogger(FaultInjectionFilter.class);

  private final String apiName;
  private final Responder responses;
  private final AtomicReference<FaultInjection> current = new AtomicReference<>(FaultInjection.none());

  /** How the simulated API answers a fault it has its own words for. */
  interface Responder {
    /** The answer to {@code request} for {@code kind}, or null when that fault cannot happen to this call. */
    Response answer(FaultKind kind, FaultInjection faults, Request request);
  }

  /** @param responses how the API answers SERVER_ERROR, UNAVAILABLE, THROTTLED and EXPIRED_TOKEN */
  FaultInjectionFilter(String apiName, Responder responses) {
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
    switch (kind) {
      case TIMEOUT -> {
        log.debug("{}: injecting {} into {} {}", apiName, kind, request.method(), request.path());
        sleep(faults.timeout());
        throw new SimulatorServer.DropConnection();
      }
      case DROPPED_CONNECTION -> {
        log.debug("{}: injecting {} into {} {}", apiName, kind, request.method(), request.path());
        throw new SimulatorServer.DropConnection();
      }
      default -> {
        Response answer = responses.answer(kind, faults, request);
        if (answer == null) {
          return next.handle(request);
        }
        log.debug("{}: injecting {} into {} {}", apiName, kind, request.method(), request.path());
        return answer;
      }
    }
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
