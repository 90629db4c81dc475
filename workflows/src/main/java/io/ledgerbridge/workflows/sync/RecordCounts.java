package io.ledgerbridge.workflows.sync;

/**
 * What became of the records of a sync, the one count type from the activity to the REST view:
 * every record read ends created, updated, unchanged, deferred or failed. Types that carry it
 * unwrap it ({@code @JsonUnwrapped}), so their JSON keeps the six fields side by side.
 */
public record RecordCounts(int read, int created, int updated, int unchanged, int deferred, int failed) {
  public static final RecordCounts NONE = new RecordCounts(0, 0, 0, 0, 0, 0);

  public RecordCounts plus(RecordCounts other) {
    return new RecordCounts(read + other.read, created + other.created, updated + other.updated,
        unchanged + other.unchanged, deferred + other.deferred, failed + other.failed);
  }
}
