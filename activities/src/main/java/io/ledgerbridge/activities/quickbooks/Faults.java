package io.ledgerbridge.activities.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a QBO error body in the three shapes Intuit sends: the API's {@code {"Fault":{"Error":[...]}}},
 * the gateway's lower-camel {@code {"fault":{"error":[...]}}}, and XML {@code <Fault><Error code>}
 * (throttling comes as XML even when JSON was asked for).
 */
final class Faults {
  private static final Pattern XML_FAULT_TYPE = Pattern.compile("<Fault[^>]*\\stype=\"([^\"]*)\"");
  private static final Pattern XML_CODE = Pattern.compile("<Error[^>]*\\scode=\"([^\"]*)\"");
  private static final Pattern XML_ELEMENT = Pattern.compile("<Error[^>]*\\selement=\"([^\"]*)\"");
  private static final Pattern XML_MESSAGE = Pattern.compile("<Message>(.*?)</Message>", Pattern.DOTALL);
  private static final Pattern XML_DETAIL = Pattern.compile("<Detail>(.*?)</Detail>", Pattern.DOTALL);
  /** "Token expired: AB0173..." in 401 details carries a token prefix: never pass it on. */
  private static final Pattern TOKEN_TEXT =
      Pattern.compile("(?i)(token[^:]{0,30}:\\s*)[A-Za-z0-9._\\-]{8,}");

  private Faults() {}

  /** Whether a 2xx JSON body is nevertheless a fault. */
  static boolean isFault(JsonNode body) {
    return body != null && (body.has("Fault") || (body.has("fault") && body.get("fault").isObject()));
  }

  static QuickBooksException parse(
      ObjectMapper json, String operation, int status, String body, String intuitTid, Duration retryAfter) {
    String text = body == null ? "" : body.trim();
    if (text.startsWith("{")) {
      try {
        JsonNode root = json.readTree(text);
        JsonNode fault = root.has("Fault") ? root.get("Fault") : root.get("fault");
        if (fault != null && fault.isObject()) {
          return fromFault(operation, status, fault, intuitTid, retryAfter);
        }
      } catch (java.io.IOException notJson) {
        // fall through to the generic form
      }
    } else if (text.startsWith("<")) {
      String code = find(XML_CODE, text);
      if (code != null) {
        return new QuickBooksException(
            operation,
            status,
            find(XML_FAULT_TYPE, text),
            code,
            mask(find(XML_MESSAGE, text)),
            mask(find(XML_DETAIL, text)),
            find(XML_ELEMENT, text),
            intuitTid,
            retryAfter);
      }
    }
    String snippet = text.length() > 300 ? text.substring(0, 300) + "…" : text;
    return new QuickBooksException(
        operation, status, null, null, snippet.isEmpty() ? null : mask(snippet), null, null, intuitTid, retryAfter);
  }

  /**
   * One item's fault in a batch answer, which comes with HTTP 200 for the whole batch: the status is
   * the one the same fault has on a call of its own (reference §4.1), so it means the same.
   */
  static QuickBooksException batchItem(String operation, JsonNode fault, String intuitTid) {
    JsonNode errors = fault.path("Error");
    String code = errors.isArray() && errors.size() > 0 ? textOf(errors.get(0), "code") : null;
    String type = textOf(fault, "type");
    int status;
    if ("3001".equals(code)) {
      status = 429;
    } else if ("AuthenticationFault".equals(type)) {
      status = 401;
    } else if ("AuthorizationFault".equals(type) || "AuthorizatonFault".equals(type)) {
      status = 403;
    } else if ("SystemFault".equals(type)) {
      status = 500;
    } else {
      status = 400;
    }
    return fromFault(operation, status, fault, intuitTid, null);
  }

  private static QuickBooksException fromFault(
      String operation, int status, JsonNode fault, String intuitTid, Duration retryAfter) {
    JsonNode errors = fault.has("Error") ? fault.get("Error") : fault.get("error");
    JsonNode first = errors != null && errors.isArray() && errors.size() > 0 ? errors.get(0) : null;
    return new QuickBooksException(
        operation,
        status,
        textOf(fault, "type"),
        first == null ? null : textOf(first, "code"),
        first == null ? null : mask(firstText(first, "Message", "message")),
        first == null ? null : mask(firstText(first, "Detail", "detail")),
        first == null ? null : textOf(first, "element"),
        intuitTid,
        retryAfter);
  }

  static String mask(String text) {
    return text == null ? null : TOKEN_TEXT.matcher(text).replaceAll("$1****");
  }

  private static String firstText(JsonNode node, String a, String b) {
    String value = textOf(node, a);
    return value != null ? value : textOf(node, b);
  }

  private static String textOf(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? unescapeXml(m.group(1).trim()) : null;
  }

  private static String unescapeXml(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
  }
}
