package io.ledgerbridge.worker.cli;

import static io.ledgerbridge.worker.cli.Option.ALL;
import static io.ledgerbridge.worker.cli.Option.COMPANY;
import static io.ledgerbridge.worker.cli.Option.CRON;
import static io.ledgerbridge.worker.cli.Option.DAY_OF_MONTH;
import static io.ledgerbridge.worker.cli.Option.DAY_OF_WEEK;
import static io.ledgerbridge.worker.cli.Option.DIRECTION;
import static io.ledgerbridge.worker.cli.Option.FILE;
import static io.ledgerbridge.worker.cli.Option.HOUR;
import static io.ledgerbridge.worker.cli.Option.JOB;
import static io.ledgerbridge.worker.cli.Option.LIMIT;
import static io.ledgerbridge.worker.cli.Option.MINUTE;
import static io.ledgerbridge.worker.cli.Option.MONTH;
import static io.ledgerbridge.worker.cli.Option.NAME;
import static io.ledgerbridge.worker.cli.Option.OBJECT;
import static io.ledgerbridge.worker.cli.Option.OBJECTS;
import static io.ledgerbridge.worker.cli.Option.REPAIR;
import static io.ledgerbridge.worker.cli.Option.TIMEOUT;
import static io.ledgerbridge.worker.cli.Option.TIME_ZONE;
import static io.ledgerbridge.worker.cli.Option.TYPE;
import static io.ledgerbridge.worker.cli.Option.WAIT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every command with its arguments, the options it takes beyond the common ones, and its help.
 * The first line of the help is the usage shown with a usage error.
 */
enum Command {
  TOP(
      "",
      List.of(),
      Set.of(),
      """
      Usage: ledgerbridge jobs|runs|errors COMMAND [ARGUMENTS] [OPTIONS]
             ledgerbridge status [--company REALM_ID] [OPTIONS]
             ledgerbridge reconcile [--company REALM_ID] [--object NAME] [--repair] [--wait] [OPTIONS]

      Manage LedgerBridge's sync jobs, read their run reports, see what is in sync, deal with the
      records that did not sync and compare both systems record by record, through its REST API.

      Commands:
        jobs list                         every job: schedule, state, next run, last run
        jobs show ID                      one job: definition, cron, next runs, last run
        jobs create OPTIONS               schedule a new job
        jobs update ID OPTIONS            change a job; what you leave out keeps its value
        jobs pause ID                     stop running a job on its schedule
        jobs resume ID                    run a paused job on its schedule again
        jobs run ID [--wait]              run a job once now, outside its schedule
        jobs delete ID                    unschedule and remove a job (its run history stays)
        runs list [--job ID] [--limit N]  run reports, newest first, with per-object counts
        runs show RUN_ID                  one run's report
        errors list [FILTERS]             records that did not sync, the latest first
        errors show ID                    one error: every field, links to the record, history
        errors retry ID|--all [FILTERS]   sync the record (or every match) again now
        errors dismiss ID|--all FILTERS   stop showing the error (or every match)
        status [--company REALM_ID]       per company and object: in sync, errors, last sync
        reconcile [--repair] [--wait]     compare a company's records in QuickBooks and Salesforce

      Options of every command:
        --url URL      LedgerBridge's address; default $LEDGERBRIDGE_URL, else http://localhost:8080
        --token TOKEN  the admin token; default $LEDGERBRIDGE_ADMIN_TOKEN, else the file admin-token
                       in the data directory ($LEDGERBRIDGE_DATA_DIR, else ./data)
        --json         print the API's JSON, pretty-printed, instead of tables
        -h, --help     show help; after a command, that command's help

      Exit status: 0 done; 1 the API refused the request, could not be reached, or the run failed;
      2 wrong usage or no admin token; 3 'reconcile --wait' found records that differ.
      """),
  JOBS(
      "jobs",
      List.of(),
      Set.of(),
      """
      Usage: ledgerbridge jobs list|show|create|update|pause|resume|run|delete [ARGUMENTS] [OPTIONS]

      Commands:
        list                    every job: schedule, state, next run, last run
        show ID                 one job: definition, cron, next runs, last run with its counts
        create OPTIONS          schedule a new job
        update ID OPTIONS       change a job; what you leave out keeps its value
        pause ID                stop running a job on its schedule
        resume ID               run a paused job on its schedule again
        run ID [--wait]         run a job once now, outside its schedule
        delete ID               unschedule and remove a job (its run history stays)

      Every command takes --url, --token, --json and --help; see 'ledgerbridge --help'.
      """),
  JOBS_LIST(
      "jobs list",
      List.of(),
      Set.of(),
      """
      Usage: ledgerbridge jobs list [--json]

      Every job, as Temporal really has it scheduled: ID, NAME, COMPANY, DIRECTION, OBJECTS (in sync
      order), SCHEDULE, STATE, NEXT RUN and LAST RUN. STATE is ACTIVE or PAUSED, then EXTERNAL when
      the job was started outside LedgerBridge's API, CHANGE_PENDING while an update waits for the
      run in progress, UNSCHEDULED when Temporal lacks an active job's cron workflow.
      Times are shown as the API gives them, in each job's time zone or UTC.
      """),
  JOBS_SHOW(
      "jobs show",
      List.of("ID"),
      Set.of(),
      """
      Usage: ledgerbridge jobs show ID [--json]

      A job's definition, its schedule as given, the cron string Temporal runs and its plain-English
      description, the next runs, and the last run with its per-object counts.
      """),
  JOBS_CREATE(
      "jobs create",
      List.of(),
      EnumSet.of(NAME, COMPANY, DIRECTION, OBJECTS, FILE, CRON, MINUTE, HOUR, MONTH, DAY_OF_WEEK,
          DAY_OF_MONTH, TIME_ZONE),
      """
      Usage: ledgerbridge jobs create --name NAME --company REALM_ID --direction DIRECTION
                                      --objects LIST (--cron CRON | SCHEDULE FIELDS) [--json]
             ledgerbridge jobs create --file FILE [OPTIONS] [--json]

      Schedules a new job and shows it. The API checks every value and names the field at fault.
      """
          + Help.JOB_OPTIONS
          + """

      Example:
        ledgerbridge jobs create --name "Weekday customers" --company 9130357766001001 \\
          --direction to-salesforce --objects Customer --minute 30 --hour 6,18 --day-of-week MON-FRI
      """),
  JOBS_UPDATE(
      "jobs update",
      List.of("ID"),
      EnumSet.of(NAME, COMPANY, DIRECTION, OBJECTS, FILE, CRON, MINUTE, HOUR, MONTH, DAY_OF_WEEK,
          DAY_OF_MONTH, TIME_ZONE),
      """
      Usage: ledgerbridge jobs update ID [--name NAME] [--company REALM_ID] [--direction DIRECTION]
                                         [--objects LIST] [--cron CRON | SCHEDULE FIELDS]
                                         [--file FILE] [--json]

      Changes a job and shows it; only the options you give are sent, everything else keeps its
      value. STATE shows CHANGE_PENDING while the change waits for a run in progress.

      Schedule fields are merged into the job's current schedule: --hour 4 changes only the hour.
      --day-of-week replaces a day of month and --day-of-month a day of week; --cron replaces the
      fields, and fields replace a cron string. An empty value (--month '') removes that field.
      """
          + Help.JOB_OPTIONS),
  JOBS_PAUSE(
      "jobs pause",
      List.of("ID"),
      Set.of(),
      """
      Usage: ledgerbridge jobs pause ID [--json]

      Stops running the job on its schedule; the job, its cursors and its run history stay.
      'ledgerbridge jobs resume ID' schedules it again. A job started outside LedgerBridge's API
      (EXTERNAL) can be paused too.
      """),
  JOBS_RESUME(
      "jobs resume",
      List.of("ID"),
      Set.of(),
      """
      Usage: ledgerbridge jobs resume ID [--json]

      Runs a paused job on its schedule again, from its next scheduled time.
      """),
  JOBS_RUN(
      "jobs run",
      List.of("ID"),
      EnumSet.of(WAIT, TIMEOUT),
      """
      Usage: ledgerbridge jobs run ID [--wait [--timeout SECONDS]] [--json]

      Runs the job once now, outside its schedule, and prints the run's id.

        --wait             wait for the run to finish, then print its report; exits 1 if it FAILED
                           or was CANCELLED. On a terminal, shows the run's progress meanwhile.
        --timeout SECONDS  with --wait, give up waiting after this long (exit 1; the run goes on)
      """),
  JOBS_DELETE(
      "jobs delete",
      List.of("ID"),
      Set.of(),
      """
      Usage: ledgerbridge jobs delete ID

      Stops the job's cron workflow and removes the job. Its run reports stay in 'runs list'.
      """),
  RUNS(
      "runs",
      List.of(),
      Set.of(),
      """
      Usage: ledgerbridge runs list|show [ARGUMENTS] [OPTIONS]

      Commands:
        list [--job ID] [--limit N]   run reports, newest first, with per-object counts
        show RUN_ID                   one run's report

      Every command takes --url, --token, --json and --help; see 'ledgerbridge --help'.
      """),
  RUNS_LIST(
      "runs list",
      List.of(),
      EnumSet.of(JOB, LIMIT),
      """
      Usage: ledgerbridge runs list [--job ID] [--limit N] [--json]

      Run reports, newest first: RUN ID (its first 8 characters; 'runs show' accepts them),
      JOB, STATUS, STARTED, DURATION and per object its counts, e.g. Customer 60r/60c/0u/0=/0d/0f:
      read, created, updated, unchanged (=), deferred, failed.

        --job ID     only this job's runs
        --limit N    at most N runs, 1 to 500; default 50
      """),
  RUNS_SHOW(
      "runs show",
      List.of("RUN_ID"),
      Set.of(),
      """
      Usage: ledgerbridge runs show RUN_ID [--json]

      One run's report: status, cause, times and per object its status, counts and error.
      RUN_ID may be the short id 'runs list' shows.
      """),
  ERRORS(
      "errors",
      List.of(),
      Set.of(),
      """
      Usage: ledgerbridge errors list|show|retry|dismiss [ARGUMENTS] [OPTIONS]

      The records that did not sync, each with its latest error (older ones are its history). An
      error closes by itself when a later sync of its record succeeds.

      Commands:
        list [FILTERS]           each record's latest error, the open ones unless --status says
        show ID                  one error: every field, links to the record, its history
        retry ID                 sync the error's record again now
        retry --all [FILTERS]    sync again the record of every open error the filters match
        dismiss ID               stop showing an error
        dismiss --all FILTERS    dismiss every open error the filters match
      """
          + Help.ERROR_FILTERS
          + """

      Every command takes --url, --token, --json and --help; see 'ledgerbridge --help'.
      """),
  ERRORS_LIST(
      "errors list",
      List.of(),
      EnumSet.of(COMPANY, OBJECT, DIRECTION, TYPE, JOB, Option.STATUS, LIMIT),
      """
      Usage: ledgerbridge errors list [FILTERS] [--status STATUS] [--limit N] [--json]

      The records that did not sync, the latest error first: ID ('errors show' takes it), COMPANY,
      OBJECT, DIRECTION, SOURCE ID (the record's id in the system it came from, or "whole object"
      when the object's run failed as a whole), TYPE, ATTEMPTS, LAST SEEN and MESSAGE, cut to fit
      the terminal's width ($COLUMNS, else 80); 'errors show ID' and --json give all of it.

        --status STATUS          OPEN (the default), RESOLVED, DISMISSED or ANY
        --limit N                at most N errors, 1 to 500; default 50
      """
          + Help.ERROR_FILTERS),
  ERRORS_SHOW(
      "errors show",
      List.of("ID"),
      Set.of(),
      """
      Usage: ledgerbridge errors show ID [--json]

      One error: its record, type, the remote system's code and message, attempts, when it was first
      and last seen, its job and run, links to the record in QuickBooks and Salesforce (when they
      have web pages), its last retry with that workflow's state, and the record's older errors.
      """),
  ERRORS_RETRY(
      "errors retry",
      List.of("ID"),
      EnumSet.of(ALL, COMPANY, OBJECT, DIRECTION, TYPE, JOB),
      """
      Usage: ledgerbridge errors retry ID [--json]
             ledgerbridge errors retry --all [FILTERS] [--json]

      Syncs the error's record again now, through Temporal, and prints the workflows started. The
      error closes when that sync succeeds; 'errors show ID' shows how the retry went.

        --all                    retry every open error the filters match (without filters, every
                                 open error), at most 1000 at once; the rest stay open
      """
          + Help.ERROR_FILTERS),
  ERRORS_DISMISS(
      "errors dismiss",
      List.of("ID"),
      EnumSet.of(ALL, COMPANY, OBJECT, DIRECTION, TYPE, JOB),
      """
      Usage: ledgerbridge errors dismiss ID [--json]
             ledgerbridge errors dismiss --all FILTERS [--json]

      Stops showing an open error: it leaves 'errors list' and the status counts, and stays listed
      under --status DISMISSED. A later failure of the same record opens a new error.

        --all                    dismiss every open error the filters match; at least one filter
                                 is needed, as dismissing every error at once is refused
      """
          + Help.ERROR_FILTERS),
  STATUS(
      "status",
      List.of(),
      EnumSet.of(COMPANY),
      """
      Usage: ledgerbridge status [--company REALM_ID] [--json]

      What is in sync: the totals, then per company and per object and direction its STATE (OK,
      ERRORS, FAILING when its last run failed as a whole, NEVER_SYNCED), records IN SYNC of those
      known on both sides, OPEN ERRORS, DEFERRED records waiting for their parent, the LAST
      SUCCESSFUL SYNC and the LAST RUN; then the real-time notifications this instance received
      since it started, per sending system.

        --company REALM_ID       only this QuickBooks company
      """),
  RECONCILE(
      "reconcile",
      List.of(),
      EnumSet.of(COMPANY, OBJECT, REPAIR, WAIT, TIMEOUT),
      """
      Usage: ledgerbridge reconcile [--company REALM_ID] [--object NAME] [--repair]
                                    [--wait [--timeout SECONDS]] [--json]

      Compares a company's records in QuickBooks and Salesforce, object by object, in bulk reads,
      with the record links between them: LINKED and EQUAL, linked but DIFFERENT (which fields),
      ONLY IN QUICKBOOKS, ONLY IN SALESFORCE, DANGLING links to records that no longer exist, and
      OPEN ERRORS (not in step, but listed already in 'errors list'). Only what the company's
      active jobs sync, in their directions, is compared. Prints the reconciliation's id.

        --company REALM_ID  the company; may be left out while exactly one is connected
        --object NAME       compare only this object (Customer, Item, Invoice or Payment)
        --repair            hand what differs to the per-record sync, to be synced again the way
                            the company's jobs sync it; the next reconciliation shows the result
        --wait              wait for the reconciliation to end, then print a table per object
        --timeout SECONDS   with --wait, give up waiting after this long (exit 1; it goes on)

      Exit status with --wait: 0 nothing differs; 3 some records differ; 1 an object could not be
      compared, or the API refused the request (409 while another reconciliation of the company
      runs). Without --wait: 0 once started.
      """);

  /** The options every command takes. */
  static final Set<Option> COMMON = EnumSet.of(Option.URL, Option.TOKEN, Option.JSON, Option.HELP);

  private final String path;
  private final List<String> arguments;
  private final Set<Option> options;
  private final String help;

  Command(String path, List<String> arguments, Set<Option> options, String help) {
    this.path = path;
    this.arguments = arguments;
    this.options = options;
    this.help = help;
  }

  /** The command named by the first words, e.g. "jobs" and "show". */
  static Optional<Command> byPath(String path) {
    return Arrays.stream(values()).filter(command -> command.path.equals(path)).findFirst();
  }

  /** As typed after {@code ledgerbridge}, e.g. "jobs show"; empty for the top level. */
  String path() {
    return path;
  }

  /** What this command is called in messages: {@code ledgerbridge jobs show}. */
  String displayName() {
    return path.isEmpty() ? "ledgerbridge" : "ledgerbridge " + path;
  }

  /** The names of its positional arguments, e.g. ID. */
  List<String> arguments() {
    return arguments;
  }

  /** Whether it runs something, rather than grouping commands (jobs, runs, errors) or the top level. */
  boolean isLeaf() {
    return !path.isEmpty() && !isGroup();
  }

  /** Whether it names commands under it, like jobs. */
  boolean isGroup() {
    return Arrays.stream(values()).anyMatch(command -> command.path.startsWith(path + " "));
  }

  /** How many words name it: 2 for "jobs show", 1 for "status". */
  int depth() {
    return path.isEmpty() ? 0 : path.split(" ").length;
  }

  boolean accepts(Option option) {
    return COMMON.contains(option) || options.contains(option);
  }

  String help() {
    return help;
  }

  /** The usage lines at the top of the help, shown with a usage error. */
  String usage() {
    StringBuilder usage = new StringBuilder();
    for (String line : help.split("\n")) {
      if (line.isBlank()) {
        break;
      }
      usage.append(line).append('\n');
    }
    return usage.toString();
  }
}
