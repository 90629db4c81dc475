package io.ledgerbridge.activities.salesforce;

import java.time.Instant;

/**
 * The Salesforce org as this process last saw it, with no call made to ask: where it is, the API
 * version spoken, and the org's daily API allowance from the {@code Sforce-Limit-Info} header of
 * the last answer ({@code api-usage=used/limit}, counted over the rolling 24 hours by Salesforce).
 *
 * @param instanceUrl the org's REST host, null until the first session
 * @param apiCallsUsed null (as are the limit and what is left) until an answer carried the header
 * @param observedAt when that answer came
 */
public record OrgStatus(
    String loginUrl,
    String instanceUrl,
    String apiVersion,
    Integer apiCallsUsed,
    Integer apiCallsLimit,
    Integer apiCallsLeft,
    Instant observedAt) {

  static OrgStatus of(String loginUrl, String instanceUrl, String apiVersion, Integer used, Integer limit, Instant observedAt) {
    Integer left = used == null || limit == null ? null : Math.max(0, limit - used);
    return new OrgStatus(loginUrl, instanceUrl, apiVersion, used, limit, left, observedAt);
  }
}
