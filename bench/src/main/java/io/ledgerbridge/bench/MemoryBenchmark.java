package io.ledgerbridge.bench;

import io.ledgerbridge.sandbox.SandboxMain;
import io.ledgerbridge.workflows.catalog.SyncObject;
import io.ledgerbridge.workflows.sync.ObjectSyncResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * LedgerBridge's own heap over a QuickBooks-to-Salesforce first sync of many customers, with the
 * sandbox in a process of its own so that its records are not counted as ours. This process runs with
 * a small heap ({@code -Xmx512m} in the bench profile); a sampler forces a collection every few seconds
 * and records what stays live, so the figures show whether memory grows with the records synced.
 *
 * <p>Run: {@code mvn -B -Pbench -pl bench -am verify -DskipTests -Dbench.memory.customers=1000000}.
 */
public final class MemoryBenchmark {
  private static final double MB = 1024.0 * 1024.0;
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private MemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int customers = Integer.parseInt(args[0]);
    String sandboxHeap = args[1];
    int qboPort = freePort();
    int sfPort = freePort();
    Process sandbox = startSandbox(customers, qboPort, sfPort, sandboxHeap);
    int exit = 1;
    try {
      exit = run(customers, "http://127.0.0.1:" + qboPort, "http://127.0.0.1:" + sfPort);
    } finally {
      sandbox.destroy();
      sandbox.waitFor(30, TimeUnit.SECONDS);
    }
    System.out.flush();
    System.exit(exit); // Temporal's test environment leaves threads that must not keep the JVM alive
  }

  private static int run(int customers, String qboUrl, String sfUrl) throws InterruptedException {
    System.out.printf(Locale.ROOT, "%n=== Memory: a first sync of %,d customers, QuickBooks -> Salesforce, the sandbox in"
        + " another process; this one's max heap %.0f MB ===%n", customers, Runtime.getRuntime().maxMemory() / MB);
    try (BenchEnvironment env = new BenchEnvironment(qboUrl, sfUrl)) {
      long before = liveHeap();
      List<long[]> samples = new ArrayList<>();
      long start = System.nanoTime();
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException stop) {
            return;
          }
          synchronized (samples) {
            samples.add(new long[] {System.nanoTime() - start, liveHeap()});
          }
        }
      }, "bench-live-heap");
      sampler.setDaemon(true);
      sampler.start();
      ObjectSyncResult result = env.sync(SyncObject.CUSTOMER);
      double seconds = (System.nanoTime() - start) / 1e9;
      sampler.interrupt();
      sampler.join();
      long after = liveHeap();
      long peakLive;
      synchronized (samples) {
        peakLive = samples.stream().mapToLong(sample -> sample[1]).max().orElse(after);
      }
      int accounts = env.count("SELECT COUNT() FROM Account WHERE QBO_Id__c != null");
      System.out.printf(Locale.ROOT, "synced %,d of %,d customers in %.0f s (%,.0f records/s); %,d linked Accounts%n",
          result.counts().created(), customers, seconds, result.counts().created() / seconds, accounts);
      System.out.printf(Locale.ROOT, "live heap after GC: %.1f MB before, %.1f MB at most while syncing (sampled every 5 s),"
          + " %.1f MB after%n", before / MB, peakLive / MB, after / MB);
      System.out.printf(Locale.ROOT, "retained per 1,000 records: %.3f MB (after - before); largest live heap / max heap:"
          + " %.2f%n", (after - before) / MB * 1000.0 / customers, peakLive / (double) Runtime.getRuntime().maxMemory());
      synchronized (samples) {
        int step = Math.max(1, samples.size() / 8);
        StringBuilder series = new StringBuilder("live heap over the run (s: MB):");
        for (int i = 0; i < samples.size(); i += step) {
          series.append(String.format(Locale.ROOT, " %.0f: %.1f", samples.get(i)[0] / 1e9, samples.get(i)[1] / MB));
        }
        System.out.println(series);
      }
      boolean complete = result.counts().created() == customers && accounts == customers
          && result.counts().failed() == 0 && result.counts().deferred() == 0;
      if (!complete) {
        System.out.println("CORRECTNESS FAILURE: " + result);
        return 1;
      }
      System.out.println("All correctness invariants held.");
      return 0;
    }
  }

  /** Heap in use after a full collection: what the sync keeps alive. */
  private static long liveHeap() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private static Process startSandbox(int customers, int qboPort, int sfPort, String heap) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
        SandboxMain.class.getName(), "--qbo-port", String.valueOf(qboPort), "--sf-port", String.valueOf(sfPort),
        "--customers", String.valueOf(customers), "--qbo-throttle", "off", "--host", "127.0.0.1")
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("LedgerBridge sandbox running")) {
        Thread drain = new Thread(() -> {
          try {
            out.lines().forEach(ignored -> { });
          } catch (UncheckedIOException stopped) {
            // the sandbox process ended, as it does when the benchmark is done
          }
        }, "sandbox-output");
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    throw new UncheckedIOException(new IOException("the sandbox process ended before it was running (exit "
        + process.exitValue() + ")"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
