package io.ledgerbridge.activities.runs;

import java.util.List;
import java.util.Map;

/**
 * What a stored run adds to the workflow's report.
 *
 * @param apiCalls API calls made per system ({@code QUICKBOOKS}, {@code SALESFORCE})
 * @param openErrors open errors of the run's company when it finished; null while it runs
 */
public record RunDetails(List<ObjectDetails> objects, Map<String, Long> apiCalls, Integer openErrors) {}
