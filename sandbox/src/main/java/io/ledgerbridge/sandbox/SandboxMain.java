package io.ledgerbridge.sandbox;

import io.ledgerbridge.sandbox.oidc.OidcProviderSimulator;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox standalone:
 * {@code java -jar ledgerbridge-sandbox-*-standalone.jar --qbo-port 9101 --sf-port 9102 --customers 60 [--seed n]
 * [--host h] [--qbo-throttle on|off]}.
 */
public final class SandboxMain {

  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    SandboxOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: --qbo-port <port> --sf-port <port> --customers <n> [--seed <n>] [--host <address>]"
          + " [--qbo-throttle on|off]");
      System.exit(2);
      return;
    }
    Sandbox sandbox = Sandbox.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sandbox.close();
      stopped.countDown();
    }, "sandbox-shutdown"));
    System.out.println("LedgerBridge sandbox running");
    System.out.println("  QuickBooks Online: " + sandbox.quickBooksUrl() + "  realm " + Sandbox.DEMO_REALM_ID
        + ", client " + Sandbox.QBO_CLIENT_ID + " / " + Sandbox.QBO_CLIENT_SECRET);
    System.out.println("  Salesforce:        " + sandbox.salesforceUrl() + "  API " + Sandbox.SALESFORCE_API_VERSION
        + ", client " + Sandbox.SALESFORCE_CLIENT_ID + " / " + Sandbox.SALESFORCE_CLIENT_SECRET);
    System.out.println("  OpenID Connect:    " + sandbox.oidcProvider().issuer() + "  client "
        + OidcProviderSimulator.CLIENT_ID + ", signs in " + OidcProviderSimulator.DEFAULT_EMAIL);
    System.out.println("  demo customers:    " + options.seedCustomers() + " (seed " + options.seed() + ")");
    System.out.println("  admin API:         " + sandbox.quickBooksUrl() + "/__sandbox/... and "
        + sandbox.salesforceUrl() + "/__sandbox/... (faults, counters, revoke-tokens, reset, webhooks, outbound-messages)");
    System.out.println("Press Ctrl+C to stop.");
    stopped.await();
  }

  static SandboxOptions parse(String[] args) {
    SandboxOptions options = SandboxOptions.defaults();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + name);
      }
      String value = args[++i];
      try {
        options = switch (name) {
          case "--qbo-port" -> options.withPorts(Integer.parseInt(value), options.salesforcePort());
          case "--sf-port" -> options.withPorts(options.quickBooksPort(), Integer.parseInt(value));
          case "--customers" -> options.withSeedCustomers(Integer.parseInt(value));
          case "--seed" -> options.withSeed(Long.parseLong(value));
          case "--host" -> options.withHost(value);
          case "--qbo-throttle" -> switch (value) {
            case "on" -> options.withQboRateLimits(500, 10, 40);
            case "off" -> options.withoutQboRateLimits();
            default -> throw new IllegalArgumentException("--qbo-throttle takes on or off");
          };
          default -> throw new IllegalArgumentException("unknown option " + name);
        };
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number for " + name + ": " + value);
      }
    }
    return options;
  }
}
