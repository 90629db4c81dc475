package io.ledgerbridge.activities.mapping;

/** A source value the mapping cannot turn into the target's type; the record is refused, not the run. */
public final class MappingValueException extends RuntimeException {
  public MappingValueException(String message) {
    super(message);
  }
}
