package io.ledgerbridge.workflows.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The objects LedgerBridge syncs, named as QuickBooks names them, with what is fixed about each: the
 * objects it references (a record fails in the target when its parent is not there yet, so jobs must
 * list parents first; invoice lines reference Items, which is why Invoice needs Item), its directions,
 * the Salesforce object its default mapping uses and whether its keys there name its entity, the page that shows a record in QuickBooks' web app,
 * whether it carries a standard price, and which side wins a conflict unless the mapping says
 * otherwise (Salesforce owns customer data, QuickBooks the accounting records). Everything else reads
 * these facts here; the mappings say the rest.
 */
public enum SyncObject {
  CUSTOMER("Customer", List.of(), EnumSet.allOf(SyncDirection.class), "Account", false, "customerdetail?nameId={id}",
      false, ConflictPolicy.SALESFORCE_WINS),
  ITEM("Item", List.of(), EnumSet.allOf(SyncDirection.class), "Product2", false, "items", true, ConflictPolicy.QBO_WINS),
  INVOICE("Invoice", List.of("Customer", "Item"), EnumSet.allOf(SyncDirection.class), "Invoice__c", false,
      "invoice?txnId={id}", false, ConflictPolicy.QBO_WINS),
  PAYMENT("Payment", List.of("Customer", "Invoice"), EnumSet.of(SyncDirection.QBO_TO_SALESFORCE), "Payment__c", false,
      "recvpayment?txnId={id}", false, ConflictPolicy.QBO_WINS);

  private final String displayName;
  private final List<String> parentNames;
  private final EnumSet<SyncDirection> directions;
  private final String defaultSalesforceObject;
  private final boolean keyNamesEntity;
  private final String quickBooksPage;
  private final boolean standardPrice;
  private final ConflictPolicy defaultPolicy;

  SyncObject(String displayName, List<String> parentNames, EnumSet<SyncDirection> directions,
      String defaultSalesforceObject, boolean keyNamesEntity, String quickBooksPage, boolean standardPrice,
      ConflictPolicy defaultPolicy) {
    this.displayName = displayName;
    this.parentNames = parentNames;
    this.directions = directions;
    this.defaultSalesforceObject = defaultSalesforceObject;
    this.keyNamesEntity = keyNamesEntity;
    this.quickBooksPage = quickBooksPage;
    this.standardPrice = standardPrice;
    this.defaultPolicy = defaultPolicy;
  }

  /** The Salesforce object the default mappings sync this object with. */
  public String defaultSalesforceObject() {
    return defaultSalesforceObject;
  }

  /**
   * Whether its keys in Salesforce name its QuickBooks entity ({@code {realmId}-{Entity}-{Id}}), as an
   * object that shares its default Salesforce object with another must (a Vendor's Account beside a
   * Customer's): QuickBooks ids are unique per entity only. The objects that had their Salesforce
   * object to themselves keep {@code {realmId}-{Id}}, so their existing keys stay valid.
   */
  public boolean keyNamesEntity() {
    return keyNamesEntity;
  }

  /** The page of QuickBooks' web app (relative to its base) that shows record {@code qboId}. */
  public String quickBooksPage(String qboId) {
    return quickBooksPage.replace("{id}", qboId);
  }

  /** Whether its records carry a price kept in Salesforce's standard price book. */
  public boolean hasStandardPrice() {
    return standardPrice;
  }

  /** Which side's version stays when both changed, unless the mapping sets a policy. */
  public ConflictPolicy defaultPolicy() {
    return defaultPolicy;
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
