package io.ledgerbridge.activities.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One operation of a {@code /batch} call (reference §1.8).
 *
 * @param bId the item's id in the batch, at most 10 characters; a batch sent again repeats it
 * @param operation {@code create}, {@code update}, {@code delete} or {@code void} (sent as an update whose
 *     {@code optionsData} says void)
 * @param entity the entity's name, e.g. {@code Customer}
 * @param body the entity as a call of its own would send it
 */
public record BatchItem(String bId, String operation, String entity, ObjectNode body) {
  /** Intuit's longest bId. */
  public static final int MAX_BID_LENGTH = 10;
  private static final List<String> OPERATIONS = List.of("create", "update", "delete", "void");

  public BatchItem {
    Objects.requireNonNull(bId, "bId");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(body, "body");
    if (bId.isEmpty() || bId.length() > MAX_BID_LENGTH) {
      throw new IllegalArgumentException("a bId has 1.." + MAX_BID_LENGTH + " characters: " + bId);
    }
    if (!OPERATIONS.contains(operation)) {
      throw new IllegalArgumentException("a batch item's operation is one of " + OPERATIONS + ": " + operation);
    }
  }

  public static BatchItem create(String bId, String entity, ObjectNode body) {
    return new BatchItem(bId, "create", entity, body);
  }

  public static BatchItem update(String bId, String entity, ObjectNode body) {
    return new BatchItem(bId, "update", entity, body);
  }

  /** Deletes a transaction; the body holds its {@code Id} and current {@code SyncToken}. */
  public static BatchItem delete(String bId, String entity, ObjectNode body) {
    return new BatchItem(bId, "delete", entity, body);
  }

  /** Voids a transaction; the body holds its {@code Id} and current {@code SyncToken}. */
  public static BatchItem voiding(String bId, String entity, ObjectNode body) {
    return new BatchItem(bId, "void", entity, body);
  }
}
