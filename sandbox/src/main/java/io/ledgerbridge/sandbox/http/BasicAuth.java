package io.ledgerbridge.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Client id and secret from an {@code Authorization: Basic} header. */
public record BasicAuth(String clientId, String clientSecret) {

  /** Decodes the header; null when absent or not Basic. */
  public static BasicAuth from(Request request) {
    String header = request.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : new BasicAuth(decoded.substring(0, colon), decoded.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The bearer token of an {@code Authorization: Bearer} header (OAuth is case-insensitive here), or null. */
  public static String bearerToken(Request request) {
    String header = request.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }
}
