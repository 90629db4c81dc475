package io.ledgerbridge.workflows.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The objects LedgerBridge syncs, named as QuickBooks names them, with the objects each one
 * references: a record fails in the target when its parent is not there yet, so jobs must list
 * parents first. Invoice lines reference Items, which is why Invoice needs Item.
 */
public enum SyncObject {
  CUSTOMER("Customer", List.of(), EnumSet.allOf(SyncDirection.class)),
  ITEM("Item", List.of(), EnumSet.allOf(SyncDirection.class)),
  INVOICE("Invoice", List.of("Customer", "Item"), EnumSet.allOf(SyncDirection.class)),
  PAYMENT("Payment", List.of("Customer", "Invoice"), EnumSet.of(SyncDirection.QBO_TO_SALESFORCE));

  private final String displayName;
  private final List<String> parentNames;
  private final EnumSet<SyncDirection> directions;

  SyncObject(String displayName, List<String> parentNames, EnumSet<SyncDirection> directions) {
    this.displayName = displayName;
    this.parentNames = parentNames;
    this.directions = directions;
  }

  /** Whether LedgerBridge syncs this object in {@code direction}. */
  public boolean supports(SyncDirection direction) {
    return directions.contains(direction);
  }

  /** The directions LedgerBridge syncs this object in. */
  public List<SyncDirection> directions() {
    return List.copyOf(directions);
  }

  /** The objects that reference this one, in catalog order: whose deferred records wait for it. */
  public List<SyncObject> children() {
    return Arrays.stream(values()).filter(o -> o.parents().contains(this)).toList();
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
