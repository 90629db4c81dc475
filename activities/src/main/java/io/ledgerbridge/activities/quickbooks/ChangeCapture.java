package io.ledgerbridge.activities.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change data capture answer.
 *
 * @param byEntity the records changed, by entity name, in QuickBooks' order; deleted ones as tombstones
 *     with {@code "status":"Deleted"}
 * @param answeredAt the answer's {@code time}, QuickBooks' own clock, when it sent one, else null
 */
public record ChangeCapture(Map<String, List<ObjectNode>> byEntity, Instant answeredAt) {
  public List<ObjectNode> of(String entity) {
    return byEntity.getOrDefault(entity, List.of());
  }

  /** Records in the answer, over every entity: Intuit sends at most 1,000. */
  public int size() {
    return byEntity.values().stream().mapToInt(List::size).sum();
  }
}
