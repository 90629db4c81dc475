package io.ledgerbridge.workflows.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a job's ordered object list against the catalog: names known, no repeats, and every
 * parent the job also syncs listed before its child.
 */
public final class JobObjects {
  private JobObjects() {}

  /**
   * Resolves and checks the ordered names.
   *
   * @throws IllegalArgumentException with a message an admin can act on
   */
  public static List<SyncObject> resolveInOrder(List<String> names) {
    return resolveInOrder(names, null);
  }

  /**
   * Resolves and checks the ordered names for a job in {@code direction}: also refuses an object
   * LedgerBridge does not sync that way (null skips that check).
   *
   * @throws IllegalArgumentException with a message an admin can act on
   */
  public static List<SyncObject> resolveInOrder(List<String> names, SyncDirection direction) {
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException(
          "objects: list at least one object to sync, parents first (e.g. [\"Customer\", \"Invoice\"]); known objects are "
              + SyncObject.knownNames());
    }
    List<SyncObject> ordered = new ArrayList<>();
    Set<SyncObject> seen = new HashSet<>();
    for (String name : names) {
      SyncObject object;
      try {
        object = SyncObject.require(name);
      } catch (IllegalArgumentException unknown) {
        throw new IllegalArgumentException("objects: " + unknown.getMessage(), unknown);
      }
      if (direction != null && !object.supports(direction)) {
        throw new IllegalArgumentException(
            "objects: " + object.displayName() + " is not synced " + direction
                + "; it syncs only " + object.directions());
      }
      if (!seen.add(object)) {
        throw new IllegalArgumentException(
            "objects: " + object.displayName() + " is listed twice; list each object once");
      }
      ordered.add(object);
    }
    for (int position = 0; position < ordered.size(); position++) {
      SyncObject child = ordered.get(position);
      for (SyncObject parent : child.parents()) {
        int parentPosition = ordered.indexOf(parent);
        if (parentPosition > position) {
          throw new IllegalArgumentException(
              "objects: "
                  + child.displayName()
                  + " is listed before "
                  + parent.displayName()
                  + ", but "
                  + child.displayName()
                  + " records need their "
                  + parent.displayName()
                  + " to exist first; move "
                  + parent.displayName()
                  + " before "
                  + child.displayName());
        }
      }
    }
    return List.copyOf(ordered);
  }
}
