package io.ledgerbridge.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process with its output in a log file. Every process still running when the test JVM exits is
 * killed, so a failed or interrupted suite leaves nothing behind.
 */
final class ManagedProcess implements AutoCloseable {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
        "resilience-process-cleanup"));
  }

  private final Process process;
  private final Path log;

  private ManagedProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the command with the given environment on top of this JVM's, minus any LedgerBridge, Temporal or
   * Spring settings a developer's shell may hold: a child gets exactly the configuration the suite gives it.
   */
  static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(key -> key.startsWith("LEDGERBRIDGE_") || key.startsWith("TEMPORAL_")
        || key.startsWith("SPRING_"));
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      RUNNING.add(process);
      return new ManagedProcess(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, as {@code kill -9 <pid>}: no shutdown hook, no graceful stop, nothing flushed. */
  void kill9() {
    process.destroyForcibly();
    awaitExit(30);
  }

  /** Everything the process wrote so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** A graceful stop (SIGTERM), forced after 30 s. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      if (!awaitExit(30)) {
        kill9();
      }
    }
    RUNNING.remove(process);
  }

  private boolean awaitExit(int seconds) {
    try {
      boolean exited = process.waitFor(seconds, TimeUnit.SECONDS);
      if (exited) {
        RUNNING.remove(process);
      }
      return exited;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
