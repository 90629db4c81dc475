package io.ledgerbridge.worker.observability;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Temporal SDK's own metrics (workflow and activity task latencies, poll counts, failures,
 * {@code temporal_*} in Prometheus) into the application's registry. The service stubs take it as
 * {@code WorkflowServiceStubsOptions.setMetricsScope(temporalMetricsScope)}.
 */
@Configuration
class TemporalMetrics {
  /** How often the SDK's tally scope hands its values to Micrometer. */
  private static final com.uber.m3.util.Duration REPORT_EVERY = com.uber.m3.util.Duration.ofSeconds(10);

  @Bean(destroyMethod = "close")
  Scope temporalMetricsScope(MeterRegistry registry) {
    return new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry)).reportEvery(REPORT_EVERY);
  }
}
