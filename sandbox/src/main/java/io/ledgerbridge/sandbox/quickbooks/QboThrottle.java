package io.ledgerbridge.sandbox.quickbooks;

import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.http.Handler;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Intuit's throttles per realm (reference §5.1): requests per minute and per second, and batch requests
 * per minute, each over a sliding window. A throttled call gets 429 with the throttle fault as captured
 * from real traffic, which came as XML even when JSON was asked for (reference §5.2). No Retry-After is
 * sent: Intuit only documents "wait 60 s".
 */
final class QboThrottle implements Filter {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration SECOND = Duration.ofSeconds(1);

  private final Clock clock;
  private final int perMinute;
  private final int perSecond;
  private final int batchPerMinute;
  private final Map<String, Windows> byRealm = new ConcurrentHashMap<>();

  /** Arrival times of accepted calls, newest last; a call leaves a window exactly one window length later. */
  private static final class Windows {
    final Deque<Instant> calls = new ArrayDeque<>();
    final Deque<Instant> batches = new ArrayDeque<>();
  }

  QboThrottle(Clock clock, int perMinute, int perSecond, int batchPerMinute) {
    this.clock = clock;
    this.perMinute = perMinute;
    this.perSecond = perSecond;
    this.batchPerMinute = batchPerMinute;
  }

  @Override
  public Response apply(Request request, Handler next) {
    if (request.segments().size() < 4 || !request.segments().get(0).equals("v3")) {
      return next.handle(request);
    }
    String realmId = request.segments().get(2);
    boolean batch = request.segments().get(3).equals("batch");
    return admit(realmId, batch) ? next.handle(request) : throttled(clock);
  }

  /** Records the call if every window has room; refused calls are not counted. */
  private boolean admit(String realmId, boolean batch) {
    Windows windows = byRealm.computeIfAbsent(realmId, id -> new Windows());
    Instant now = clock.instant();
    synchronized (windows) {
      prune(windows.calls, now.minus(MINUTE));
      prune(windows.batches, now.minus(MINUTE));
      if (perMinute > 0 && windows.calls.size() >= perMinute) {
        return false;
      }
      if (perSecond > 0 && countSince(windows.calls, now.minus(SECOND)) >= perSecond) {
        return false;
      }
      if (batch && batchPerMinute > 0 && windows.batches.size() >= batchPerMinute) {
        return false;
      }
      windows.calls.addLast(now);
      if (batch) {
        windows.batches.addLast(now);
      }
      return true;
    }
  }

  void reset() {
    byRealm.clear();
  }

  /** The throttle fault body (reference §5.2), shared with fault injection. */
  static Response throttled(Clock clock) {
    String time = new QboTime(clock).envelopeNow();
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<IntuitResponse time=\"" + time + "\" xmlns=\"http://schema.intuit.com/finance/v3\">"
        + "<Fault type=\"SERVICE\"><Error code=\"3001\">"
        + "<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>"
        + "<Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>";
    return Response.text(429, "application/xml", body);
  }

  private static void prune(Deque<Instant> calls, Instant before) {
    while (!calls.isEmpty() && !calls.peekFirst().isAfter(before)) {
      calls.removeFirst();
    }
  }

  private static int countSince(Deque<Instant> calls, Instant since) {
    int count = 0;
    for (var it = calls.descendingIterator(); it.hasNext(); ) {
      if (!it.next().isAfter(since)) {
        break;
      }
      count++;
    }
    return count;
  }
}
