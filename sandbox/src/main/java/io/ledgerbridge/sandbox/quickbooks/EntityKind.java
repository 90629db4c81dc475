package io.ledgerbridge.sandbox.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * What differs between QBO entity types: their validation and derived fields, which properties a query may
 * filter on, and which write operations they allow. The common lifecycle (ids, SyncToken, MetaData) lives
 * in {@link QboCompany}.
 */
interface EntityKind {

  /** The entity name as in JSON and queries, e.g. {@code Customer}. */
  String name();

  /** The lowercase URL resource, e.g. {@code customer}. */
  default String resource() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Fields the server computes; a client cannot set them. */
  Set<String> readOnlyFields();

  /**
   * Validates a candidate (the writable fields the client sent, merged with the stored ones for a sparse
   * update) and returns the full node to store, with defaults and derived fields. Runs under the company
   * lock, so cross-record checks are consistent.
   *
   * @param existing the stored version for an update, null for a create
   */
  ObjectNode normalize(QboCompany company, ObjectNode candidate, ObjectNode existing);

  /**
   * The value that must be unique among this entity's rows (case-insensitive), or null when the row takes
   * no part in uniqueness.
   */
  default String uniqueKey(ObjectNode node) {
    return null;
  }

  /** The fault for a clash on {@link #uniqueKey}. */
  default QboFault duplicateFault() {
    return QboFault.duplicateName();
  }

  /** Properties a WHERE clause may use, lowercase, dotted for nested ones. */
  Set<String> filterableProperties();

  /**
   * Name-list entities (Customer, Item) answer queries with active rows only unless the query filters on
   * {@code Active} (documented query behaviour of QBO).
   */
  default boolean queriesActiveOnlyByDefault() {
    return false;
  }

  /** Transactions can be deleted; name-list entities cannot (they are made inactive instead). */
  default boolean deletable() {
    return false;
  }

  default boolean voidable() {
    return false;
  }
}
