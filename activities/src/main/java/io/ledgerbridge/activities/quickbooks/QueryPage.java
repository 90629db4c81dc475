package io.ledgerbridge.activities.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * One page of a QBO query.
 *
 * @param startPosition the 1-based position of the first record, as Intuit echoed it
 * @param requested the MAXRESULTS asked for; a page with fewer records is the last one
 * @param totalCount Intuit's {@code totalCount} when it sent one, else null
 * @param answeredAt the answer's {@code time}, QuickBooks' own clock, when it sent one, else null
 */
public record QueryPage(
    String entity, List<ObjectNode> records, int startPosition, int requested, Integer totalCount, Instant answeredAt) {

  /** Whether more records may follow. */
  public boolean hasMore() {
    return records.size() >= requested;
  }
}
