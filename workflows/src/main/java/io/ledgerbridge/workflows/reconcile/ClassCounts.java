package io.ledgerbridge.workflows.reconcile;

/** How many records of one object fell in each {@link RecordClass}. */
public record ClassCounts(
    int linkedEqual, int linkedDifferent, int onlyInQuickBooks, int onlyInSalesforce, int dangling, int openErrors) {

  public static final ClassCounts NONE = new ClassCounts(0, 0, 0, 0, 0, 0);

  /** The records on which the systems disagree and no error is open. */
  public int differences() {
    return linkedDifferent + onlyInQuickBooks + onlyInSalesforce + dangling;
  }

  public int of(RecordClass recordClass) {
    return switch (recordClass) {
      case LINKED_EQUAL -> linkedEqual;
      case LINKED_DIFFERENT -> linkedDifferent;
      case ONLY_IN_QUICKBOOKS -> onlyInQuickBooks;
      case ONLY_IN_SALESFORCE -> onlyInSalesforce;
      case DANGLING -> dangling;
      case OPEN_ERROR -> openErrors;
    };
  }

  /** These counts with one more record of {@code recordClass}. */
  public ClassCounts plusOne(RecordClass recordClass) {
    return new ClassCounts(
        linkedEqual + (recordClass == RecordClass.LINKED_EQUAL ? 1 : 0),
        linkedDifferent + (recordClass == RecordClass.LINKED_DIFFERENT ? 1 : 0),
        onlyInQuickBooks + (recordClass == RecordClass.ONLY_IN_QUICKBOOKS ? 1 : 0),
        onlyInSalesforce + (recordClass == RecordClass.ONLY_IN_SALESFORCE ? 1 : 0),
        dangling + (recordClass == RecordClass.DANGLING ? 1 : 0),
        openErrors + (recordClass == RecordClass.OPEN_ERROR ? 1 : 0));
  }
}
