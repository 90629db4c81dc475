package io.ledgerbridge.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * A Salesforce outbound message (reference §7): when a record of {@code objectName} is created or edited,
 * a SOAP notification with the listed fields goes to {@code url}, which must acknowledge it.
 */
public record OutboundMessageSubscription(String url, String objectName, List<String> fields) {
  public OutboundMessageSubscription {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(objectName, "objectName");
    fields = List.copyOf(fields);
  }
}
