package io.ledgerbridge.worker.catalog;

import io.ledgerbridge.activities.mapping.ContainerMapping;
import io.ledgerbridge.activities.mapping.LineMapping;
import io.ledgerbridge.activities.mapping.Mappings;
import io.ledgerbridge.activities.mapping.ObjectMapping;
import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What LedgerBridge syncs, in one place: the objects of {@link SyncObject} in their order (parents
 * first), and for each direction the Salesforce side of the mapping in force (the defaults with
 * the admin's mappings file merged in). The API, the admin page (through the API) and the rest of
 * the worker read objects and their Salesforce counterparts here rather than naming them again.
 */
@Component
public class ObjectCatalog {
  private final Mappings mappings;
  private final List<CatalogObject> objects;

  public ObjectCatalog(Mappings mappings) {
    this.mappings = mappings;
    this.objects = SyncObject.all().stream().map(this::describe).toList();
  }

  /** Every object in catalog order, with its facts. */
  List<CatalogObject> objects() {
    return objects;
  }

  /**
   * The Salesforce object that {@code object}'s records go to or come from in {@code direction}, by
   * the mapping the sync uses; empty when the object is not synced that way.
   */
  public Optional<String> salesforceObject(SyncObject object, SyncDirection direction) {
    return mappings.find(object, direction).map(ObjectMapping::salesforceObject);
  }

  /** The QuickBooks entity that {@code object}'s records are in {@code direction}, by the mapping the sync uses. */
  public Optional<String> quickBooksEntity(SyncObject object, SyncDirection direction) {
    return mappings.find(object, direction).map(ObjectMapping::qboEntity);
  }

  /** The Salesforce objects some object syncs from to QuickBooks, each once: those whose changes real-time sync wants to hear of. */
  public List<String> salesforceObjectsSyncedToQuickBooks() {
    return SyncObject.all().stream()
        .flatMap(object -> salesforceObject(object, SyncDirection.SALESFORCE_TO_QBO).stream())
        .distinct()
        .toList();
  }

  private CatalogObject describe(SyncObject object) {
    return new CatalogObject(
        object.displayName(),
        object.parents().stream().map(SyncObject::displayName).toList(),
        object.children().stream().map(SyncObject::displayName).toList(),
        object.directions().stream().map(direction -> side(object, direction)).toList());
  }

  private CatalogObject.Side side(SyncObject object, SyncDirection direction) {
    // The sync takes the first mapping of an object and direction (Mappings.find), so that one is shown.
    Optional<ObjectMapping> found = mappings.find(object, direction);
    if (found.isEmpty()) {
      // A mappings file can narrow a default mapping's direction; runs then fail with CONFIGURATION.
      return new CatalogObject.Side(direction, null, null, null, null, null, null);
    }
    ObjectMapping mapping = found.get();
    LineMapping lines = mapping.lines();
    ContainerMapping container = mapping.container();
    return new CatalogObject.Side(
        direction,
        mapping.qboEntity(),
        mapping.salesforceObject(),
        mapping.externalIdField(),
        // How a QuickBooks record's key reads in Salesforce, written by the function that makes the keys.
        mapping.key("{realmId}", "{Id}"),
        lines == null
            ? null
            : new CatalogObject.Lines(
                lines.salesforceObject(),
                lines.parentField(),
                lines.externalIdField(),
                lines.externalIdField() == null ? null : mapping.lineKey("{realmId}", "{Id}", "{lineId}")),
        container == null || direction != SyncDirection.QBO_TO_SALESFORCE
            ? null
            : new CatalogObject.Container(container.salesforceObject(), container.field(), container.externalIdField(),
                container.key("{realmId}", mapping.qboEntity(), "{Id}")));
  }
}
