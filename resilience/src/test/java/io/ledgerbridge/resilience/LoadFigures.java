package io.ledgerbridge.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the load scenario saw, gathered from many threads at once: per kind of call, the answers' statuses and
 * latencies; per change a notification named, whether it arrived in the other system and how long after its
 * acknowledgement. Answers a kind does not expect (every 5xx among them) and changes that never arrived are the
 * failures; latencies are figures only.
 */
final class LoadFigures {
  private static final int EXAMPLES = 8;

  private final Map<String, Calls> calls = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> arrivalMillis = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> dropped = new ConcurrentLinkedQueue<>();
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicInteger ignored = new AtomicInteger();

  private static final class Calls {
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final AtomicInteger unanswered = new AtomicInteger();
    final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
  }

  /** An answer; outside {@code expected} it is a failure, described with its body. */
  void answered(String kind, Http.Reply reply, Duration took, Set<Integer> expected) {
    Calls of = calls.computeIfAbsent(kind, k -> new Calls());
    of.statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
    of.micros.add(took.toNanos() / 1000);
    if (!expected.contains(reply.status())) {
      failures.add(kind + " answered " + reply.status() + ": " + reply.abbreviated());
    }
  }

  /** No answer at all: the connection was refused, reset or timed out. */
  void unanswered(String kind, String why) {
    calls.computeIfAbsent(kind, k -> new Calls()).unanswered.incrementAndGet();
    failures.add(kind + " got no answer at " + Instant.now() + ": " + why);
  }

  /** A notification LedgerBridge acknowledged; {@code ignoredLines} of its answer say what it will not sync. */
  void acknowledged(int ignoredLines) {
    acknowledged.incrementAndGet();
    ignored.addAndGet(ignoredLines);
  }

  void arrived(Duration afterAcknowledgement) {
    arrivalMillis.add(afterAcknowledgement.toMillis());
  }

  void dropped(String change) {
    dropped.add(change);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  List<String> droppedChanges() {
    return List.copyOf(dropped);
  }

  String block(String scenario, Duration took, List<String> notes) {
    StringBuilder out = new StringBuilder();
    int all = calls.values().stream().mapToInt(c -> c.micros.size() + c.unanswered.get()).sum();
    long serverErrors = calls.values().stream().flatMap(c -> c.statuses.entrySet().stream())
        .filter(e -> e.getKey() >= 500).mapToLong(e -> e.getValue().get()).sum();
    out.append("\n==== resilience: ").append(scenario).append(" ====\n");
    out.append(String.format("requests %d in %.1f s | 5xx %d | unexpected answers %d | notifications acknowledged %d"
            + " (ignored lines %d) | changes arrived %d | dropped %d%n",
        all, took.toMillis() / 1000.0, serverErrors, failures.size(), acknowledged.get(), ignored.get(),
        arrivalMillis.size(), dropped.size()));
    new TreeMap<>(calls).forEach((kind, of) -> {
      List<Long> sorted = sorted(of.micros);
      out.append(String.format("  %-44s %6d | %-22s | p50 %s  p95 %s  p99 %s%n", kind, sorted.size() + of.unanswered.get(),
          statuses(of), millis(percentile(sorted, 50)), millis(percentile(sorted, 95)), millis(percentile(sorted, 99))));
    });
    List<Long> arrivals = sorted(arrivalMillis);
    out.append(String.format("  %-44s %6d | %-22s | p50 %s  p95 %s  p99 %s%n", "change arrived after its acknowledgement",
        arrivals.size(), "", seconds(percentile(arrivals, 50)), seconds(percentile(arrivals, 95)),
        seconds(percentile(arrivals, 99))));
    examples(out, "unexpected", List.copyOf(failures));
    examples(out, "dropped", List.copyOf(dropped));
    notes.forEach(note -> out.append("  ").append(note).append('\n'));
    return out.toString();
  }

  private static String statuses(Calls of) {
    List<String> counts = new ArrayList<>();
    new TreeMap<>(of.statuses).forEach((status, count) -> counts.add(status + "×" + count.get()));
    if (of.unanswered.get() > 0) {
      counts.add("none×" + of.unanswered.get());
    }
    return String.join(" ", counts);
  }

  private static List<Long> sorted(ConcurrentLinkedQueue<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted;
  }

  /** Nearest rank; -1 when there is nothing to rank. */
  private static long percentile(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static String millis(long micros) {
    return micros < 0 ? "-" : String.format("%.1f ms", micros / 1000.0);
  }

  private static String seconds(long millis) {
    return millis < 0 ? "-" : String.format("%.2f s", millis / 1000.0);
  }

  private static void examples(StringBuilder out, String label, List<String> items) {
    items.stream().limit(EXAMPLES).forEach(item -> out.append("  ").append(label).append(": ").append(item).append('\n'));
    if (items.size() > EXAMPLES) {
      out.append("  ... and ").append(items.size() - EXAMPLES).append(" more ").append(label).append('\n');
    }
  }
}
