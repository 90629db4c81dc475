package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ledgerbridge.sandbox.http.Json;

/** The REST API versions the sandbox serves, 31.0 (Summer '14) to 62.0 (Winter '25), with their release names. */
final class ApiVersions {
  static final int OLDEST = 31;
  static final int NEWEST = 62;
  /** From this version an upsert that updates answers 200 with a body ({@code created:false}) instead of 204. */
  static final int UPSERT_BODY_SINCE = 46;

  private ApiVersions() {}

  /** The major version of a path segment such as {@code v62.0}, or -1 when it is not a served version. */
  static int parse(String segment) {
    if (segment == null || !segment.matches("v\\d{2}\\.0")) {
      return -1;
    }
    int major = Integer.parseInt(segment.substring(1, segment.indexOf('.')));
    return major >= OLDEST && major <= NEWEST ? major : -1;
  }

  /** Releases come three a year: Spring, Summer, Winter, the Winter release named after the coming year. */
  static String label(int major) {
    int sinceOldest = major - OLDEST;
    int yearsSinceOldest = sinceOldest / 3;
    return switch (sinceOldest % 3) {
      case 0 -> "Summer '" + (14 + yearsSinceOldest);
      case 1 -> "Winter '" + (15 + yearsSinceOldest);
      default -> "Spring '" + (15 + yearsSinceOldest);
    };
  }

  static ArrayNode list() {
    ArrayNode versions = Json.array();
    for (int major = OLDEST; major <= NEWEST; major++) {
      versions.addObject().put("label", label(major)).put("url", "/services/data/v" + major + ".0")
          .put("version", major + ".0");
    }
    return versions;
  }
}
