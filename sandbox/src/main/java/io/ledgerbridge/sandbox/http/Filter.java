package io.ledgerbridge.sandbox.http;

/** Wraps request handling: authentication, limits, fault injection, counters. */
@FunctionalInterface
public interface Filter {
  Response apply(Request request, Handler next);
}
