package io.ledgerbridge.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated API on one port: the JDK HTTP server, a router, and filters that run around every routed
 * request (outermost first). Unknown paths and methods are answered by the API's own responder, since QBO
 * and Salesforce word such errors differently.
 */
public final class SimulatorServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);
  /** Requests whose path starts with this are the sandbox's own admin calls, left out of the counters. */
  private static final String ADMIN_PREFIX = "/__sandbox/";

  private final String name;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Router router;
  private final List<Filter> filters;
  private final UnroutedResponder unrouted;
  private final Map<String, LongAdder> callCounts = new ConcurrentHashMap<>();

  /** Answers requests no route accepts. */
  @FunctionalInterface
  public interface UnroutedResponder {
    Response respond(Request request, boolean pathExistsForOtherMethod);
  }

  /** Thrown by a handler or filter to close the connection without any response, as a network fault would. */
  public static final class DropConnection extends RuntimeException {
    public DropConnection() {
      super("connection dropped on purpose", null, false, false);
    }
  }

  private SimulatorServer(String name, HttpServer server, Router router, List<Filter> filters, UnroutedResponder unrouted) {
    this.name = name;
    this.server = server;
    this.router = router;
    this.filters = List.copyOf(filters);
    this.unrouted = unrouted;
    // Unbounded on purpose: injected latency and timeouts park threads, and callers must not queue behind them.
    this.executor = Executors.newCachedThreadPool(daemonThreads(name));
    server.setExecutor(executor);
    server.createContext("/", this::serve);
  }

  /** Binds host:port (0 = ephemeral) and starts serving. */
  public static SimulatorServer start(String name, String host, int port, Router router, List<Filter> filters,
      UnroutedResponder unrouted) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
      SimulatorServer simulator = new SimulatorServer(name, server, router, new ArrayList<>(filters), unrouted);
      server.start();
      log.info("{} simulator listening on {}", name, simulator.baseUrl());
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot bind " + name + " simulator to " + host + ":" + port, e);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:9101}. */
  public String baseUrl() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getHostString() + ":" + address.getPort();
  }

  /** Calls per endpoint ({@code "GET /pattern"}) and per HTTP status ({@code "status 200"}; drops count as "status 0"). */
  public Map<String, Long> callCounts() {
    Map<String, Long> snapshot = new TreeMap<>();
    callCounts.forEach((key, adder) -> snapshot.put(key, adder.sum()));
    return snapshot;
  }

  public void resetCallCounts() {
    callCounts.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("{} simulator stopped", name);
  }

  private void serve(HttpExchange exchange) {
    try (exchange) {
      Request request;
      try {
        request = readRequest(exchange);
      } catch (ZipException e) {
        write(exchange, Response.text(400, "text/plain", "Request body does not match its Content-Encoding: " + e.getMessage()));
        return;
      }
      Response response;
      try {
        response = chain(0).handle(request);
      } catch (DropConnection e) {
        log.debug("{}: dropping connection for {} {}", name, request.method(), request.path());
        count(request, 0);
        return;
      } catch (RuntimeException e) {
        log.error("{}: unhandled error for {} {}", name, request.method(), request.path(), e);
        response = Response.text(500, "text/plain", "Internal sandbox error: " + e);
      }
      count(request, response.status());
      write(exchange, response);
    } catch (IOException e) {
      log.debug("{}: client went away: {}", name, e.toString());
    }
  }

  private void count(Request request, int status) {
    if (request.path().startsWith(ADMIN_PREFIX)) {
      return;
    }
    callCounts.computeIfAbsent(router.endpointOf(request), key -> new LongAdder()).increment();
    callCounts.computeIfAbsent("status " + status, key -> new LongAdder()).increment();
  }

  private Handler chain(int index) {
    if (index == filters.size()) {
      return this::route;
    }
    Filter filter = filters.get(index);
    Handler next = chain(index + 1);
    return request -> filter.apply(request, next);
  }

  private Response route(Request request) {
    Router.Match match = router.match(request);
    if (match == null || match.handler() == null) {
      return unrouted.respond(request, match != null);
    }
    return match.handler().handle(request.withPathVariables(match.variables()));
  }

  private static Request readRequest(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((key, values) -> headers.put(key.toLowerCase(Locale.ROOT), values));
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    body = decoded(body, headers.get("content-encoding"));
    return new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), headers, body, Map.of());
  }

  /**
   * The request body as sent before compression: both APIs take {@code Content-Encoding: gzip} request bodies
   * (Intuit's Java SDK gzips every body by default, and labels its body-less GETs gzip too; Salesforce
   * documents gzip and deflate request compression). Any other coding is passed through as is, for the
   * handler's parser to refuse.
   */
  private static byte[] decoded(byte[] body, List<String> contentEncoding) throws IOException {
    String coding = contentEncoding == null || contentEncoding.isEmpty() ? ""
        : contentEncoding.get(0).trim().toLowerCase(Locale.ROOT);
    if (body.length == 0) {
      return body;
    }
    try (InputStream in = switch (coding) {
      case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
      case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
      default -> null;
    }) {
      return in == null ? body : in.readAllBytes();
    } catch (EOFException e) {
      throw new ZipException("truncated " + coding + " body");
    }
  }

  private static void write(HttpExchange exchange, Response response) throws IOException {
    response.headers().forEach((key, value) -> exchange.getResponseHeaders().set(key, value));
    byte[] body = response.body();
    boolean noBody = body.length == 0;
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name.toLowerCase(Locale.ROOT) + "-sandbox-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
