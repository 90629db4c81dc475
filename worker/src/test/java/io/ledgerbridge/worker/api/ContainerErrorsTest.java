package io.ledgerbridge.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests Tomcat refuses before any servlet sees them — a request target with an encoded NUL or slash, a bad
 * percent-encoding or a character outside RFC 3986, a TRACE, a method that is no token, no Host header — are
 * answered like every other API error: JSON in the ApiErrorHandler's shape, with the security headers, not the
 * container's HTML page. Sent over a raw socket, because an HTTP client refuses to send most of them.
 */
class ContainerErrorsTest extends ApplicationTestSupport {

  /** An HTTP answer as it came over the wire; header names in lower case. */
  private record RawAnswer(int status, Map<String, String> headers, String body) {}

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      GET     | /api/jobs/%00        | Host: localhost | 400
      GET     | /api/jobs/a%2Fb      | Host: localhost | 400
      GET     | /api/jobs/%zz        | Host: localhost | 400
      GET     | /api/jobs/{id}       | Host: localhost | 400
      GET     | /api/jobs/a"b        | Host: localhost | 400
      TRACE   | /api/jobs            | Host: localhost | 405
      G(E)T   | /api/jobs            | Host: localhost | 400
      GET     | /api/jobs            | X-No-Host: 1    | 400
      """)
  void aRequestTheContainerRefusesIsAnsweredInTheApisJsonShapeWithTheSecurityHeaders(String method, String target,
      String header, int status) {
    RawAnswer answer = send(method + " " + target + " HTTP/1.1\r\n" + header + "\r\nAuthorization: Bearer " + ADMIN_TOKEN
        + "\r\nConnection: close\r\n\r\n");

    assertThat(answer.status()).as("%s", answer).isEqualTo(status);
    assertThat(answer.headers().get("content-type")).as("%s", answer).startsWith("application/json");
    JsonNode body = json(answer);
    assertThat(body.path("status").asInt()).as("%s", answer).isEqualTo(status);
    assertThat(body.path("error").asText()).as("%s", answer).matches("[a-z_]+");
    assertThat(body.path("message").asText()).as("%s", answer).isNotBlank().doesNotContain("<");
    assertThat(answer.headers()).as("%s", answer)
        .containsEntry("x-frame-options", "DENY")
        .containsEntry("x-content-type-options", "nosniff")
        .containsEntry("referrer-policy", "no-referrer")
        .containsKey("content-security-policy");
  }

  private RawAnswer send(String request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }

  /** Status line, headers and body; a chunked body is joined from its chunks. */
  private static RawAnswer parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    assertThat(end).as("an HTTP answer: %s", raw).isPositive();
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String body = raw.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      StringBuilder joined = new StringBuilder();
      int at = 0;
      while (true) {
        int lineEnd = body.indexOf("\r\n", at);
        int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
        if (size == 0) {
          break;
        }
        joined.append(body, lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
      body = joined.toString();
    }
    return new RawAnswer(status, headers, body);
  }

  private static JsonNode json(RawAnswer answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + answer, e);
    }
  }
}
