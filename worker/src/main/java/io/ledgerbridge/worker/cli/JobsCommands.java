package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Formats.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ledgerbridge jobs ...}: each command one or two API calls, then a table or the JSON. */
@Command(
    name = "jobs",
    customSynopsis = "ledgerbridge jobs list|show|create|update|pause|resume|run|delete [ARGUMENTS] [OPTIONS]",
    description = {"the sync jobs: list, show, create, update, pause, resume, run, delete"},
    subcommands = HelpCommand.class)
final class JobsCommands implements Runnable {
  private static final Set<String> UNSUCCESSFUL = Set.of("FAILED", "CANCELLED");
  private static final String ID_DESCRIPTION = "the job's id, as 'jobs list' shows it";

  @ParentCommand LedgerBridgeCli cli;

  @Override
  public void run() {
    throw CliException.usage("name a jobs command");
  }

  @Command(
      name = "list",
      customSynopsis = "ledgerbridge jobs list [--json]",
      description = {
        "every job: schedule, state, next run, last run",
        "Every job, as Temporal really has it scheduled: ID, NAME, COMPANY, DIRECTION, OBJECTS (in sync order),"
            + " SCHEDULE, STATE, NEXT RUN and LAST RUN. STATE is ACTIVE or PAUSED, then EXTERNAL when the job was"
            + " started outside LedgerBridge's API, CHANGE_PENDING while an update waits for the run in progress,"
            + " UNSCHEDULED when Temporal lacks an active job's cron workflow. Times are shown as the API gives them,"
            + " in each job's time zone or UTC."
      })
  int list() {
    Session session = cli.session();
    JsonNode jobs = session.api().get("/api/jobs");
    session.print(jobs, JobViews.list(jobs));
    return 0;
  }

  @Command(
      name = "show",
      customSynopsis = "ledgerbridge jobs show ID [--json]",
      description = {
        "one job: definition, cron, next runs, last run",
        "A job's definition, its schedule as given, the cron string Temporal runs and its plain-English description,"
            + " the next runs, and the last run with its per-object counts."
      })
  int show(@Parameters(paramLabel = "ID", description = ID_DESCRIPTION) String id) {
    checkId(id);
    Session session = cli.session();
    JsonNode job = session.api().get(path(id));
    session.print(job, JobViews.show(job));
    return 0;
  }

  @Command(
      name = "create",
      customSynopsis = {
        "ledgerbridge jobs create --name NAME --company REALM_ID --direction DIRECTION",
        "                                --objects LIST (--cron CRON | SCHEDULE FIELDS) [--json]",
        "       ledgerbridge jobs create --file FILE [OPTIONS] [--json]"
      },
      description = {
        "schedule a new job",
        "Schedules a new job and shows it. The API checks every value and names the field at fault."
      },
      footer = {
        JobOptions.SCHEDULE_SYNTAX,
        "%nExample:",
        "  ledgerbridge jobs create --name \"Weekday customers\" --company 9130357766001001 \\",
        "    --direction to-salesforce --objects Customer --minute 30 --hour 6,18 --day-of-week MON-FRI"
      })
  int create(@Mixin JobOptions options) {
    ObjectNode body = JobBody.forCreate(options);
    Session session = cli.session();
    JsonNode job = session.api().post("/api/jobs", body);
    session.print(job, "Created job " + text(job, "id") + ".\n\n" + JobViews.show(job));
    return 0;
  }

  @Command(
      name = "update",
      customSynopsis = {
        "ledgerbridge jobs update ID [--name NAME] [--company REALM_ID] [--direction DIRECTION]",
        "                               [--objects LIST] [--cron CRON | SCHEDULE FIELDS]",
        "                               [--file FILE] [--json]"
      },
      description = {
        "change a job; what you leave out keeps its value",
        "Changes a job and shows it; only the options you give are sent, everything else keeps its value. STATE shows"
            + " CHANGE_PENDING while the change waits for a run in progress.",
        "Schedule fields are merged into the job's current schedule: --hour 4 changes only the hour. --day-of-week"
            + " replaces a day of month and --day-of-month a day of week; --cron replaces the fields, and fields replace"
            + " a cron string. An empty value (--month '') removes that field."
      },
      footer = JobOptions.SCHEDULE_SYNTAX)
  int update(@Parameters(paramLabel = "ID", description = ID_DESCRIPTION) String id, @Mixin JobOptions options) {
    checkId(id);
    // Checked before any call; the current job is fetched only to merge schedule fields into its schedule.
    JobBody.forUpdate(options, MissingNode.getInstance());
    Session session = cli.session();
    JsonNode current = options.changesSchedule() ? session.api().get(path(id)) : MissingNode.getInstance();
    JsonNode job = session.api().put(path(id), JobBody.forUpdate(options, current));
    session.print(job, "Updated job " + text(job, "id") + ".\n\n" + JobViews.show(job));
    return 0;
  }

  @Command(
      name = "pause",
      customSynopsis = "ledgerbridge jobs pause ID [--json]",
      description = {
        "stop running a job on its schedule",
        "Stops running the job on its schedule; the job, its cursors and its run history stay. 'ledgerbridge jobs"
            + " resume ID' schedules it again. A job started outside LedgerBridge's API (EXTERNAL) can be paused too."
      })
  int pause(@Parameters(paramLabel = "ID", description = ID_DESCRIPTION) String id) {
    checkId(id);
    Session session = cli.session();
    JsonNode job = session.api().post(path(id) + "/pause", null);
    session.print(job, "Paused job " + text(job, "id") + "; 'ledgerbridge jobs resume " + text(job, "id")
        + "' schedules it again.\n");
    return 0;
  }

  @Command(
      name = "resume",
      customSynopsis = "ledgerbridge jobs resume ID [--json]",
      description = {
        "run a paused job on its schedule again",
        "Runs a paused job on its schedule again, from its next scheduled time."
      })
  int resume(@Parameters(paramLabel = "ID", description = ID_DESCRIPTION) String id) {
    checkId(id);
    Session session = cli.session();
    JsonNode job = session.api().post(path(id) + "/resume", null);
    List<String> nextRuns = Formats.texts(job, "nextRuns");
    session.print(job, "Resumed job " + text(job, "id")
        + (nextRuns.isEmpty() ? "" : "; next run " + Formats.minute(nextRuns.get(0))) + ".\n");
    return 0;
  }

  @Command(
      name = "run",
      customSynopsis = "ledgerbridge jobs run ID [--wait [--timeout SECONDS]] [--json]",
      description = {
        "run a job once now, outside its schedule",
        "Runs the job once now, outside its schedule, and prints the run's id. With --wait, prints its report once it"
            + " ended and exits 1 if it FAILED or was CANCELLED; on a terminal, shows the run's progress meanwhile."
      })
  int run(@Parameters(paramLabel = "ID", description = ID_DESCRIPTION) String id, @Mixin WaitOptions waiting) {
    checkId(id);
    waiting.requireWaitForTimeout();
    Session session = cli.session();
    JsonNode started = session.api().post(path(id) + "/run", null);
    String runId = text(started, "runId");
    if (!waiting.wait) {
      String inTemporal = text(started, "temporalUrl");
      session.print(started, "Started run " + runId + " of job " + text(started, "jobId")
          + ".\nFollow it with 'ledgerbridge runs show " + runId + "'"
          + (inTemporal == null ? "" : " or in Temporal: " + inTemporal) + ".\n");
      return 0;
    }
    if (!session.json()) {
      session.out().println("Started run " + runId + " of job " + text(started, "jobId") + "; waiting for it to finish.");
      session.out().flush();
    }
    JsonNode report = new RunWaiter(session).await(runId, waiting.timeout);
    session.print(report, "\n" + RunViews.report(report));
    String status = text(report, "status");
    if (UNSUCCESSFUL.contains(status)) {
      String cause = text(report, "cause");
      throw CliException.failed("run " + runId + " " + status + (cause == null ? "" : ": " + cause));
    }
    return 0;
  }

  @Command(
      name = "delete",
      customSynopsis = "ledgerbridge jobs delete ID",
      description = {
        "unschedule and remove a job (its run history stays)",
        "Stops the job's cron workflow and removes the job. Its run reports stay in 'runs list'."
      })
  int delete(@Parameters(paramLabel = "ID", description = ID_DESCRIPTION) String id) {
    checkId(id);
    Session session = cli.session();
    session.api().delete(path(id));
    if (!session.json()) {
      session.out().println("Deleted job " + id + "; its runs stay in 'ledgerbridge runs list --job " + id + "'.");
    }
    return 0;
  }

  /** A blank ID would call the list's URL instead of one job's. */
  private static void checkId(String id) {
    if (id.isBlank()) {
      throw CliException.usage("ID is empty");
    }
  }

  private static String path(String id) {
    return "/api/jobs/" + ApiClient.segment(id);
  }
}
