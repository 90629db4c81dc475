package io.ledgerbridge.workflows.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.workflows.sync.ConflictPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * An object LedgerBridge syncs, named as QuickBooks names it, with what is fixed about it: the objects
 * it references (a record fails in the target when its parent is not there yet, so jobs must list
 * parents first; invoice lines reference Items, which is why Invoice needs Item), its directions, the
 * Salesforce object its default mapping uses and whether its keys there name its entity, the page
 * that shows a record in QuickBooks' web app, whether it carries a standard price, and which side wins
 * a conflict unless the mapping says otherwise (Salesforce owns customer data, QuickBooks the
 * accounting records). Everything else reads these facts here; the mappings say the rest.
 *
 * <p>The catalog is data: {@value #CATALOG_RESOURCE} lists the objects, parents first, and every
 * worker reads the same file. Adding an object is an entry there, a default mapping and the sandbox's
 * support for it; a test can {@link #register} one more.
 */
public final class SyncObject {
  static final String CATALOG_RESOURCE = "ledgerbridge/catalog.json";
  private static final List<SyncObject> CATALOG = new CopyOnWriteArrayList<>();
  private static final List<SyncObject> ALL = Collections.unmodifiableList(CATALOG);

  static {
    for (Entry entry : builtIn()) {
      add(new SyncObject(entry));
    }
  }

  public static final SyncObject CUSTOMER = require("Customer");
  public static final SyncObject ITEM = require("Item");
  public static final SyncObject INVOICE = require("Invoice");
  public static final SyncObject PAYMENT = require("Payment");

  /**
   * One object's facts as the catalog file writes them.
   *
   * @param name the name QuickBooks uses, e.g. {@code Invoice}
   * @param parents the objects its records reference, each listed before it
   * @param salesforceObject the Salesforce object of its default mapping
   * @param keyNamesEntity whether its keys in Salesforce read {@code {realmId}-{Entity}-{Id}}
   * @param quickBooksPage the page of QuickBooks' web app showing record {@code {id}}
   * @param standardPrice whether it carries a price kept in Salesforce's standard price book
   * @param conflictPolicy which side's version stays when both changed, unless the mapping says
   */
  public record Entry(
      String name,
      List<String> parents,
      Set<SyncDirection> directions,
      String salesforceObject,
      boolean keyNamesEntity,
      String quickBooksPage,
      boolean standardPrice,
      ConflictPolicy conflictPolicy) {
    public Entry {
      Objects.requireNonNull(name, "name");
      parents = parents == null ? List.of() : List.copyOf(parents);
      directions = directions == null || directions.isEmpty() ? Set.of() : Set.copyOf(directions);
      Objects.requireNonNull(salesforceObject, "salesforceObject");
      Objects.requireNonNull(quickBooksPage, "quickBooksPage");
      Objects.requireNonNull(conflictPolicy, "conflictPolicy");
    }
  }

  private final Entry entry;

  private SyncObject(Entry entry) {
    this.entry = entry;
  }

  /**
   * Every object of the catalog, parents before the objects that reference them: a read-only view,
   * not a copy, as mappings ask for it per record (its list iterates a snapshot while a test registers).
   */
  public static List<SyncObject> all() {
    return ALL;
  }

  /**
   * Adds an object to the catalog (its parents must be in it already) until the registration is
   * closed: how a test shows that an object is a catalog entry and a mapping.
   */
  public static Registration register(Entry entry) {
    SyncObject object = new SyncObject(entry);
    add(object);
    return () -> CATALOG.remove(object);
  }

  /** An object added by {@link #register}; closing it removes the object again. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private static synchronized void add(SyncObject object) {
    Entry entry = object.entry;
    if (find(entry.name()).isPresent()) {
      throw new IllegalArgumentException("the catalog already has an object named " + entry.name());
    }
    for (String parent : entry.parents()) {
      if (find(parent).isEmpty()) {
        throw new IllegalArgumentException(entry.name() + " references " + parent
            + ", which the catalog does not have before it; list parents first");
      }
    }
    if (entry.directions().isEmpty()) {
      throw new IllegalArgumentException(entry.name() + " syncs in no direction; give it at least one");
    }
    CATALOG.add(object);
  }

  private static List<Entry> builtIn() {
    ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = SyncObject.class.getClassLoader().getResourceAsStream(CATALOG_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CATALOG_RESOURCE + " is missing from the classpath");
      }
      return json.readValue(in, new TypeReference<List<Entry>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CATALOG_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** The Salesforce object the default mappings sync this object with. */
  public String defaultSalesforceObject() {
    return entry.salesforceObject();
  }

  /**
   * Whether its keys in Salesforce name its QuickBooks entity ({@code {realmId}-{Entity}-{Id}}), as an
   * object that shares its default Salesforce object with another must (a Vendor's Account beside a
   * Customer's): QuickBooks ids are unique per entity only. The objects that had their Salesforce
   * object to themselves keep {@code {realmId}-{Id}}, so their existing keys stay valid.
   */
  public boolean keyNamesEntity() {
    return entry.keyNamesEntity();
  }

  /** The page of QuickBooks' web app (relative to its base) that shows record {@code qboId}. */
  public String quickBooksPage(String qboId) {
    return entry.quickBooksPage().replace("{id}", qboId);
  }

  /** Whether its records carry a price kept in Salesforce's standard price book. */
  public boolean hasStandardPrice() {
    return entry.standardPrice();
  }

  /** Which side's version stays when both changed, unless the mapping sets a policy. */
  public ConflictPolicy defaultPolicy() {
    return entry.conflictPolicy();
  }

  /** Whether LedgerBridge syncs this object in {@code direction}. */
  public boolean supports(SyncDirection direction) {
    return entry.directions().contains(direction);
  }

  /** The directions LedgerBridge syncs this object in, QuickBooks to Salesforce first. */
  public List<SyncDirection> directions() {
    return List.copyOf(EnumSet.copyOf(entry.directions()));
  }

  /** The objects that reference this one, in catalog order: whose deferred records wait for it. */
  public List<SyncObject> children() {
    return CATALOG.stream().filter(o -> o.parents().contains(this)).toList();
  }

  @JsonValue
  public String displayName() {
    return entry.name();
  }

  /** The objects whose records this object's records reference. */
  public List<SyncObject> parents() {
    List<SyncObject> parents = new ArrayList<>();
    entry.parents().forEach(name -> parents.add(require(name)));
    return parents;
  }

  /** Finds an object by its name, ignoring case ("customer", "Customer" and "CUSTOMER" all match). */
  public static Optional<SyncObject> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return CATALOG.stream()
        .filter(object -> object.displayName().toLowerCase(Locale.ROOT).equals(wanted))
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
    return CATALOG.stream().map(SyncObject::displayName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return displayName();
  }
}
