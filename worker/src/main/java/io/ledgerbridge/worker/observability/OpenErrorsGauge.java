package io.ledgerbridge.worker.observability;

import io.ledgerbridge.activities.runs.RunListener;
import io.ledgerbridge.activities.store.OpenErrorCount;
import io.ledgerbridge.activities.store.RecordErrorStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ledgerbridge.workflows.sync.FailureType;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code ledgerbridge.errors.open}: open errors by type, read from the database every 30 seconds
 * and after each run, so a scrape never waits on the database.
 */
@Component
class OpenErrorsGauge implements RunListener {
  static final String OPEN_ERRORS = "ledgerbridge.errors.open";
  private static final Logger log = LoggerFactory.getLogger(OpenErrorsGauge.class);

  private final RecordErrorStore errors;
  private final Map<FailureType, AtomicInteger> open = new EnumMap<>(FailureType.class);

  OpenErrorsGauge(JdbcTemplate jdbc, MeterRegistry registry) {
    this.errors = new RecordErrorStore(jdbc);
    for (FailureType type : FailureType.values()) {
      AtomicInteger value = new AtomicInteger();
      open.put(type, value);
      Gauge.builder(OPEN_ERRORS, value, AtomicInteger::get)
          .description("Open record errors (and failed whole-object runs) by failure type")
          .tag("type", type.name())
          .register(registry);
    }
  }

  @Scheduled(fixedDelay = 30_000, initialDelay = 1_000)
  void refresh() {
    try {
      Map<FailureType, Integer> counts = new EnumMap<>(FailureType.class);
      for (OpenErrorCount count : errors.openCounts()) {
        counts.merge(count.type(), count.records() + count.wholeObject(), Integer::sum);
      }
      open.forEach((type, value) -> value.set(counts.getOrDefault(type, 0)));
    } catch (RuntimeException databaseDown) {
      log.debug("Open error counts not refreshed", databaseDown);
    }
  }

  @Override
  public void runFinished(FinishedRun run) {
    refresh();
  }
}
