package io.ledgerbridge.worker.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.oidc.OidcProviderSimulator;
import io.ledgerbridge.worker.config.LedgerBridgeProperties;
import io.ledgerbridge.worker.config.OidcSignInPaths;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.springframework.stereotype.Component;

/**
 * The OpenID Connect provider people sign in with, as configured ({@code LEDGERBRIDGE_OIDC_*}), or in demo mode,
 * when none is, the sandbox's. Reads the discovery document once (at the first sign-in, so LedgerBridge starts while
 * the provider is away), builds the authorization URL, exchanges a code for the ID token (client authenticated with
 * HTTP Basic, the default of OpenID Connect) and holds the JWKS, read again when a token names a key it lacks (the
 * provider rotated its keys), at most once a minute.
 */
@Component
class OidcProvider {
  private static final Duration JWKS_REFRESH_PAUSE = Duration.ofMinutes(1);

  /** The provider and how LedgerBridge is registered with it. */
  record Settings(String issuer, String clientId, String clientSecret, String displayName, List<String> allowedDomains,
      String redirectUri) {}

  /** What the discovery document says. */
  private record Endpoints(String authorization, String token, String jwks) {}

  private final Optional<Settings> settings;
  private final OkHttpClient http;
  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();
  private volatile Endpoints endpoints;
  private volatile Map<String, PublicKey> keys = Map.of();
  private volatile Instant keysReadAt = Instant.EPOCH;

  OidcProvider(LedgerBridgeProperties properties, Optional<Sandbox> sandbox, OkHttpClient http, ObjectMapper json) {
    this.settings = settings(properties, sandbox);
    // A person waits on these calls: far shorter than the sync's timeouts.
    this.http = http.newBuilder().callTimeout(Duration.ofSeconds(20)).build();
    this.json = json;
  }

  private static Optional<Settings> settings(LedgerBridgeProperties properties, Optional<Sandbox> sandbox) {
    String redirectUri = properties.publicUrl().replaceAll("/+$", "") + OidcSignInPaths.CALLBACK;
    LedgerBridgeProperties.Oidc oidc = properties.oidc();
    if (oidc != null && oidc.configured()) {
      String name = oidc.displayName() == null || oidc.displayName().isBlank()
          ? URI.create(oidc.issuer()).getHost() : oidc.displayName().trim();
      return Optional.of(new Settings(oidc.issuer(), oidc.clientId(), oidc.clientSecret(), name, oidc.allowedDomains(),
          redirectUri));
    }
    return sandbox.map(demo -> new Settings(demo.oidcProvider().issuer(), OidcProviderSimulator.CLIENT_ID,
        OidcProviderSimulator.CLIENT_SECRET, "the sandbox provider", List.of(), redirectUri));
  }

  Optional<Settings> settings() {
    return settings;
  }

  /** The provider's sign-in page for this flow: code flow, PKCE S256, with state and nonce. */
  String authorizationUrl(Settings provider, String state, String nonce, String codeChallenge) {
    HttpUrl authorize = HttpUrl.get(endpoints(provider).authorization());
    return authorize.newBuilder()
        .addQueryParameter("response_type", "code")
        .addQueryParameter("client_id", provider.clientId())
        .addQueryParameter("redirect_uri", provider.redirectUri())
        .addQueryParameter("scope", "openid email")
        .addQueryParameter("state", state)
        .addQueryParameter("nonce", nonce)
        .addQueryParameter("code_challenge", codeChallenge)
        .addQueryParameter("code_challenge_method", "S256")
        .build().toString();
  }

  /** Exchanges the callback's code (with the PKCE verifier) for the ID token, unverified yet. */
  String idToken(Settings provider, String code, String codeVerifier) {
    Request request = new Request.Builder().url(endpoints(provider).token())
        .header("Authorization", Credentials.basic(provider.clientId(), provider.clientSecret()))
        .post(new FormBody.Builder()
            .add("grant_type", "authorization_code")
            .add("code", code)
            .add("redirect_uri", provider.redirectUri())
            .add("code_verifier", codeVerifier)
            .build())
        .build();
    JsonNode answer = call(request, "the token endpoint");
    if (!answer.path("id_token").isTextual()) {
      throw new OidcSignInRefusedException(OidcRefusal.PROVIDER_UNAVAILABLE,
          "the token endpoint answered without an id_token (was the 'openid' scope granted?)");
    }
    return answer.get("id_token").asText();
  }

  /** The provider's RSA signing key with this id (null: its only one); reads the JWKS again for an unknown id. */
  Optional<PublicKey> key(Settings provider, String keyId) {
    Optional<PublicKey> known = find(keyId);
    Instant now = clock.instant();
    if (known.isEmpty() && keysReadAt.plus(JWKS_REFRESH_PAUSE).isBefore(now)) {
      keys = readKeys(provider);
      keysReadAt = now;
      known = find(keyId);
    }
    return known;
  }

  private Optional<PublicKey> find(String keyId) {
    Map<String, PublicKey> current = keys;
    if (keyId == null) {
      return current.size() == 1 ? current.values().stream().findFirst() : Optional.empty();
    }
    return Optional.ofNullable(current.get(keyId));
  }

  private Map<String, PublicKey> readKeys(Settings provider) {
    JsonNode jwks = call(new Request.Builder().url(endpoints(provider).jwks()).build(), "the JWKS");
    Map<String, PublicKey> read = new HashMap<>();
    for (JsonNode key : jwks.path("keys")) {
      boolean forSignatures = !key.has("use") || "sig".equals(key.path("use").asText());
      if ("RSA".equals(key.path("kty").asText()) && forSignatures && key.path("n").isTextual() && key.path("e").isTextual()) {
        try {
          Base64.Decoder base64 = Base64.getUrlDecoder();
          read.put(key.path("kid").asText(""), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
              new BigInteger(1, base64.decode(key.get("n").asText())), new BigInteger(1, base64.decode(key.get("e").asText())))));
        } catch (IllegalArgumentException | GeneralSecurityException malformed) {
          // A key this server cannot read cannot have signed a token it accepts; the others still can.
        }
      }
    }
    return Map.copyOf(read);
  }

  private Endpoints endpoints(Settings provider) {
    Endpoints known = endpoints;
    if (known != null) {
      return known;
    }
    String discoveryUrl = provider.issuer().replaceAll("/+$", "") + "/.well-known/openid-configuration";
    JsonNode discovery = call(new Request.Builder().url(discoveryUrl).build(), "the discovery document " + discoveryUrl);
    if (!provider.issuer().equals(discovery.path("issuer").asText())) {
      throw new OidcSignInRefusedException(OidcRefusal.PROVIDER_UNAVAILABLE, "the discovery document's issuer is '"
          + discovery.path("issuer").asText() + "', not LEDGERBRIDGE_OIDC_ISSUER '" + provider.issuer()
          + "': set the issuer exactly as the provider names it");
    }
    for (String field : List.of("authorization_endpoint", "token_endpoint", "jwks_uri")) {
      if (HttpUrl.parse(discovery.path(field).asText()) == null) {
        throw new OidcSignInRefusedException(OidcRefusal.PROVIDER_UNAVAILABLE,
            "the discovery document " + discoveryUrl + " has no URL in " + field);
      }
    }
    known = new Endpoints(discovery.get("authorization_endpoint").asText(), discovery.get("token_endpoint").asText(),
        discovery.get("jwks_uri").asText());
    endpoints = known;
    return known;
  }

  /** The JSON answer; a failure or refusal is the provider being unavailable, with its OAuth error for the log. */
  private JsonNode call(Request request, String what) {
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      JsonNode answer = text.isEmpty() ? json.createObjectNode() : json.readTree(text);
      if (!response.isSuccessful()) {
        throw new OidcSignInRefusedException(OidcRefusal.PROVIDER_UNAVAILABLE, what + " answered " + response.code()
            + " " + answer.path("error").asText("") + " " + answer.path("error_description").asText(""));
      }
      return answer;
    } catch (IOException e) {
      throw new OidcSignInRefusedException(OidcRefusal.PROVIDER_UNAVAILABLE, what + " could not be read: " + e.getMessage(), e);
    }
  }
}
