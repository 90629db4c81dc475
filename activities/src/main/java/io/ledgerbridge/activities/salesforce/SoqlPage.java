package io.ledgerbridge.activities.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * One page of a SOQL query; {@code nextRecordsUrl} is null on the last page.
 *
 * @param answeredAt when Salesforce answered, by its own clock (the answer's {@code Date} header, whole seconds)
 */
public record SoqlPage(int totalSize, boolean done, String nextRecordsUrl, List<ObjectNode> records, Instant answeredAt) {}
