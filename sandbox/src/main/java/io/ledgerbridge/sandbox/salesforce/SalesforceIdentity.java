package io.ledgerbridge.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.http.BasicAuth;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.Router;
import java.util.function.Supplier;

/**
 * The Identity URL that the token response names in {@code id} and the REST resource directory in
 * {@code identity}: {@code GET /id/{orgId}/{userId}} with the access token (Bearer header or
 * {@code oauth_token} parameter) answers who the session's user is and where the org's APIs are.
 * Clients call it as "who am I" (force-rest-api {@code getIdentity()}, jsforce {@code identity()}).
 *
 * <p>Shape and errors follow Salesforce's "Identity URLs" help page: JSON with snake-case keys, API URLs with
 * a literal {@code {version}} unless {@code ?version=} (a number or {@code latest}) is given; errors are
 * plain-text codes: 403 {@code Missing_OAuth_Token} / {@code Bad_OAuth_Token} / {@code Wrong_Org}, 404
 * {@code Bad_Id}, 406 {@code Invalid_Version}. Not in the reference; the exact error bodies are UNCONFIRMED.
 * The sandbox has one user, the integration user every session belongs to.
 */
final class SalesforceIdentity {
  static final String USERNAME = Sandbox.SALESFORCE_USERNAME;

  private final SalesforceSessions sessions;
  private final Supplier<String> baseUrl;

  SalesforceIdentity(SalesforceSessions sessions, Supplier<String> baseUrl) {
    this.sessions = sessions;
    this.baseUrl = baseUrl;
  }

  /** The Identity URL of the integration user, as the token response's {@code id} gives it. */
  static String url(String baseUrl) {
    return baseUrl + "/id/" + SalesforceOrg.ORG_ID + "/" + SalesforceOrg.INTEGRATION_USER_ID;
  }

  void register(Router router) {
    router.add("GET", "/id/{orgId}/{userId}", this::identity);
  }

  private Response identity(Request request) {
    String token = BasicAuth.bearerToken(request);
    if (token == null) {
      token = request.query("oauth_token");
    }
    if (token == null) {
      return error(403, "Missing_OAuth_Token");
    }
    if (!sessions.isLive(token)) {
      return error(403, "Bad_OAuth_Token");
    }
    if (!SalesforceOrg.ORG_ID.equals(SalesforceIds.normalize(request.pathVariable("orgId")))) {
      return error(403, "Wrong_Org");
    }
    if (!SalesforceOrg.INTEGRATION_USER_ID.equals(SalesforceIds.normalize(request.pathVariable("userId")))) {
      return error(404, "Bad_Id");
    }
    String version = request.query("version");
    String versionNumber;
    if (version == null) {
      versionNumber = "{version}";
    } else if (version.equals("latest")) {
      versionNumber = ApiVersions.NEWEST + ".0";
    } else if (ApiVersions.parse("v" + version) > 0) {
      versionNumber = version;
    } else {
      return error(406, "Invalid_Version");
    }
    String base = baseUrl.get();
    String org = SalesforceOrg.ORG_ID;
    ObjectNode body = Json.object();
    body.put("id", url(base));
    body.put("asserted_user", true);
    body.put("user_id", SalesforceOrg.INTEGRATION_USER_ID);
    body.put("organization_id", org);
    body.put("username", USERNAME);
    body.put("nick_name", "integration");
    body.put("display_name", "LedgerBridge Integration");
    body.put("email", USERNAME);
    body.put("email_verified", true);
    body.put("first_name", "LedgerBridge");
    body.put("last_name", "Integration");
    body.put("timezone", "America/Los_Angeles");
    ObjectNode photos = body.putObject("photos");
    photos.put("picture", base + "/profilephoto/005/F");
    photos.put("thumbnail", base + "/profilephoto/005/T");
    body.putNull("addr_street");
    body.putNull("addr_city");
    body.putNull("addr_state");
    body.putNull("addr_country");
    body.putNull("addr_zip");
    body.putNull("mobile_phone");
    body.put("mobile_phone_verified", false);
    body.put("is_lightning_login_user", false);
    ObjectNode status = body.putObject("status");
    status.putNull("created_date");
    status.putNull("body");
    ObjectNode urls = body.putObject("urls");
    urls.put("enterprise", base + "/services/Soap/c/" + versionNumber + "/" + org);
    urls.put("metadata", base + "/services/Soap/m/" + versionNumber + "/" + org);
    urls.put("partner", base + "/services/Soap/u/" + versionNumber + "/" + org);
    urls.put("rest", base + "/services/data/v" + versionNumber + "/");
    urls.put("sobjects", base + "/services/data/v" + versionNumber + "/sobjects/");
    urls.put("search", base + "/services/data/v" + versionNumber + "/search/");
    urls.put("query", base + "/services/data/v" + versionNumber + "/query/");
    urls.put("recent", base + "/services/data/v" + versionNumber + "/recent/");
    urls.put("profile", base + "/" + SalesforceOrg.INTEGRATION_USER_ID);
    urls.put("custom_domain", base);
    body.put("active", true);
    body.put("user_type", "STANDARD");
    body.put("language", "en_US");
    body.put("locale", "en_US");
    body.put("utcOffset", -28_800_000);
    body.put("last_modified_date", "2024-01-02T03:04:05.000+0000");
    body.put("is_app_installed", true);
    return Response.json(200, body);
  }

  private static Response error(int status, String code) {
    return Response.text(status, "text/plain;charset=UTF-8", code);
  }
}
