package io.ledgerbridge.worker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * LedgerBridge's REST API over {@link HttpClient}, with the admin token. Every failure becomes a
 * {@link CliException} whose message an admin can act on: the API's own message, or which URL
 * could not be reached and how to start LedgerBridge.
 */
final class ApiClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  // One client for the process: each HttpClient keeps a selector thread until it is collected.
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();

  private final Connection connection;

  ApiClient(Connection connection) {
    this.connection = connection;
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode post(String path, JsonNode body) {
    return send("POST", path, body);
  }

  JsonNode put(String path, JsonNode body) {
    return send("PUT", path, body);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  /** One path segment, e.g. a job id, safe to put in a URL. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String path, JsonNode body) {
    URI uri = URI.create(connection.baseUrl() + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + connection.token())
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      throw unreachable(method, uri, "no connection within " + CONNECT_TIMEOUT.toSeconds() + "s");
    } catch (ConnectException e) {
      throw unreachable(method, uri, e.getMessage() == null ? "connection refused" : e.getMessage());
    } catch (HttpTimeoutException e) {
      throw CliException.failed(
          "LedgerBridge at " + connection.baseUrl() + " did not answer " + method + " " + uri.getPath()
              + " within " + REQUEST_TIMEOUT.toSeconds() + "s");
    } catch (IOException e) {
      throw unreachable(method, uri, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failed("interrupted while calling " + method + " " + uri);
    }
    return answer(method, uri, response.statusCode(), response.body());
  }

  private JsonNode answer(String method, URI uri, int status, String text) {
    JsonNode parsed = parse(text);
    if (status >= 200 && status < 300) {
      if (text.isBlank()) {
        return NullNode.getInstance();
      }
      if (parsed == null) {
        throw CliException.failed(
            method + " " + uri + " answered " + status + " with something other than JSON; is "
                + connection.baseUrl() + " LedgerBridge?");
      }
      return parsed;
    }
    JsonNode message = parsed == null ? null : parsed.get("message");
    if (message != null && message.isTextual() && !message.asText().isBlank()) {
      String text401 = status == 401 ? " (the token came from " + connection.tokenSource() + ")" : "";
      throw new ApiException(status, message.asText() + text401);
    }
    throw new ApiException(
        status,
        method + " " + uri + " answered HTTP " + status + " without an error message; is "
            + connection.baseUrl() + " LedgerBridge?");
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException notJson) {
      return null;
    }
  }

  private CliException unreachable(String method, URI uri, String reason) {
    return CliException.failed(
        "cannot reach LedgerBridge at " + connection.baseUrl() + " (" + method + " " + uri + ": " + reason
            + "); start it with ./ledgerbridge demo, or point --url or " + Connection.URL_VARIABLE
            + " at a running one");
  }
}
