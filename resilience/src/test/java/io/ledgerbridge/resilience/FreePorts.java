package io.ledgerbridge.resilience;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for the processes the suite starts, which need them on their command line. They are taken below
 * Linux's ephemeral range (32768 and up), where the kernel picks the local ports of outgoing connections: a port
 * from that range, free when chosen, can be taken by any process's connection before the started process binds it
 * (a scenario once failed so, with "Port ... was already in use"). Each port is handed out once per suite.
 */
final class FreePorts {
  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  static int next() {
    for (int tries = 0; tries < 1_000; tries++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
      if (handedOut.add(port) && bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port between " + FIRST + " and " + LAST);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
