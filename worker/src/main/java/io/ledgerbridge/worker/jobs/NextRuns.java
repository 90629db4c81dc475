package io.ledgerbridge.worker.jobs;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** When a cron string fires next, computed with cron-utils as the embedded Temporal does (UTC). */
final class NextRuns {
  private static final CronParser UNIX_CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private NextRuns() {}

  static List<Instant> after(String cron, Instant from, int count) {
    ExecutionTime times = ExecutionTime.forCron(UNIX_CRON.parse(cron));
    List<Instant> next = new ArrayList<>(count);
    ZonedDateTime cursor = from.atZone(ZoneOffset.UTC);
    while (next.size() < count) {
      Optional<ZonedDateTime> fire = times.nextExecution(cursor);
      if (fire.isEmpty()) {
        break;
      }
      next.add(fire.get().toInstant());
      cursor = fire.get();
    }
    return next;
  }
}
