package io.ledgerbridge.worker.realtime;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The body of a change notification, read by the endpoint itself (not by Spring before it), so
 * that a sender is authenticated before its body is read or judged wherever the credential is
 * outside the body; at most {@value #MAX_BYTES} bytes are read. Real notifications are far
 * smaller: Intuit batches a few entity ids, Salesforce at most 100 records of a few fields.
 */
final class NotificationBody {
  static final int MAX_BYTES = 1024 * 1024;

  private NotificationBody() {}

  /** The body, or 413 when it is larger than {@value #MAX_BYTES} bytes. */
  static byte[] read(HttpServletRequest request) {
    try {
      byte[] body = request.getContentLengthLong() > MAX_BYTES ? null : request.getInputStream().readNBytes(MAX_BYTES + 1);
      if (body == null || body.length > MAX_BYTES) {
        throw new NotificationRejected(HttpStatus.PAYLOAD_TOO_LARGE,
            "a change notification has at most " + MAX_BYTES + " bytes; send the records in several notifications");
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Refuses (415) a body that does not say it is JSON: {@code application/json} or {@code application/*+json}. */
  static void requireJson(HttpServletRequest request) {
    require(request, type -> type.getType().equals("application") && isOrEndsWith(type.getSubtype(), "json"),
        "application/json");
  }

  /** Refuses (415) a body that does not say it is XML: {@code text/xml}, {@code application/xml} or {@code +xml}. */
  static void requireXml(HttpServletRequest request) {
    require(request, type -> (type.getType().equals("text") || type.getType().equals("application"))
        && isOrEndsWith(type.getSubtype(), "xml"), "text/xml");
  }

  private static boolean isOrEndsWith(String subtype, String format) {
    return subtype.equals(format) || subtype.endsWith("+" + format);
  }

  private static void require(HttpServletRequest request, Predicate<MediaType> accepted, String expected) {
    String header = request.getContentType();
    boolean ok;
    try {
      ok = header != null && accepted.test(MediaType.parseMediaType(header));
    } catch (InvalidMediaTypeException unreadable) {
      ok = false;
    }
    if (!ok) {
      throw new NotificationRejected(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type "
          + (header == null ? "is missing" : RecordIds.shown(header) + " is not accepted") + "; send Content-Type: " + expected);
    }
  }
}
