package io.ledgerbridge.worker.reconcile;

import io.ledgerbridge.workflows.reconcile.ClassCounts;
import io.ledgerbridge.workflows.reconcile.ObjectReconciliation;
import io.ledgerbridge.workflows.reconcile.RecordClass;
import io.ledgerbridge.workflows.reconcile.RecordSample;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a reconciliation of one object found so far: counts for every record, a few examples of each class. */
final class Findings {
  private ClassCounts counts = ClassCounts.NONE;
  private final Map<String, Integer> differingFields = new TreeMap<>();
  private final List<RecordSample> samples = new ArrayList<>();
  private final Map<RecordClass, Integer> sampled = new EnumMap<>(RecordClass.class);

  void add(RecordClass recordClass, String quickBooksId, String salesforceId, List<String> fields) {
    counts = counts.plusOne(recordClass);
    fields.forEach(field -> differingFields.merge(field, 1, Integer::sum));
    if (sampled.merge(recordClass, 1, Integer::sum) <= ObjectReconciliation.MAX_SAMPLES) {
      samples.add(new RecordSample(recordClass, quickBooksId, salesforceId, fields));
    }
  }

  void add(RecordClass recordClass, String quickBooksId, String salesforceId) {
    add(recordClass, quickBooksId, salesforceId, List.of());
  }

  ClassCounts counts() {
    return counts;
  }

  Map<String, Integer> differingFields() {
    return differingFields;
  }

  List<RecordSample> samples() {
    return samples;
  }
}
