package io.ledgerbridge.sandbox.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes change notifications out of a simulator the way the real service does: events collected for a
 * short window and sent as one message, the receiver given a few seconds to acknowledge, and failed
 * messages retried on a schedule until the service gives up. Runs on its own thread in real time.
 *
 * @param <E> one change event
 */
public final class DeliveryQueue<E> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeliveryQueue.class);

  /** One HTTP POST to the receiver. */
  public record Delivery(String url, Map<String, String> headers, String body) {}

  /** Where and how events go; null target means notifications are off and events are dropped. */
  public interface Target<E> {
    /** Builds the message for a batch of at most {@link #maxBatch()} events. */
    Delivery format(List<E> events);

    boolean acknowledged(int status, String body);

    int maxBatch();
  }

  /** Counts for the admin API: messages sent and acknowledged, attempts made, messages given up on. */
  public record Stats(long messages, long acknowledged, long attempts, long abandoned) {}

  private final String name;
  private final Duration batchWindow;
  private final Duration responseTimeout;
  private final List<Duration> retryDelays;
  private final Duration giveUpAfter;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http;
  private final List<E> pending = new ArrayList<>();
  private volatile Target<E> target;
  private boolean flushScheduled;
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();

  /**
   * @param retryDelays wait before retry n (the last one repeats)
   * @param giveUpAfter a message older than this is dropped instead of retried
   */
  public DeliveryQueue(String name, Duration batchWindow, Duration responseTimeout, List<Duration> retryDelays,
      Duration giveUpAfter) {
    this.name = name;
    this.batchWindow = batchWindow;
    this.responseTimeout = responseTimeout;
    this.retryDelays = List.copyOf(retryDelays);
    this.giveUpAfter = giveUpAfter;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, name + "-deliveries");
      thread.setDaemon(true);
      return thread;
    });
    this.http = HttpClient.newBuilder().connectTimeout(responseTimeout).executor(scheduler).build();
  }

  public void setTarget(Target<E> newTarget) {
    target = newTarget;
  }

  public Target<E> target() {
    return target;
  }

  public Stats stats() {
    return new Stats(messages.get(), acknowledged.get(), attempts.get(), abandoned.get());
  }

  /** Queues an event; dropped at once when notifications are off. */
  public void submit(E event) {
    if (target == null) {
      return;
    }
    synchronized (pending) {
      pending.add(event);
      if (!flushScheduled) {
        flushScheduled = true;
        scheduler.schedule(this::flush, batchWindow.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void flush() {
    Target<E> current = target;
    List<List<E>> batches = new ArrayList<>();
    synchronized (pending) {
      flushScheduled = false;
      if (current == null) {
        pending.clear();
        return;
      }
      for (int from = 0; from < pending.size(); from += current.maxBatch()) {
        batches.add(new ArrayList<>(pending.subList(from, Math.min(pending.size(), from + current.maxBatch()))));
      }
      pending.clear();
    }
    for (List<E> batch : batches) {
      messages.incrementAndGet();
      attempt(current, current.format(batch), 0, System.nanoTime());
    }
  }

  private void attempt(Target<E> sender, Delivery delivery, int attempt, long firstAttemptNanos) {
    attempts.incrementAndGet();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(responseTimeout)
        .POST(HttpRequest.BodyPublishers.ofString(delivery.body()));
    delivery.headers().forEach(request::header);
    http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
      if (failure == null && sender.acknowledged(response.statusCode(), response.body())) {
        acknowledged.incrementAndGet();
        return;
      }
      String reason = failure != null ? failure.toString() : "HTTP " + response.statusCode();
      Duration delay = retryDelays.get(Math.min(attempt, retryDelays.size() - 1));
      if (Duration.ofNanos(System.nanoTime() - firstAttemptNanos).plus(delay).compareTo(giveUpAfter) > 0) {
        abandoned.incrementAndGet();
        log.warn("{}: giving up on a message to {} after {} attempts ({})", name, delivery.url(), attempt + 1, reason);
        return;
      }
      log.info("{}: delivery to {} failed ({}), retry {} in {}", name, delivery.url(), reason, attempt + 1, delay);
      scheduler.schedule(() -> attempt(sender, delivery, attempt + 1, firstAttemptNanos), delay.toMillis(),
          TimeUnit.MILLISECONDS);
    });
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
