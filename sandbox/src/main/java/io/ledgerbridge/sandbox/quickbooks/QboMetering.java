package io.ledgerbridge.sandbox.quickbooks;

import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.http.Handler;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Intuit's metering of the App Partner Program (reference §5.3), counted as Intuit classes calls, per
 * company and calendar month (UTC): <b>CorePlus</b> for data out (read by id, query, change data
 * capture, reports, a batch holding a query), <b>Core</b> for data in (creates, updates, deletes, a
 * batch of those). Failed calls and OAuth calls are not metered; throttled calls never get here. A
 * client's own bookkeeping can then be checked against what the API side counted.
 */
final class QboMetering implements Filter {
  static final String CORE = "Core";
  static final String CORE_PLUS = "CorePlus";

  private final Clock clock;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  QboMetering(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Response apply(Request request, Handler next) {
    Response response = next.handle(request);
    if (request.segments().size() >= 4 && request.segments().get(0).equals("v3") && metered(response)) {
      String realmId = request.segments().get(2);
      String key = classOf(request) + " " + realmId + " " + YearMonth.now(clock.withZone(ZoneOffset.UTC));
      counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
    return response;
  }

  /** Calls by class, company and month ({@code "class CorePlus 9130… 2026-12"}), and by class alone. */
  Map<String, Long> counts() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((key, adder) -> {
      long calls = adder.sum();
      snapshot.merge("class " + key, calls, Long::sum);
      snapshot.merge("class " + key.substring(0, key.indexOf(' ')), calls, Long::sum);
    });
    return snapshot;
  }

  void reset() {
    counts.clear();
  }

  /** A 2xx answer without a fault: Intuit does not meter failed calls. */
  private static boolean metered(Response response) {
    if (response.status() < 200 || response.status() >= 300) {
      return false;
    }
    String body = response.bodyText();
    return !body.startsWith("{\"Fault\"") && !body.startsWith("<");
  }

  private static String classOf(Request request) {
    String resource = request.segments().get(3);
    if ("GET".equals(request.method()) || resource.equals("query") || resource.equals("cdc") || resource.equals("reports")) {
      return CORE_PLUS;
    }
    if (resource.equals("batch")) {
      String body = request.bodyText();
      return body.contains("\"Query\"") || body.contains("\"CDCQuery\"") ? CORE_PLUS : CORE;
    }
    return CORE;
  }
}
