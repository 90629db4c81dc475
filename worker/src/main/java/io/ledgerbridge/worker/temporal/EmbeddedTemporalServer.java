package io.ledgerbridge.worker.temporal;

import io.ledgerbridge.worker.temporal.visibility.EmbeddedVisibility;
import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.internal.testservice.TestVisibilityStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Temporal of LedgerBridge's default mode: Temporal's Java test server, run in this
 * JVM and served over gRPC so that the worker, the SDK and the {@code temporal} CLI on this machine
 * can all talk to it.
 *
 * <p>Why not {@code TestServer.createPortBoundServer}: it listens on every interface, which would
 * hand an unauthenticated Temporal (start, signal, terminate any workflow) to the whole network.
 * This class registers the same services (workflow, operator and test services plus gRPC health) on
 * a gRPC server bound to one address, normally {@code 127.0.0.1}, and answers the list queries
 * (ListWorkflowExecutions, CountWorkflowExecutions, ScanWorkflowExecutions) that the test server
 * leaves UNIMPLEMENTED, with {@link EmbeddedVisibility}.
 *
 * <p>Time skipping is locked, so timers and cron schedules follow the wall clock as on a real
 * Temporal server. State lives in memory only: whatever must survive a restart belongs in the
 * database.
 *
 * <p>The parts come from the test server's internal package ({@link TestServicesStarter}, {@link
 * GRPCServerHelper}), the same ones {@code createPortBoundServer} uses; they are not a public API,
 * so a temporal-bom upgrade must keep {@code EmbeddedTemporalServerTest} green.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  /** Real clock: the server never jumps ahead to the next timer. */
  private static final boolean LOCK_TIME_SKIPPING = true;

  /** The test server can start its clock at an offset; the embedded Temporal runs on now. */
  private static final long NO_INITIAL_TIME_OFFSET_MILLIS = 0;

  /**
   * How long calls in flight may finish before they are cancelled. Worker long polls would hold a
   * graceful shutdown for up to a minute, and the in-memory state is lost anyway.
   */
  private static final Duration GRACEFUL_SHUTDOWN = Duration.ofSeconds(1);

  /** How long close() waits for the cancelled calls to end and the port to be released. */
  private static final Duration FORCED_SHUTDOWN = Duration.ofSeconds(3);

  private final TestServicesStarter services;
  private final Server grpcServer;
  private final int port;
  private final String target;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedTemporalServer(
      TestServicesStarter services, Server grpcServer, InetAddress boundAddress) {
    this.services = services;
    this.grpcServer = grpcServer;
    // Read once: the gRPC server refuses getPort() after termination.
    this.port = grpcServer.getPort();
    this.target = targetOf(boundAddress, port);
  }

  /**
   * Starts a real-clock Temporal listening on {@code host:port} only.
   *
   * @param host the address to bind, normally {@code "127.0.0.1"}
   * @param port the TCP port, or 0 for an ephemeral one (see {@link #port()})
   * @throws UncheckedIOException if the address cannot be bound, for example because another
   *     Temporal already listens on that port
   */
  public static EmbeddedTemporalServer start(String host, int port) {
    InetSocketAddress bindAddress = new InetSocketAddress(host, port);
    if (bindAddress.isUnresolved()) {
      throw new IllegalArgumentException(
          "Cannot resolve host '" + host + "' for the embedded Temporal");
    }
    if (!bindAddress.getAddress().isLoopbackAddress()) {
      log.warn(
          "Embedded Temporal binds non-loopback address {}: it has no authentication, so anyone who"
              + " reaches this address can start, signal and terminate workflows",
          bindAddress.getAddress().getHostAddress());
    }

    TestServicesStarter services =
        new TestServicesStarter(LOCK_TIME_SKIPPING, NO_INITIAL_TIME_OFFSET_MILLIS);
    // Temporal depends on grpc-netty-shaded; the unshaded Netty transport is not on the classpath.
    NettyServerBuilder serverBuilder =
        NettyServerBuilder.forAddress(bindAddress, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(servedServices(services), serverBuilder);
    Server grpcServer = serverBuilder.build();
    try {
      grpcServer.start();
    } catch (IOException e) {
      grpcServer.shutdownNow();
      services.close();
      String address = targetOf(bindAddress.getAddress(), port);
      throw new UncheckedIOException(
          "Embedded Temporal cannot listen on "
              + address
              + " ("
              + rootCauseMessage(e)
              + "). Is another Temporal or LedgerBridge already running there? Stop it, or point"
              + " LedgerBridge at it as an external Temporal.",
          e);
    }

    EmbeddedTemporalServer server =
        new EmbeddedTemporalServer(services, grpcServer, bindAddress.getAddress());
    log.info("Embedded Temporal listening on {} (real clock, in-memory state)", server.target);
    return server;
  }

  /**
   * The test server's services, its workflow service with the list queries it lacks answered by
   * {@link EmbeddedVisibility}.
   */
  private static List<BindableService> servedServices(TestServicesStarter services) {
    TestVisibilityStore visibilityStore = visibilityStore(services);
    return services.getServices().stream()
        .map(service -> service == services.getWorkflowService()
            ? (BindableService) () -> EmbeddedVisibility.serving(
                service.bindService(), services.getWorkflowService(),
                visibilityStore::getRegisteredSearchAttributes)
            : service)
        .toList();
  }

  /**
   * The test server's registry of search attributes. Its operator service does not answer
   * ListSearchAttributes, and list queries must know which attributes are registered and their
   * types; the starter keeps the store in a private field, so it is read by reflection (another
   * reason why a temporal-bom upgrade must keep {@code EmbeddedTemporalServerTest} and {@code
   * EmbeddedVisibilityTest} green).
   */
  private static TestVisibilityStore visibilityStore(TestServicesStarter services) {
    try {
      Field field = TestServicesStarter.class.getDeclaredField("visibilityStore");
      field.setAccessible(true);
      return (TestVisibilityStore) field.get(services);
    } catch (ReflectiveOperationException | ClassCastException changed) {
      throw new IllegalStateException(
          "This temporal-test-server keeps its search attributes elsewhere; adapt EmbeddedTemporalServer", changed);
    }
  }

  /** The address clients connect to, as {@code WorkflowServiceStubsOptions.setTarget} takes it. */
  public String target() {
    return target;
  }

  /** The port actually bound, useful when {@link #start} was given port 0. */
  public int port() {
    return port;
  }

  /**
   * Stops accepting connections, gives calls in flight a moment, cancels the rest, shuts the
   * Temporal services down and waits briefly for the port to be released. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("Stopping embedded Temporal on {}", target);
    grpcServer.shutdown();
    try {
      if (!grpcServer.awaitTermination(GRACEFUL_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
        log.debug("Embedded Temporal still has calls in flight; cancelling them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      services.close();
      grpcServer.shutdownNow();
    }
    awaitForcedTermination();
  }

  private void awaitForcedTermination() {
    try {
      if (!grpcServer.awaitTermination(FORCED_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Embedded Temporal on {} did not stop within {}", target, FORCED_SHUTDOWN);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String targetOf(InetAddress address, int port) {
    String host = address.getHostAddress();
    return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
  }

  private static String rootCauseMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
