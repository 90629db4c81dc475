package io.ledgerbridge.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response to be written by {@link SimulatorServer}. Headers can be added before it is sent. */
public final class Response {
  private final int status;
  private final byte[] body;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private Response(int status, byte[] body, String contentType) {
    this.status = status;
    this.body = body;
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
  }

  public static Response json(int status, Object body) {
    try {
      return new Response(status, Json.MAPPER.writeValueAsBytes(body), "application/json;charset=UTF-8");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise response body", e);
    }
  }

  public static Response text(int status, String contentType, String body) {
    return new Response(status, body.getBytes(StandardCharsets.UTF_8), contentType);
  }

  public static Response empty(int status) {
    return new Response(status, new byte[0], null);
  }

  public static Response redirect(String location) {
    return empty(302).header("Location", location);
  }

  /** An independent copy, so a kept response can be sent again while filters add headers to it. */
  public Response copy() {
    Response copy = new Response(status, body, null);
    copy.headers.putAll(headers);
    return copy;
  }

  public Response header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public byte[] body() {
    return body;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public Map<String, String> headers() {
    return headers;
  }
}
