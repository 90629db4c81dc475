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

  /**
   * The kinds whose unique keys this kind's must not repeat share this scope; by default a kind is alone in
   * its own.
   */
  default String uniqueKeyScope() {
    return name();
  }

  /** The query property (lowercase) that {@link #uniqueKey} reads, or null. */
  default String uniqueKeyProperty() {
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

  /** Refuses a delete the entity's state does not allow (e.g. an invoice with payments). */
  default void checkDelete(QboCompany company, ObjectNode existing) {}

  /** The content of the voided version of a row. */
  default ObjectNode voided(QboCompany company, ObjectNode existing) {
    throw QboFault.unsupportedOperation("Operation Void is not supported for entity " + name() + ".");
  }

  /**
   * Side effects of a stored change on other rows (balances, links), under the company lock.
   *
   * @param before the previous version, null on create
   * @param after  the new version, null on delete
   * @param when   the time of the change, for the versions it causes
   */
  default void afterWrite(QboCompany company, ObjectNode before, ObjectNode after, java.time.Instant when) {}
}
