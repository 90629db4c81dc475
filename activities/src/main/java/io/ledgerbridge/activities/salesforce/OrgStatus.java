package io.ledgerbridge.activities.salesforce;

import java.time.Instant;

/**
 * The Salesforce org as this process last saw it, with no call made to ask: where it is, which org
 * and user the session is (from the identity URL the token answer carries), the API version spoken,
 * and the org's daily API allowance from the {@code Sforce-Limit-Info} header of the last answer
 * ({@code api-usage=used/limit}, counted over the rolling 24 hours by Salesforce).
 *
 * @param instanceUrl the org's REST host, null until the first session (as are the ids)
 * @param orgId the org's id ({@code 00D...})
 * @param userId the user LedgerBridge acts as ({@code 005...}: the connected app's run-as user)
 * @param userName that user's display name, and {@code username} its login: asked once from the
 *     identity URL, so null until then (or when it did not answer)
 * @param apiCallsUsed null (as are the limit, what is left and the reserve) until an answer carried the header
 * @param apiCallsReserve what LedgerBridge leaves to the org's other users: once no more is left, its calls stop
 * @param observedAt when that answer came
 */
public record OrgStatus(
    String loginUrl,
    String instanceUrl,
    String orgId,
    String userId,
    String userName,
    String username,
    String apiVersion,
    Integer apiCallsUsed,
    Integer apiCallsLimit,
    Integer apiCallsLeft,
    Integer apiCallsReserve,
    Instant observedAt) {

  static OrgStatus of(String loginUrl, String instanceUrl, String identityUrl, String apiVersion, Integer used,
      Integer limit, Integer reserve, Instant observedAt) {
    String[] ids = identityIds(identityUrl);
    Integer left = used == null || limit == null ? null : Math.max(0, limit - used);
    return new OrgStatus(loginUrl, instanceUrl, ids[0], ids[1], null, null, apiVersion, used, limit, left, reserve,
        observedAt);
  }

  /** This status with the user's name and login. */
  public OrgStatus naming(SalesforceUser user) {
    return new OrgStatus(loginUrl, instanceUrl, orgId, userId, user.name(), user.username(), apiVersion, apiCallsUsed,
        apiCallsLimit, apiCallsLeft, apiCallsReserve, observedAt);
  }

  /** The org and user ids of {@code .../id/<orgId>/<userId>}, or nulls. */
  private static String[] identityIds(String identityUrl) {
    int at = identityUrl == null ? -1 : identityUrl.lastIndexOf("/id/");
    if (at < 0) {
      return new String[] {null, null};
    }
    String[] parts = identityUrl.substring(at + 4).split("/");
    return parts.length == 2 && !parts[0].isBlank() && !parts[1].isBlank() ? parts : new String[] {null, null};
  }
}
