package io.ledgerbridge.activities.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * SHA-256 of mapped content in a canonical form: fields in mapping order, numbers without trailing
 * zeros (150.0 and 150 hash alike). Equal hashes mean the target already holds this content.
 */
public final class Hashing {
  private Hashing() {}

  public static String sha256(JsonNode content) {
    StringBuilder canonical = new StringBuilder();
    write(content, canonical);
    return sha256(canonical.toString());
  }

  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append('\u0001');
    } else if (node.isObject()) {
      out.append('{');
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.append(field.getKey()).append('=');
        write(field.getValue(), out);
        out.append('\u0000');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode element : node) {
        write(element, out);
        out.append('\u0000');
      }
      out.append(']');
    } else {
      String text = FieldMapping.text(node);
      out.append('"').append(text == null ? "" : text);
    }
  }
}
