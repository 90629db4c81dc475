package io.ledgerbridge.resilience;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The suite's HTTP: JSON in and out, no redirects followed, every failure to get an answer unchecked. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

  private Http() {}

  record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("not JSON (HTTP " + status + "): " + abbreviated(), e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }

    String abbreviated() {
      return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
  }

  static Reply send(String method, String url, String contentType, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + method + " " + url, e);
    }
  }

  static Reply get(String url, String... headers) {
    return send("GET", url, null, null, headers);
  }

  static Reply json(String method, String url, Object body, String... headers) {
    try {
      return send(method, url, "application/json", body == null ? null : JSON.writeValueAsString(body), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Reply form(String url, Map<String, String> fields, String... headers) {
    String body = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    return send("POST", url, "application/x-www-form-urlencoded", body, headers);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Whether anything answers an HTTP GET on the URL with the status. */
  static boolean answers(String url, int status) {
    try {
      return get(url).status() == status;
    } catch (UncheckedIOException notYet) {
      return false;
    }
  }
}
