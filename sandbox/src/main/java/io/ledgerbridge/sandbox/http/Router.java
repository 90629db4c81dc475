package io.ledgerbridge.sandbox.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps method + path pattern to handlers. Patterns are literal segments and {@code {name}} variables;
 * the first registered match wins, so register specific patterns before generic ones.
 */
public final class Router {
  private final List<Route> routes = new ArrayList<>();

  public Router add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, split(pattern), handler));
    return this;
  }

  /** The handler for the request, with its path variables bound, or null when nothing matches the path. */
  Match match(Request request) {
    String[] segments = request.segments().toArray(String[]::new);
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> variables = route.bind(segments);
      if (variables == null) {
        continue;
      }
      pathKnown = true;
      if (route.method.equals(request.method())) {
        return new Match(route.handler, variables, true);
      }
    }
    return pathKnown ? new Match(null, Map.of(), true) : null;
  }

  /**
   * The endpoint a request is for, as {@code METHOD /pattern}, e.g. {@code GET /v3/company/{realmId}/query};
   * unknown paths are grouped under {@code METHOD (unknown path)} so counters stay bounded.
   */
  String endpointOf(Request request) {
    String[] segments = request.segments().toArray(String[]::new);
    for (Route route : routes) {
      if (route.method.equals(request.method()) && route.bind(segments) != null) {
        return route.method + " /" + String.join("/", route.pattern);
      }
    }
    return request.method() + " (unknown path)";
  }

  /** Splits a path into segments, ignoring empty ones so a trailing slash does not matter. */
  static String[] split(String path) {
    return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }

  /** A path match: handler is null when the path exists but not for this method. */
  record Match(Handler handler, Map<String, String> variables, boolean pathKnown) {}

  private record Route(String method, String[] pattern, Handler handler) {
    Map<String, String> bind(String[] segments) {
      if (segments.length != pattern.length) {
        return null;
      }
      Map<String, String> variables = new LinkedHashMap<>();
      for (int i = 0; i < pattern.length; i++) {
        String expected = pattern[i];
        if (expected.startsWith("{") && expected.endsWith("}")) {
          variables.put(expected.substring(1, expected.length() - 1), segments[i]);
        } else if (!expected.equals(segments[i])) {
          return null;
        }
      }
      return variables;
    }
  }
}
