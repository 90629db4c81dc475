package io.ledgerbridge.sandbox;

import java.util.Objects;

/**
 * Where the QBO simulator sends webhooks (reference §7) and how: the endpoint, the verifier token that
 * keys the {@code intuit-signature} HMAC, and the payload format.
 *
 * @param cloudEvents true for the CloudEvents array format, false for the legacy {@code eventNotifications}
 */
public record QboWebhookSubscription(String url, String verifierToken, boolean cloudEvents) {
  public QboWebhookSubscription {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(verifierToken, "verifierToken");
  }

  /** The verifier token is a secret and stays out of logs. */
  @Override
  public String toString() {
    return "QboWebhookSubscription[url=" + url + ", verifierToken=****, cloudEvents=" + cloudEvents + "]";
  }
}
