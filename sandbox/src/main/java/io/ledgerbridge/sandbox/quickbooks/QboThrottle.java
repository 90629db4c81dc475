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
 * from real traffic, which came as XML even when JSON was asked for (reference §5.2), and a
 * {@code Retry-After} in seconds until the window has room again. That header is UNCONFIRMED: Intuit's docs
 * only say "wait 60 s", one user reports seeing it (reference §5.2); a client must cope with and without it.
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
    Duration wait = admit(realmId, batch);
    return wait.isZero() ? next.handle(request) : throttled(clock, wait);
  }

  /**
   * Records the call if every window has room and returns zero; otherwise returns how long until every full
   * window has room again. Refused calls are not counted.
   */
  private Duration admit(String realmId, boolean batch) {
    Windows windows = byRealm.computeIfAbsent(realmId, id -> new Windows());
    Instant now = clock.instant();
    synchronized (windows) {
      prune(windows.calls, now.minus(MINUTE));
      prune(windows.batches, now.minus(MINUTE));
      Instant roomAt = now;
      if (perMinute > 0 && windows.calls.size() >= perMinute) {
        roomAt = latest(roomAt, nthNewest(windows.calls, perMinute).plus(MINUTE));
      }
      if (perSecond > 0 && countSince(windows.calls, now.minus(SECOND)) >= perSecond) {
        roomAt = latest(roomAt, nthNewest(windows.calls, perSecond).plus(SECOND));
      }
      if (batch && batchPerMinute > 0 && windows.batches.size() >= batchPerMinute) {
        roomAt = latest(roomAt, nthNewest(windows.batches, batchPerMinute).plus(MINUTE));
      }
      if (roomAt.isAfter(now)) {
        return Duration.between(now, roomAt);
      }
      windows.calls.addLast(now);
      if (batch) {
        windows.batches.addLast(now);
      }
      return Duration.ZERO;
    }
  }

  void reset() {
    byRealm.clear();
  }

  /**
   * The throttle fault (reference §5.2), shared with fault injection, asking the client to wait
   * {@code retryAfter} rounded up to whole seconds.
   */
  static Response throttled(Clock clock, Duration retryAfter) {
    String time = new QboTime(clock).envelopeNow();
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<IntuitResponse time=\"" + time + "\" xmlns=\"http://schema.intuit.com/finance/v3\">"
        + "<Fault type=\"SERVICE\"><Error code=\"3001\">"
        + "<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>"
        + "<Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>";
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return Response.text(429, "application/xml", body).header("Retry-After", Long.toString(seconds));
  }

  /** The arrival time of the n-th newest call (n = 1 is the newest); the deque holds at least n. */
  private static Instant nthNewest(Deque<Instant> calls, int n) {
    var it = calls.descendingIterator();
    Instant call = it.next();
    for (int i = 1; i < n; i++) {
      call = it.next();
    }
    return call;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
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
