package io.ledgerbridge.sandbox.quickbooks;

import io.ledgerbridge.sandbox.http.Filter;
import io.ledgerbridge.sandbox.http.Handler;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code ?requestid=} on writes (reference §1.7): the first response for a (realm, requestid) is kept and
 * replayed for every retry, faults included, without doing the work again. Ids longer than 50 characters
 * (36 for batch) get Intuit's 6000 fault. Intuit's retention is UNCONFIRMED; the sandbox keeps the most
 * recent 10,000 per sandbox, which covers any retry loop.
 */
final class QboIdempotency implements Filter {
  private static final int MAX_LENGTH = 50;
  private static final int MAX_BATCH_LENGTH = 36;
  private static final int RETAINED = 10_000;

  private final QboTime time;
  private final Map<String, CompletableFuture<Response>> responses = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Response>> eldest) {
      return size() > RETAINED;
    }
  };

  QboIdempotency(QboTime time) {
    this.time = time;
  }

  @Override
  public Response apply(Request request, Handler next) {
    String requestId = request.query("requestid");
    if (requestId == null || !"POST".equals(request.method()) || request.segments().size() < 4
        || !request.segments().get(0).equals("v3") || request.segments().get(3).equals("query")) {
      return next.handle(request);
    }
    boolean batch = request.segments().get(3).equals("batch");
    int max = batch ? MAX_BATCH_LENGTH : MAX_LENGTH;
    if (requestId.length() > max) {
      return QboApiEndpoints.faultResponse(QboFault.businessValidation("You cannot enter more than " + max
          + " characters in the request_id field. You tried entering " + requestId + ", which is "
          + requestId.length() + " characters."), time);
    }
    String key = request.segments().get(2) + "/" + requestId;
    CompletableFuture<Response> mine = new CompletableFuture<>();
    CompletableFuture<Response> earlier;
    synchronized (responses) {
      earlier = responses.putIfAbsent(key, mine);
    }
    if (earlier != null) {
      try {
        return earlier.join().copy();
      } catch (CompletionException e) {
        return next.handle(request);
      }
    }
    try {
      Response response = next.handle(request);
      mine.complete(response.copy());
      return response;
    } catch (RuntimeException e) {
      // Nothing was answered, so a retry must be allowed to do the work.
      synchronized (responses) {
        responses.remove(key, mine);
      }
      mine.completeExceptionally(e);
      throw e;
    }
  }

  void reset() {
    synchronized (responses) {
      responses.clear();
    }
  }
}
