package io.ledgerbridge.activities.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One page of a SOQL query; {@code nextRecordsUrl} is null on the last page. */
public record SoqlPage(int totalSize, boolean done, String nextRecordsUrl, List<ObjectNode> records) {}
