package io.ledgerbridge.sandbox.http;

/** Answers one request. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request);
}
