package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code ledgerbridge jobs ...}: each command one or two API calls, then a table or the JSON. */
final class JobsCommands {
  private static final Set<String> UNSUCCESSFUL = Set.of("FAILED", "CANCELLED");
  private static final Duration MAX_TIMEOUT = Duration.ofDays(7);

  private final Session session;

  JobsCommands(Session session) {
    this.session = session;
  }

  int list() {
    JsonNode jobs = session.api().get("/api/jobs");
    session.print(jobs, JobViews.list(jobs));
    return 0;
  }

  int show(String id) {
    JsonNode job = session.api().get(path(id));
    session.print(job, JobViews.show(job));
    return 0;
  }

  int create(Arguments arguments) {
    ObjectNode body = JobBody.forCreate(arguments, Command.JOBS_CREATE);
    JsonNode job = session.api().post("/api/jobs", body);
    session.print(job, "Created job " + text(job, "id") + ".\n\n" + JobViews.show(job));
    return 0;
  }

  int update(String id, Arguments arguments) {
    // The current job is needed only to merge schedule fields into its schedule.
    boolean mergesSchedule = arguments.options().keySet().stream().anyMatch(JobsCommands::isScheduleOption);
    JsonNode current = mergesSchedule ? session.api().get(path(id)) : MissingNode.getInstance();
    ObjectNode body = JobBody.forUpdate(arguments, Command.JOBS_UPDATE, current);
    JsonNode job = session.api().put(path(id), body);
    session.print(job, "Updated job " + text(job, "id") + ".\n\n" + JobViews.show(job));
    return 0;
  }

  int pause(String id) {
    JsonNode job = session.api().post(path(id) + "/pause", null);
    session.print(job, "Paused job " + text(job, "id") + "; 'ledgerbridge jobs resume " + text(job, "id")
        + "' schedules it again.\n");
    return 0;
  }

  int resume(String id) {
    JsonNode job = session.api().post(path(id) + "/resume", null);
    List<String> nextRuns = Formats.texts(job, "nextRuns");
    session.print(job, "Resumed job " + text(job, "id")
        + (nextRuns.isEmpty() ? "" : "; next run " + Formats.minute(nextRuns.get(0))) + ".\n");
    return 0;
  }

  int run(String id, Arguments arguments) {
    // validate() has already refused --timeout without --wait.
    Duration timeout = arguments.value(Option.TIMEOUT).map(given -> seconds(given, Command.JOBS_RUN)).orElse(null);
    JsonNode started = session.api().post(path(id) + "/run", null);
    String runId = text(started, "runId");
    if (!arguments.has(Option.WAIT)) {
      session.print(started, "Started run " + runId + " of job " + text(started, "jobId")
          + ".\nFollow it with 'ledgerbridge runs show " + runId + "'.\n");
      return 0;
    }
    if (!session.json()) {
      session.out().println("Started run " + runId + " of job " + text(started, "jobId") + "; waiting for it to finish.");
      session.out().flush();
    }
    JsonNode report = new RunWaiter(session).await(runId, timeout);
    session.print(report, "\n" + RunViews.report(report));
    String status = text(report, "status");
    if (UNSUCCESSFUL.contains(status)) {
      String cause = text(report, "cause");
      throw CliException.failed("run " + runId + " " + status + (cause == null ? "" : ": " + cause));
    }
    return 0;
  }

  int delete(String id) {
    session.api().delete(path(id));
    if (!session.json()) {
      session.out().println("Deleted job " + id + "; its runs stay in 'ledgerbridge runs list --job " + id + "'.");
    }
    return 0;
  }

  private static boolean isScheduleOption(Option option) {
    return switch (option) {
      case CRON, MINUTE, HOUR, MONTH, DAY_OF_WEEK, DAY_OF_MONTH, TIME_ZONE -> true;
      default -> false;
    };
  }

  /** A wait limit: seconds, or with a unit, 90s, 5m, 1h; at most a week. */
  static Duration seconds(String given, Command command) {
    String value = given.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (value.endsWith("s") || value.endsWith("m") || value.endsWith("h")) {
      unit = value.endsWith("h") ? 3600 : value.endsWith("m") ? 60 : 1;
      value = value.substring(0, value.length() - 1);
    }
    long amount;
    try {
      amount = Long.parseLong(value);
    } catch (NumberFormatException notNumber) {
      amount = 0;
    }
    if (amount <= 0) {
      throw CliException.usage(
          command, "--timeout: '" + given + "' is not a positive number of seconds (or 90s, 5m, 1h)");
    }
    if (amount > MAX_TIMEOUT.toSeconds() / unit) {
      throw CliException.usage(command, "--timeout: '" + given + "' is too long; wait at most 168h (a week)");
    }
    return Duration.ofSeconds(amount * unit);
  }

  private static String path(String id) {
    return "/api/jobs/" + ApiClient.segment(id);
  }
}
