package io.ledgerbridge.worker.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ledgerbridge jobs|runs|errors ...}, {@code ledgerbridge status} and {@code ledgerbridge reconcile}: LedgerBridge's REST
 * API from a shell, as aligned tables or, with {@code --json}, the API's JSON. Plain Java and
 * Jackson, so it starts at once and never boots the server.
 */
public final class LedgerBridgeCli {
  private static final List<String> FIRST_WORDS = List.of("jobs", "runs", "errors", "status", "reconcile");

  private LedgerBridgeCli() {}

  /** Whether the first argument names a CLI command (jobs, runs, errors, status, reconcile), rather than starting the server. */
  public static boolean isCliCommand(String[] args) {
    return args != null && args.length > 0 && FIRST_WORDS.contains(args[0]);
  }

  /** Runs a command; returns the process exit code. env is System.getenv() in production. */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    Arguments arguments = Arguments.parse(args == null ? new String[0] : args);
    Command command = Command.TOP;
    try {
      Resolved resolved = resolve(arguments);
      command = resolved.command();
      if (arguments.has(Option.HELP) || resolved.asksForHelp()) {
        out.print(command.help());
        return 0;
      }
      resolved.problem().ifPresent(problem -> {
        throw CliException.usage(resolved.command(), problem);
      });
      List<String> values = arguments.words().subList(command.depth(), arguments.words().size());
      validate(command, arguments, values);
      Connection connection = Connection.resolve(arguments, env, command);
      boolean terminal = err == System.err && Terminal.stderrIsTerminal(env);
      Session session =
          new Session(new ApiClient(connection), out, err, arguments.has(Option.JSON), terminal, Terminal.columns(env));
      return execute(command, arguments, values, session);
    } catch (CliException e) {
      report(err, e);
      return e.exitCode();
    } catch (RuntimeException unexpected) {
      err.println(Terminal.oneLine("ledgerbridge: unexpected error in '" + command.displayName() + "': " + unexpected));
      return CliException.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int execute(Command command, Arguments arguments, List<String> values, Session session) {
    JobsCommands jobs = new JobsCommands(session);
    RunsCommands runs = new RunsCommands(session);
    ErrorsCommands errors = new ErrorsCommands(session);
    return switch (command) {
      case JOBS_LIST -> jobs.list();
      case JOBS_SHOW -> jobs.show(values.get(0));
      case JOBS_CREATE -> jobs.create(arguments);
      case JOBS_UPDATE -> jobs.update(values.get(0), arguments);
      case JOBS_PAUSE -> jobs.pause(values.get(0));
      case JOBS_RESUME -> jobs.resume(values.get(0));
      case JOBS_RUN -> jobs.run(values.get(0), arguments);
      case JOBS_DELETE -> jobs.delete(values.get(0));
      case RUNS_LIST -> runs.list(arguments);
      case RUNS_SHOW -> runs.show(values.get(0));
      case ERRORS_LIST -> errors.list(arguments);
      case ERRORS_SHOW -> errors.show(values.get(0));
      case ERRORS_RETRY -> arguments.has(Option.ALL) ? errors.retryMatching(arguments) : errors.retry(values.get(0));
      case ERRORS_DISMISS -> arguments.has(Option.ALL) ? errors.dismissMatching(arguments) : errors.dismiss(values.get(0));
      case STATUS -> new StatusCommand(session).show(arguments);
      case RECONCILE -> new ReconcileCommand(session).run(arguments);
      case TOP, JOBS, RUNS, ERRORS -> throw new IllegalStateException(command + " is not runnable");
    };
  }

  /** The command the words name, and the first thing wrong with the command line, if any. */
  private record Resolved(Command command, Optional<String> problem, boolean asksForHelp) {
    Resolved(Command command, Optional<String> problem) {
      this(command, problem, false);
    }
  }

  private static Resolved resolve(Arguments arguments) {
    List<String> words = arguments.words();
    if (words.isEmpty()) {
      return new Resolved(Command.TOP,
          Optional.of(arguments.problem().orElse("name a command: jobs, runs, errors, status or reconcile")));
    }
    String first = words.get(0);
    if (first.equals("help")) {
      return new Resolved(Command.TOP, Optional.empty(), true);
    }
    if (!FIRST_WORDS.contains(first)) {
      return new Resolved(
          Command.TOP, Optional.of("unknown command '" + first + "'; the commands are jobs, runs, errors, status and reconcile"));
    }
    Command command = Command.byPath(first).orElseThrow();
    if (command.isGroup()) {
      if (words.size() == 1) {
        return new Resolved(command, Optional.of("name a " + first + " command"));
      }
      if (words.get(1).equals("help")) {
        return new Resolved(command, Optional.empty(), true);
      }
      Optional<Command> leaf = Command.byPath(first + " " + words.get(1));
      if (leaf.isEmpty()) {
        return new Resolved(command, Optional.of("unknown " + first + " command '" + words.get(1) + "'"));
      }
      command = leaf.get();
    }
    if (arguments.problem().isPresent()) {
      return new Resolved(command, arguments.problem());
    }
    for (Option option : arguments.options().keySet()) {
      if (!command.accepts(option)) {
        return new Resolved(command, Optional.of(option.flag() + " is not an option of '" + command.path() + "'"));
      }
    }
    int given = words.size() - command.depth();
    // --all stands in for the ID: the command acts on every error its filters match.
    boolean all = arguments.has(Option.ALL);
    List<String> expected = all ? List.of() : command.arguments();
    if (all && given > 0) {
      return new Resolved(command, Optional.of("give " + command.arguments().get(0) + " or --all, not both"));
    }
    if (given < expected.size()) {
      String orAll = command.accepts(Option.ALL) ? ", or --all with filters" : "";
      return new Resolved(command, Optional.of("missing " + expected.get(given) + orAll));
    }
    if (given > expected.size()) {
      return new Resolved(command, Optional.of("unexpected argument '" + words.get(command.depth() + expected.size()) + "'"));
    }
    return new Resolved(command, Optional.empty());
  }

  /** Usage errors in option values, found before any token is looked for or call made. */
  private static void validate(Command command, Arguments arguments, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).isBlank()) {
        throw CliException.usage(command, command.arguments().get(i) + " is empty");
      }
    }
    switch (command) {
      case JOBS_RUN, RECONCILE -> arguments.value(Option.TIMEOUT).ifPresent(timeout -> {
        JobsCommands.seconds(timeout, command);
        if (!arguments.has(Option.WAIT)) {
          throw CliException.usage(command, "--timeout goes with --wait");
        }
      });
      case RUNS_LIST -> arguments.wholeNumber(Option.LIMIT, command);
      case ERRORS_LIST -> {
        ErrorsCommands.filters(arguments, command);
        ErrorsCommands.limit(arguments);
      }
      case ERRORS_SHOW -> ErrorsCommands.errorId(command, values.get(0));
      case ERRORS_RETRY, ERRORS_DISMISS -> {
        if (arguments.has(Option.ALL)) {
          ErrorsCommands.selection(arguments, command);
        } else {
          ErrorsCommands.errorId(command, values.get(0));
          ErrorsCommands.requireNoFilters(arguments, command);
        }
      }
      default -> {
        // The parser has checked everything else these commands take.
      }
    }
  }

  private static void report(PrintStream err, CliException e) {
    Command usageOf = e.usageOf();
    if (usageOf == null) {
      err.println("ledgerbridge: " + Terminal.oneLine(e.getMessage()));
      return;
    }
    err.println(usageOf.displayName() + ": " + Terminal.oneLine(e.getMessage()));
    err.print(usageOf.usage());
    err.println("Run '" + usageOf.displayName() + " --help' for more.");
  }
}
