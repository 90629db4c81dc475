package io.ledgerbridge.worker.cli;

/**
 * Why a command stops: its one-line message for stderr, the exit code, and whether the usage of
 * the command that was running follows the message (wrong arguments, rather than a missing token).
 */
class CliException extends RuntimeException {
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final int exitCode;
  private final boolean showsUsage;

  CliException(int exitCode, String message) {
    this(exitCode, message, false);
  }

  private CliException(int exitCode, String message, boolean showsUsage) {
    super(message);
    this.exitCode = exitCode;
    this.showsUsage = showsUsage;
  }

  /** Wrong arguments: exit 2 with the running command's usage. */
  static CliException usage(String message) {
    return new CliException(USAGE, message, true);
  }

  /** The command could not do its work: exit 1. */
  static CliException failed(String message) {
    return new CliException(FAILED, message);
  }

  int exitCode() {
    return exitCode;
  }

  boolean showsUsage() {
    return showsUsage;
  }
}
