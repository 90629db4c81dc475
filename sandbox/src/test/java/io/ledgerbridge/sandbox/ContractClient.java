package io.ledgerbridge.sandbox;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain java.net.http client for contract tests: no knowledge of the APIs beyond HTTP. */
public final class ContractClient {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public ContractClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A response with its body parsed as JSON when it has one. */
  public record Reply(int status, Map<String, String> headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  public Reply get(String path, String... headers) {
    return send(builder(path, headers).GET());
  }

  public Reply delete(String path, String... headers) {
    return send(builder(path, headers).DELETE());
  }

  public Reply post(String path, String contentType, String body, String... headers) {
    return send(builder(path, headers).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A POST whose body is sent byte for byte, e.g. compressed with a Content-Encoding header passed in headers. */
  public Reply postBytes(String path, String contentType, byte[] body, String... headers) {
    return send(builder(path, headers).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** A PUT of a text body, e.g. the CSV of a bulk ingest job. */
  public Reply put(String path, String contentType, String body, String... headers) {
    return send(builder(path, headers).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Reply postJson(String path, Object body, String... headers) {
    return post(path, "application/json", toJson(body), headers);
  }

  public Reply patchJson(String path, Object body, String... headers) {
    return send(builder(path, headers).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(toJson(body))));
  }

  public Reply send(String method, String path, String jsonBody, String... headers) {
    return send(builder(path, headers).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody)));
  }

  public Reply postForm(String path, Map<String, String> form, String... headers) {
    return post(path, "application/x-www-form-urlencoded", form(form), headers);
  }

  public static String form(Map<String, String> values) {
    return values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a URL's query string; values decoded. */
  public static Map<String, String> queryOf(String url) {
    Map<String, String> values = new LinkedHashMap<>();
    String query = URI.create(url).getRawQuery();
    for (String pair : query.split("&")) {
      String[] parts = pair.split("=", 2);
      values.put(java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length > 1 ? java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return values;
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String toJson(Object body) {
    try {
      return body instanceof String text ? text : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder builder(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
        .timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private Reply send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> headers = new LinkedHashMap<>();
      response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
      return new Reply(response.statusCode(), headers, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
