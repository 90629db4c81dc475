package io.ledgerbridge.worker.errors;

import io.ledgerbridge.activities.store.RecordErrorStore;
import io.ledgerbridge.activities.store.RecordErrorStore.OpenSpan;
import io.ledgerbridge.workflows.sync.FailureType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * How many record errors were open at the end of each of the last days (UTC), by type: the admin
 * page's errors chart. Counted from each error's opening (first seen) and closing (resolved or
 * dismissed) times, so a day's count does not change once the day has ended.
 */
@Service
class ErrorHistory {
  static final int MAX_DAYS = 366;

  private final RecordErrorStore errors;
  private final Clock clock = Clock.systemUTC();

  ErrorHistory(JdbcTemplate jdbc) {
    this.errors = new RecordErrorStore(jdbc);
  }

  /** The last {@code days} days, oldest first; today's count is as of now. */
  OpenErrorHistory lastDays(int days) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate first = today.minusDays(days - 1L);
    List<OpenSpan> spans = errors.openSpans(first.atStartOfDay(ZoneOffset.UTC).toInstant(), now);
    List<OpenErrorsOnDay> answer = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
      Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant countedAt = end.isAfter(now) ? now : end;
      Map<FailureType, Long> byType = new EnumMap<>(FailureType.class);
      for (OpenSpan span : spans) {
        boolean open = !span.openedAt().isAfter(countedAt)
            && (span.closedAt() == null || span.closedAt().isAfter(countedAt));
        if (open) {
          byType.merge(span.type(), 1L, Long::sum);
        }
      }
      answer.add(new OpenErrorsOnDay(day, countedAt, byType.values().stream().mapToLong(Long::longValue).sum(), byType));
    }
    return new OpenErrorHistory(answer);
  }

  @Schema(description = "Open record errors at the end of each day, oldest day first")
  record OpenErrorHistory(List<OpenErrorsOnDay> days) {}

  @Schema(description = "The errors open at the end of one day (UTC; today: now)")
  record OpenErrorsOnDay(
      @Schema(description = "The day, in UTC") LocalDate date,
      @Schema(description = "When they were counted: the day's end, or now for today") Instant countedAt,
      @Schema(description = "Every error open then") long open,
      @Schema(description = "The same, by type (each error's latest); types with none are left out")
      Map<FailureType, Long> openByType) {}
}
