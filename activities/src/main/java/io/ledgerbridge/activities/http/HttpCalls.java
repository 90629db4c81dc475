package io.ledgerbridge.activities.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One HTTP exchange of a connector, with I/O failures turned into unchecked exceptions that name
 * the remote system and the operation; {@code RemoteFailures} maps them to retryable failures.
 */
public final class HttpCalls {
  private HttpCalls() {}

  /** Sends the request; the caller closes the response. */
  public static Response execute(OkHttpClient http, Request request, String system, String operation) {
    try {
      return http.newCall(request).execute();
    } catch (IOException e) {
      throw new UncheckedIOException(
          system + " " + operation + " did not complete (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
          e);
    }
  }

  /** The response body as text, empty when there is none. */
  public static String bodyOf(Response response, String system, String operation) {
    ResponseBody body = response.body();
    try {
      return body == null ? "" : body.string();
    } catch (IOException e) {
      throw new UncheckedIOException(system + " " + operation + ": reading the response failed", e);
    }
  }
}
