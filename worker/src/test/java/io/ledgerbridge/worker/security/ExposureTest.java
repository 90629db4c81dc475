package io.ledgerbridge.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.worker.ApplicationTestSupport;
import io.ledgerbridge.worker.config.LedgerBridgeProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the running application shows to whom: health details, metrics and Prometheus only with the
 * admin or the metrics token, the probes to anyone but with no detail; the browser headers on
 * every answer; and the embedded database's files readable by their owner only, with no trace
 * file keeping failed SQL and its values.
 */
class ExposureTest extends ApplicationTestSupport {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired LedgerBridgeProperties properties;
  @Autowired JdbcTemplate jdbc;

  @ParameterizedTest
  @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/health/quickbooks", "/actuator/metrics",
      "/actuator/metrics/ledgerbridge.realtime.records", "/actuator/prometheus", "/actuator/info",
      "/actuator/health/liveness/../../metrics", "/actuator/health/liveness;x=1"})
  void theActuatorAnswersOnlyWithAToken(String path) {
    ApiResponse anonymous = call("GET", path, null, null);
    ApiResponse wrong = call("GET", path, null, "Bearer " + ADMIN_TOKEN + "x");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body().get("message").asText()).contains("missing Authorization header")
        .contains("LEDGERBRIDGE_METRICS_TOKEN").contains("/actuator/health/liveness");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body().get("message").asText()).startsWith("wrong metrics or admin token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer " + ADMIN_TOKEN, "Bearer " + METRICS_TOKEN, "bearer " + METRICS_TOKEN, "BEARER " + ADMIN_TOKEN})
  void theAdminOrTheMetricsTokenReadsHealthDetailsAndMetrics(String authorization) {
    ApiResponse health = call("GET", "/actuator/health", null, authorization);
    ApiResponse metrics = call("GET", "/actuator/metrics", null, authorization);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().get("components").has("quickbooks")).isTrue();
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body().get("names").toString()).contains("jvm.memory.used");
  }

  @Test
  void theMetricsTokenOpensNothingButTheActuator() {
    assertThat(call("GET", "/api/jobs", null, "Bearer " + METRICS_TOKEN).status()).isEqualTo(401);
  }

  @Test
  void apiTokensOpenNothingOfTheActuator() {
    ApiResponse created = call("POST", "/api/tokens", "{\"name\":\"exposure-" + System.nanoTime() + "\",\"role\":\"ADMIN\"}");

    assertThat(call("GET", "/actuator/metrics", null, "Bearer " + created.body().get("secret").asText()).status())
        .as("the actuator takes the admin and metrics tokens only").isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/health/liveness", "/actuator/health/readiness"})
  void theProbesAnswerAnyoneWithTheirStatusAlone(String probe) {
    ApiResponse anonymous = call("GET", probe, null, null);

    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.body().get("status").asText()).isEqualTo("UP");
    assertThat(anonymous.body().size()).as("%s", anonymous.body()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer " + ADMIN_TOKEN, "BEARER " + ADMIN_TOKEN, "Bearer   " + ADMIN_TOKEN})
  void theApiTakesTheBearerSchemeInAnyCase(String authorization) {
    ApiResponse jobs = call("GET", "/api/jobs", null, authorization);

    assertThat(jobs.status()).as("%s", jobs.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/index.html", "/app.js", "/api/jobs", "/actuator/health/liveness", "/actuator/metrics",
      "/webhooks/quickbooks", "/no-such-page", "/v3/api-docs", "/swagger-ui.html", "/api/session"})
  void everyAnswerCarriesTheBrowserSecurityHeaders(String path) {
    HttpResponse<String> response = get(path);

    assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
        .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
    assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
  }

  @Test
  void theAdminPageNeedsNothingThePolicyForbids() {
    String page = get("/").body();

    // Scripts are files of this server (app.js, the uPlot webjar): a script tag without src is inline.
    assertThat(page).as("no inline script or style, no handler attributes, nothing from elsewhere")
        .doesNotContainPattern("<script(?![^>]*\\bsrc=\"[a-z][^\":]*\\.js\")").doesNotContain("<style").doesNotContain("style=")
        .doesNotContainPattern("\\son[a-z]+=").doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void theApiDocumentAndSwaggerUiNeedNoTokenAndOnlySwaggerUiRelaxesThePolicy() {
    HttpResponse<String> document = get("/v3/api-docs");
    HttpResponse<String> swaggerUi = get("/swagger-ui/index.html");

    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.body()).contains("\"openapi\"").contains("/api/jobs");
    assertThat(swaggerUi.statusCode()).isEqualTo(200);
    assertThat(swaggerUi.headers().firstValue("Content-Security-Policy"))
        .contains(SecurityHeaders.SWAGGER_UI_CONTENT_SECURITY_POLICY);
    assertThat(SecurityHeaders.SWAGGER_UI_CONTENT_SECURITY_POLICY)
        .as("scripts still only from this server, calls only to it, and no framing")
        .contains("script-src 'self';", "connect-src 'self';", "frame-ancestors 'none'")
        .doesNotContain("unsafe-eval");
    assertThat(swaggerUi.body()).as("Swagger UI's page runs no inline script")
        .doesNotContainPattern("<script(?![^>]*\\bsrc=\"\\./[a-z-]+\\.js\")");
    assertThat(swaggerUi.headers().firstValue("X-Frame-Options")).contains("DENY");
  }

  @Test
  void theDatabaseFilesAreTheOwnersAloneAndFailedSqlLeavesNoTraceFile() throws IOException {
    assertThatThrownBy(() -> jdbc.queryForList("SELECT * FROM no_such_table WHERE secret = 'hunter2'"))
        .isInstanceOf(BadSqlGrammarException.class);
    Path dataDir = properties.dataDir();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    List<Path> databaseFiles;
    try (Stream<Path> files = Files.list(dataDir)) {
      databaseFiles = files.filter(file -> file.getFileName().toString().startsWith("ledgerbridge.")).toList();
    }
    assertThat(databaseFiles).extracting(file -> file.getFileName().toString()).contains("ledgerbridge.mv.db")
        .noneMatch(name -> name.endsWith(".trace.db"));
    for (Path file : databaseFiles) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("%s", file).isEqualTo("rw-------");
    }
  }

  private HttpResponse<String> get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
