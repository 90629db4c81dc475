package io.ledgerbridge.worker.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ledgerbridge jobs|runs|errors|tokens|people ...}, {@code ledgerbridge status}, {@code ledgerbridge reconcile} and {@code ledgerbridge audit}: LedgerBridge's REST
 * API from a shell, as aligned tables or, with {@code --json}, the API's JSON. Plain Java, Jackson and picocli, so it
 * starts at once and never boots the server.
 */
@Command(
    name = "ledgerbridge",
    customSynopsis = {
      "ledgerbridge jobs|runs|errors COMMAND [ARGUMENTS] [OPTIONS]",
      "       ledgerbridge status [--company REALM_ID] [OPTIONS]",
      "       ledgerbridge reconcile [--company REALM_ID] [--object NAME] [--repair] [--wait] [OPTIONS]",
      "       ledgerbridge audit [--action ACTION] [--since WHEN] [--limit N] [OPTIONS]",
      "       ledgerbridge connections [disconnect quickbooks REALM_ID] [OPTIONS]",
      "       ledgerbridge tokens|people COMMAND [ARGUMENTS] [OPTIONS]",
      "       ledgerbridge help COMMAND...",
      "       ledgerbridge completion bash"
    },
    description = {
      "Manage LedgerBridge's sync jobs, read their run reports, see what is in sync, deal with the records that did not"
          + " sync, compare both systems record by record, read who changed what, see and cut the connections to"
          + " QuickBooks and Salesforce, and manage API tokens and people's accounts, through its REST API."
    },
    subcommands = {
      JobsCommands.class,
      RunsCommands.class,
      ErrorsCommands.class,
      StatusCommand.class,
      ReconcileCommand.class,
      AuditCommand.class,
      ConnectionsCommands.class,
      TokensCommands.class,
      PeopleCommands.class,
      CompletionCommand.class,
      HelpCommand.class
    },
    optionListHeading = "%nOptions of every command:%n",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:done",
      "1:the API refused the request, could not be reached, or the run failed",
      "2:wrong usage or no token",
      "3:'reconcile --wait' found records that differ"
    })
public final class LedgerBridgeCli implements Runnable {
  // The options every command takes, wherever they stand: 'ledgerbridge --json jobs list' and
  // 'ledgerbridge jobs list --json' mean the same. Inherited options set these fields.
  @Option(
      names = "--url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "where LedgerBridge runs: $" + Connection.URL_VARIABLE + ", else " + Connection.DEFAULT_URL)
  String url;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      scope = ScopeType.INHERIT,
      description = "an API token or the admin token: $" + Connection.TOKEN_VARIABLE + ", else the file " + Connection.TOKEN_FILE + " in $"
          + Connection.DATA_DIR_VARIABLE + " (default " + Connection.DEFAULT_DATA_DIR + ")")
  String token;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the API's JSON, pretty-printed, instead of tables")
  boolean json;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "show help; after a command, that command's help")
  boolean helpRequested;

  @Spec CommandSpec spec;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  private LedgerBridgeCli(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  /** Whether the first argument names a CLI command (jobs, runs, ...), rather than starting the server. */
  public static boolean isCliCommand(String[] args) {
    return args != null && args.length > 0 && commandNames().contains(args[0]);
  }

  /** The names of the commands, read from the annotations so the server's start needs no parser built. */
  private static Set<String> commandNames() {
    return Arrays.stream(LedgerBridgeCli.class.getAnnotation(Command.class).subcommands())
        .map(command -> command.getAnnotation(Command.class).name())
        .collect(Collectors.toSet());
  }

  /** The commands' names, for completing 'help COMMAND'. */
  static final class CommandNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return commandNames().stream().sorted().iterator();
    }
  }

  /** Runs a command; returns the process exit code. env is System.getenv() in production. */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    try {
      return commandLine(out, err, env).execute(args == null ? new String[0] : args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The command tree, its help and its answers to bad arguments and failures; tests walk it too. */
  static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env) {
    LedgerBridgeCli top = new LedgerBridgeCli(out, err, env);
    CommandLine cli = new CommandLine(top);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setUsageHelpWidth(helpWidth(env));
    layOut(cli);
    cli.setResourceBundle(new CatalogHelp());
    cli.setParameterExceptionHandler((invalid, args) -> top.invalidArguments(invalid));
    cli.setExecutionExceptionHandler(top::commandFailed);
    commandsBeforeOptions(cli);
    ErrorsCommands.addFiltersSection(cli.getSubcommands().get("errors"));
    return cli;
  }

  /** picocli's narrowest help; narrower terminals wrap. */
  private static final int MIN_HELP_WIDTH = 55;
  /** Wide enough for the usage lines, when the terminal's width is not known. */
  private static final int DEFAULT_HELP_WIDTH = 100;

  private static int helpWidth(Map<String, String> env) {
    return env.containsKey("COLUMNS") ? Math.max(MIN_HELP_WIDTH, Terminal.columns(env)) : DEFAULT_HELP_WIDTH;
  }

  /**
   * Every command's help reads the same way: options in the order they are declared (the job's
   * fields, then its schedule, then the common options), headings set off by blank lines, and the
   * first line of a description (the summary command lists show) set off from the details.
   */
  private static void layOut(CommandLine command) {
    UsageMessageSpec usage = command.getCommandSpec().usageMessage();
    usage.sortOptions(false);
    usage.descriptionHeading("%n");
    usage.optionListHeading(usage.optionListHeading().isEmpty() ? "%nOptions:%n" : usage.optionListHeading());
    usage.parameterListHeading("%nArguments:%n");
    usage.commandListHeading("%nCommands:%n");
    command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CommandTree::render);
    String[] description = usage.description();
    if (description.length > 1) {
      List<String> separated = new ArrayList<>(Arrays.asList(description));
      separated.add(1, "");
      usage.description(separated.toArray(String[]::new));
    }
    command.getSubcommands().values().forEach(LedgerBridgeCli::layOut);
  }

  /** The top level's help is mostly its list of commands: it comes first, the common options after it. */
  private static void commandsBeforeOptions(CommandLine top) {
    List<String> sections = new ArrayList<>(top.getHelpSectionKeys());
    List<String> commands = List.of(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, UsageMessageSpec.SECTION_KEY_COMMAND_LIST);
    sections.removeAll(commands);
    sections.addAll(sections.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING), commands);
    top.setHelpSectionKeys(sections);
  }

  /** 'ledgerbridge' alone names no command. */
  @Override
  public void run() {
    throw CliException.usage("name a command: " + CommandTree.names(spec.commandLine(), "or"));
  }

  /** The API client and output settings for a command that talks to LedgerBridge; checks --url and the token first. */
  Session session() {
    Connection connection = Connection.resolve(url, token, env);
    boolean terminal = err == System.err && Terminal.stderrIsTerminal(env);
    return new Session(new ApiClient(connection), out, err, json, terminal, Terminal.columns(env));
  }

  PrintStream out() {
    return out;
  }

  /** Wrong arguments, found by the parser or by a command before it calls anything: exit 2, nothing done. */
  private int invalidArguments(ParameterException invalid) {
    reportUsageError(invalid.getCommandLine(), UsageErrors.describe(invalid));
    return CliException.USAGE;
  }

  private int commandFailed(Exception failure, CommandLine command, ParseResult parsed) {
    if (failure instanceof CliException stopped) {
      if (stopped.showsUsage()) {
        reportUsageError(command, stopped.getMessage());
      } else {
        err.println("ledgerbridge: " + Terminal.oneLine(stopped.getMessage()));
      }
      return stopped.exitCode();
    }
    err.println(Terminal.oneLine(
        "ledgerbridge: unexpected error in '" + command.getCommandSpec().qualifiedName() + "': " + failure));
    return CliException.FAILED;
  }

  /** The message, then the command's usage lines and where its help is. */
  private void reportUsageError(CommandLine command, String message) {
    String name = command.getCommandSpec().qualifiedName();
    CommandLine.Help help = command.getHelp();
    err.println(name + ": " + Terminal.oneLine(message));
    err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
    err.println("Run '" + name + " --help' for more.");
  }
}
