package io.ledgerbridge.worker.cli;

/**
 * Why a command stops: its one-line message for stderr, the exit code, and for usage errors the
 * command whose usage to show.
 */
class CliException extends RuntimeException {
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final int exitCode;
  private final transient Command usageOf;

  CliException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  private CliException(int exitCode, String message, Command usageOf) {
    super(message);
    this.exitCode = exitCode;
    this.usageOf = usageOf;
  }

  /** Wrong arguments: exit 2 with the command's usage. */
  static CliException usage(Command command, String message) {
    return new CliException(USAGE, message, command);
  }

  /** The command could not do its work: exit 1. */
  static CliException failed(String message) {
    return new CliException(FAILED, message);
  }

  int exitCode() {
    return exitCode;
  }

  /** The command whose usage follows the message, or null. */
  Command usageOf() {
    return usageOf;
  }
}
