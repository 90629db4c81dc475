package io.ledgerbridge.worker.observability;

import io.ledgerbridge.workflows.sync.RecordCounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ledgerbridge.activities.runs.ObjectDetails;
import io.ledgerbridge.activities.runs.RunDetails;
import io.ledgerbridge.activities.runs.RunListener.FinishedRun;
import io.ledgerbridge.activities.runs.RunReport;
import io.ledgerbridge.workflows.runs.ObjectRunReport;
import io.ledgerbridge.workflows.runs.RunStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The names Prometheus scrapes at {@code /actuator/prometheus}. */
class PrometheusExportTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void callsToEachSystemAreTimedByOperationAndStatusAndThrottlingIsCountedWithItsWait() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          boolean throttled = exchange.getRequestURI().getPath().contains("/query");
          if (throttled) {
            exchange.getResponseHeaders().add("Retry-After", "7");
          }
          exchange.sendResponseHeaders(throttled ? 429 : 200, -1);
          exchange.close();
        });
    server.start();
    try {
      OkHttpClient client =
          new OkHttpClient.Builder()
              .addInterceptor(new ApiCallInterceptor(() -> registry, () -> null, LastCalls::new))
              .build();
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      try (Response r = client.newCall(new Request.Builder().url(base + "/v3/company/9130/query?query=select").build()).execute()) {
        assertThat(r.code()).isEqualTo(429);
      }
      try (Response r = client.newCall(new Request.Builder().url(base + "/services/data/v62.0/composite/sobjects/Account/QBO_Id__c").build()).execute()) {
        assertThat(r.code()).isEqualTo(200);
      }
    } finally {
      server.stop(0);
    }

    String scrape = registry.scrape();

    assertThat(scrape)
        .containsPattern("ledgerbridge_api_requests_seconds_count\\{[^}]*operation=\"query\"[^}]*status=\"429\"[^}]*system=\"quickbooks\"[^}]*\\} 1")
        .containsPattern("ledgerbridge_api_requests_seconds_count\\{[^}]*operation=\"composite\"[^}]*status=\"200\"[^}]*system=\"salesforce\"[^}]*\\} 1")
        .containsPattern("ledgerbridge_rate_limit_waits_total\\{system=\"quickbooks\"\\} 1")
        .containsPattern("ledgerbridge_rate_limit_wait_seconds_sum\\{system=\"quickbooks\"\\} 7");
    assertThat(scrape).doesNotContain("select");
  }

  @Test
  void finishedRunsCountRecordsByObjectDirectionAndOutcomeAndTimeRuns() {
    Instant t0 = Instant.parse("2026-11-26T03:00:00Z");
    RunReport run =
        new RunReport("r", "j", "w", "J", "9130", "QBO_TO_SALESFORCE", List.of("Customer"), RunStatus.PARTLY_FAILED, "x", t0,
            t0.plusSeconds(12),
            List.of(new ObjectRunReport("Customer", RunStatus.PARTLY_FAILED, new RecordCounts(10,6,1,0,1,2), "2 failed", t0, t0.plusSeconds(12), null)));
    new RunMetrics(registry)
        .runFinished(new FinishedRun(run, new RunDetails(List.of(new ObjectDetails("Customer", 1, null)), Map.of(), 3), 3, 1));

    assertThat(registry.scrape())
        .containsPattern("ledgerbridge_records_total\\{[^}]*direction=\"QBO_TO_SALESFORCE\",object=\"Customer\",outcome=\"created\"\\} 6")
        .containsPattern("ledgerbridge_records_total\\{[^}]*outcome=\"failed\"\\} 2")
        .containsPattern("ledgerbridge_records_total\\{[^}]*outcome=\"conflict\"\\} 1")
        .containsPattern("ledgerbridge_runs_total\\{status=\"PARTLY_FAILED\"\\} 1")
        .containsPattern("ledgerbridge_run_duration_seconds_sum\\{status=\"PARTLY_FAILED\"\\} 12");
  }
}
