package io.ledgerbridge.worker.cli;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import io.ledgerbridge.workflows.catalog.SyncObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.stream.Collectors;

/**
 * The help texts that come from the catalog this CLI is built with (the server's own), so help
 * works without a server and never goes stale. picocli reads option descriptions from a resource
 * bundle by their {@code descriptionKey}; annotations could only hold constants.
 */
final class CatalogHelp extends ListResourceBundle {
  static final String OBJECTS = "objects";
  static final String OBJECT = "object";

  @Override
  protected Object[][] getContents() {
    return new Object[][] {
      {OBJECTS, "a comma list in sync order (e.g. Customer,Invoice) of " + objectsInOrder()},
      {OBJECT, Formats.wordList(names(), "or")},
    };
  }

  /** The objects' names, for completing --object and --objects. */
  static final class ObjectNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names().iterator();
    }
  }

  private static List<String> names() {
    return SyncObject.all().stream().map(SyncObject::displayName).toList();
  }

  /**
   * "Customer, Item, Invoice (after Customer and Item), ..., Payment (after Customer, Invoice and CreditMemo; to
   * Salesforce only), ...".
   */
  static String objectsInOrder() {
    return SyncObject.all().stream().map(CatalogHelp::withRules).collect(Collectors.joining(", "));
  }

  private static String withRules(SyncObject object) {
    List<String> rules = new ArrayList<>();
    if (!object.parents().isEmpty()) {
      rules.add("after " + Formats.wordList(object.parents().stream().map(SyncObject::displayName).toList(), "and"));
    }
    if (object.directions().size() == 1) {
      rules.add(object.directions().get(0) == SyncDirection.QBO_TO_SALESFORCE ? "to Salesforce only" : "to QuickBooks only");
    }
    return rules.isEmpty() ? object.displayName() : object.displayName() + " (" + String.join("; ", rules) + ")";
  }
}
