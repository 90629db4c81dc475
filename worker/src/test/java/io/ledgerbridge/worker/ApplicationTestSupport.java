package io.ledgerbridge.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application in demo mode on free ports: embedded Temporal, H2 in a temporary
 * directory, the sandbox APIs. Test classes extending this share one running application, and
 * talk to it only over HTTP, as an admin would.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "ledgerbridge.demo=true",
      "ledgerbridge.sandbox.qbo-port=0",
      "ledgerbridge.sandbox.salesforce-port=0",
      "ledgerbridge.admin-token=" + ApplicationTestSupport.ADMIN_TOKEN,
      "ledgerbridge.metrics-token=" + ApplicationTestSupport.METRICS_TOKEN,
      "temporal.embedded-port=0",
      // Runs link to a Temporal web UI (none runs there); TemporalToolsTest checks the links.
      "ledgerbridge.temporal.ui-url=" + ApplicationTestSupport.TEMPORAL_UI_URL,
      "ledgerbridge.reconcile-interval=2s",
      // Tests that need the sandbox's change notifications point them at the application themselves.
      "ledgerbridge.sandbox.send-notifications=false"
    })
public abstract class ApplicationTestSupport {
  protected static final String ADMIN_TOKEN = "test-admin-token";
  protected static final String METRICS_TOKEN = "test-metrics-token";
  protected static final String TEMPORAL_UI_URL = "http://127.0.0.1:8233";
  protected static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path DATA_DIR = temporaryDataDir();

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) {
    registry.add("ledgerbridge.data-dir", DATA_DIR::toString);
  }

  private static Path temporaryDataDir() {
    try {
      return Files.createTempDirectory("ledgerbridge-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response's status and parsed JSON body (null when empty). */
  protected record ApiResponse(int status, JsonNode body) {}

  protected ApiResponse call(String method, String path, String jsonBody) {
    return call(method, path, jsonBody, "Bearer " + ADMIN_TOKEN);
  }

  protected ApiResponse call(String method, String path, String jsonBody, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody))
            .header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
      return new ApiResponse(response.statusCode(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Connects a QuickBooks company the way an admin does: the API's link, the sandbox's consent for this
   * realm (which makes the company when it is new), Intuit's redirect to the callback.
   */
  protected void connectQuickBooks(String realmId) {
    ApiResponse begin = call("POST", "/api/connections/quickbooks/authorizations", null);
    if (begin.status() != 200) {
      throw new AssertionError("no connect link: " + begin);
    }
    HttpResponse<String> consent =
        send(HttpRequest.newBuilder(URI.create(begin.body().get("authorizationUrl").asText() + "&realmId=" + realmId)).build());
    String callback = URI.create(consent.headers().firstValue("Location").orElseThrow()).getRawQuery();
    HttpResponse<String> connected = send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/oauth/quickbooks/callback?" + callback)).build());
    if (connected.statusCode() != 303) {
      throw new AssertionError("the callback answered " + connected.statusCode() + ": " + connected.body());
    }
  }

  /** A GET as a browser sends it: no credential; redirects are not followed. */
  protected HttpResponse<String> browse(String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls the API until the condition holds, or fails after the timeout. */
  protected JsonNode awaitJson(String path, Predicate<JsonNode> condition, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      ApiResponse response = call("GET", path, null);
      last = response.body();
      if (response.status() == 200 && condition.test(last)) {
        return last;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("GET " + path + " did not reach the expected state within " + timeout + "; last: " + last);
  }
}
