package io.ledgerbridge.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An HTTP request as the simulators see it: decoded path, query parameters, headers and body. */
public final class Request {
  private final String method;
  private final String rawPath;
  private final String path;
  private final List<String> segments;
  private final String rawQuery;
  private final Map<String, String> queryParameters;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Map<String, String> pathVariables;

  Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
      Map<String, String> pathVariables) {
    this.method = method;
    this.rawPath = rawPath;
    // Segments are decoded one by one so an encoded '/' inside an external-ID value stays in its segment.
    this.segments = java.util.Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty()).map(Request::decodePath).toList();
    this.path = "/" + String.join("/", segments);
    this.rawQuery = rawQuery;
    this.queryParameters = parseForm(rawQuery);
    this.headers = headers;
    this.body = body;
    this.pathVariables = pathVariables;
  }

  Request withPathVariables(Map<String, String> variables) {
    return new Request(method, rawPath, rawQuery, headers, body, variables);
  }

  /** The same request under another method, for method-override conventions such as {@code ?_HttpMethod=PATCH}. */
  public Request withMethod(String overridingMethod) {
    return new Request(overridingMethod, rawPath, rawQuery, headers, body, pathVariables);
  }

  public String method() {
    return method;
  }

  /** The decoded path, without the query string. */
  public String path() {
    return path;
  }

  /** The decoded path segments; empty segments (double or trailing slashes) are dropped. */
  public List<String> segments() {
    return segments;
  }

  /** A query parameter (first value), or null when absent. */
  public String query(String name) {
    return queryParameters.get(name);
  }

  /** A header value (first), matched case-insensitively, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public byte[] body() {
    return body;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as application/x-www-form-urlencoded. */
  public Map<String, String> formBody() {
    return parseForm(bodyText());
  }

  /** A variable bound by the route pattern, e.g. {@code {realmId}}. */
  public String pathVariable(String name) {
    return pathVariables.get(name);
  }

  /** Parses a form/query string; the first value of a repeated name wins. */
  public static Map<String, String> parseForm(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      values.putIfAbsent(name, value);
    }
    return values;
  }

  private static String decodePath(String segment) {
    // URLDecoder would turn '+' into a space, which is wrong in a path.
    return decode(segment.replace("+", "%2B"));
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
