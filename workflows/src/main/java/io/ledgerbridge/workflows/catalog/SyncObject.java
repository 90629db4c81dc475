package io.ledgerbridge.workflows.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The objects LedgerBridge syncs, named as QuickBooks names them, with the objects each one
 * references: a record fails in the target when its parent is not there yet, so jobs must list
 * parents first.
 */
public enum SyncObject {
  CUSTOMER("Customer", List.of()),
  ITEM("Item", List.of()),
  INVOICE("Invoice", List.of("Customer", "Item")),
  PAYMENT("Payment", List.of("Customer", "Invoice"));

  private final String displayName;
  private final List<String> parentNames;

  SyncObject(String displayName, List<String> parentNames) {
    this.displayName = displayName;
    this.parentNames = parentNames;
  }

  @JsonValue
  public String displayName() {
    return displayName;
  }

  /** The objects whose records this object's records reference. */
  public List<SyncObject> parents() {
    return parentNames.stream().map(SyncObject::require).toList();
  }

  /** Finds an object by its name, ignoring case ("customer", "Customer" and "CUSTOMER" all match). */
  public static Optional<SyncObject> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(object -> object.displayName.toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  @JsonCreator
  public static SyncObject require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown object '" + name + "'; known objects are " + knownNames()));
  }

  /** The names an admin may use, in catalog order, for error messages. */
  public static String knownNames() {
    return Arrays.stream(values()).map(SyncObject::displayName).collect(Collectors.joining(", "));
  }
}
