package io.ledgerbridge.worker.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How the records of one mapping are compared: the fields, and each side's fingerprints of them
 * for a page of records. The source record goes through the mapping as the sync would send it, and
 * the result is compared with what the target holds now.
 */
interface Comparison {

  /** The compared fields' names, in the order of the fingerprints. */
  List<String> fields();

  /** The fingerprints of a page of the mapping's Salesforce records, one array per record in order. */
  List<long[]> salesforceSide(List<ObjectNode> page);

  /** The fingerprints of a page of QuickBooks records, one array per record in order. */
  List<long[]> quickBooksSide(List<ObjectNode> page);

  /** The names of the fields whose fingerprints differ. */
  default List<String> differing(long[] salesforce, long[] quickBooks) {
    List<String> names = fields();
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      boolean compared = salesforce[i] != Fingerprints.NOT_COMPARED && quickBooks[i] != Fingerprints.NOT_COMPARED;
      if (compared && salesforce[i] != quickBooks[i]) {
        differing.add(names.get(i));
      }
    }
    return differing;
  }
}
