package io.ledgerbridge.worker.catalog;

import io.ledgerbridge.workflows.catalog.SyncDirection;
import java.util.List;

/**
 * One object of the catalog as {@code GET /api/catalog} shows it.
 *
 * @param parents the objects its records reference, which a job lists before it
 * @param children the objects whose records reference it
 * @param directions the directions it syncs in, each with its Salesforce side
 */
record CatalogObject(String name, List<String> parents, List<String> children, List<Side> directions) {

  /**
   * How the object syncs in one direction, by the mapping in force; only the direction when no
   * mapping is in force for it (a mappings file narrowed the default's direction).
   *
   * @param quickBooksEntity the QuickBooks Online entity, e.g. {@code Invoice}
   * @param salesforceObject the sObject written to (from QuickBooks) or read from (to QuickBooks)
   * @param externalIdField the Salesforce field holding the QuickBooks record's key
   * @param keyForm how that key is made, e.g. {@code {realmId}-{Id}}
   * @param lines the record's child lines, absent when the mapping has none
   * @param container the parent record the sync makes for a record it creates in Salesforce, absent when it
   *     makes none
   */
  record Side(
      SyncDirection direction,
      String quickBooksEntity,
      String salesforceObject,
      String externalIdField,
      String keyForm,
      Lines lines,
      Container container) {}

  /**
   * The Salesforce record the sync makes for a record it creates whose sObject needs a parent no mapping syncs
   * (an estimate made in QuickBooks becomes a Quote on an Opportunity made for it).
   *
   * @param field the record's lookup to it, e.g. {@code OpportunityId}
   * @param externalIdField the field holding its key
   * @param keyForm how its key is made, e.g. {@code {realmId}-Estimate-{Id}}
   */
  record Container(String salesforceObject, String field, String externalIdField, String keyForm) {}

  /**
   * Child lines, e.g. invoice lines: their own Salesforce records, linked to the header.
   *
   * @param parentField the line's lookup to its header record
   * @param externalIdField the field holding a line's key; absent when lines only flow to QuickBooks
   * @param keyForm how a line's key is made, absent with the field
   */
  record Lines(String salesforceObject, String parentField, String externalIdField, String keyForm) {}
}
