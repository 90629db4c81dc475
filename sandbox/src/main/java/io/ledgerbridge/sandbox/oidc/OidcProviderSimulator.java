package io.ledgerbridge.sandbox.oidc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.http.BasicAuth;
import io.ledgerbridge.sandbox.http.Json;
import io.ledgerbridge.sandbox.http.Request;
import io.ledgerbridge.sandbox.http.Response;
import io.ledgerbridge.sandbox.http.Router;
import io.ledgerbridge.sandbox.http.SimulatorServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenID Connect provider, as Google's or Microsoft's sign-in is to a web application, on its own port: the
 * discovery document at {@code /.well-known/openid-configuration}, {@code /authorize} (the authorization code flow
 * with PKCE S256 only; it signs in the configured person at once, with no login page), {@code /token} (the code for
 * an ID token signed RS256 by a key pair made at start; the client authenticates with HTTP Basic or in the form) and
 * {@code /jwks}. The issuer is the base URL. Thread-safe.
 */
public final class OidcProviderSimulator implements AutoCloseable {
  public static final String CLIENT_ID = "ledgerbridge-demo-oidc";
  public static final String CLIENT_SECRET = "demo-oidc-secret";
  /** Whom {@code /authorize} signs in until {@link #signInAs} says otherwise. */
  public static final String DEFAULT_EMAIL = "admin@ledgerbridge-sandbox.example.com";
  private static final Logger log = LoggerFactory.getLogger(OidcProviderSimulator.class);
  private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
  private static final Duration ID_TOKEN_LIFETIME = Duration.ofHours(1);
  private static final String KEY_ID = "sandbox-oidc-1";

  /** The person the provider signs in: their email and whether the provider verified it. */
  private record Identity(String email, boolean emailVerified) {}

  /** What a code was issued for, to be checked when it is redeemed. */
  private record IssuedCode(String redirectUri, String codeChallenge, String nonce, Identity identity, Instant expiry) {}

  private final Clock clock;
  private final KeyPair signingKeys;
  private final KeyPair unknownKeys;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
  private final AtomicReference<Identity> signedIn = new AtomicReference<>(new Identity(DEFAULT_EMAIL, true));
  private final AtomicReference<IdTokenForgery> nextForgery = new AtomicReference<>();
  private final SimulatorServer server;

  private OidcProviderSimulator(String host, int port, Clock clock) {
    this.clock = clock;
    this.signingKeys = newRsaKeys();
    this.unknownKeys = newRsaKeys();
    Router router = new Router();
    router.add("GET", "/.well-known/openid-configuration", this::discovery);
    router.add("GET", "/authorize", this::authorize);
    router.add("POST", "/token", this::token);
    router.add("GET", "/jwks", this::jwks);
    this.server = SimulatorServer.start("OIDC provider", host, port, router, List.of(),
        (request, otherMethod) -> Response.json(otherMethod ? 405 : 404, error(otherMethod ? "method_not_allowed" : "not_found",
            request.method() + " " + request.path())));
  }

  /** Starts the provider on host:port (0 picks a free port). */
  public static OidcProviderSimulator start(String host, int port, Clock clock) {
    return new OidcProviderSimulator(host, port, clock);
  }

  /** The issuer, which is also the base URL, e.g. {@code http://127.0.0.1:40123}. */
  public String issuer() {
    return server.baseUrl();
  }

  /** Whom {@code /authorize} signs in from now on, and whether their email counts as verified. */
  public void signInAs(String email, boolean emailVerified) {
    signedIn.set(new Identity(email, emailVerified));
  }

  /** Puts the flaw into the next ID token issued only. */
  public void forgeNextIdToken(IdTokenForgery forgery) {
    nextForgery.set(forgery);
  }

  @Override
  public void close() {
    server.close();
  }

  private Response discovery(Request request) {
    String issuer = issuer();
    ObjectNode body = Json.object();
    body.put("issuer", issuer);
    body.put("authorization_endpoint", issuer + "/authorize");
    body.put("token_endpoint", issuer + "/token");
    body.put("jwks_uri", issuer + "/jwks");
    body.putArray("response_types_supported").add("code");
    body.putArray("subject_types_supported").add("public");
    body.putArray("id_token_signing_alg_values_supported").add("RS256");
    body.putArray("scopes_supported").add("openid").add("email").add("profile");
    body.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
    body.putArray("code_challenge_methods_supported").add("S256");
    return Response.json(200, body);
  }

  /**
   * The sign-in and consent, approved at once. A wrong client or a missing redirect URI is shown to the person (400),
   * as providers do rather than redirect to an unverified place; any other error goes back to the redirect URI.
   */
  private Response authorize(Request request) {
    String redirectUri = request.query("redirect_uri");
    if (!CLIENT_ID.equals(request.query("client_id")) || redirectUri == null || redirectUri.isBlank()) {
      return Response.text(400, "text/plain", "invalid_client: unknown client_id or missing redirect_uri");
    }
    String state = request.query("state");
    if (!"code".equals(request.query("response_type"))) {
      return Response.redirect(redirect(redirectUri, Map.of("error", "unsupported_response_type"), state));
    }
    String scope = request.query("scope");
    if (scope == null || !Arrays.asList(scope.split(" ")).contains("openid")) {
      return Response.redirect(redirect(redirectUri, Map.of("error", "invalid_scope",
          "error_description", "scope must include openid"), state));
    }
    String challenge = request.query("code_challenge");
    if (challenge == null || !"S256".equals(request.query("code_challenge_method"))) {
      return Response.redirect(redirect(redirectUri, Map.of("error", "invalid_request",
          "error_description", "PKCE with code_challenge_method S256 is required"), state));
    }
    Instant now = clock.instant();
    codes.values().removeIf(issued -> issued.expiry().isBefore(now));
    String code = randomText();
    codes.put(code, new IssuedCode(redirectUri, challenge, request.query("nonce"), signedIn.get(), now.plus(CODE_LIFETIME)));
    log.info("OIDC provider: signed in {} for {}", signedIn.get().email(), CLIENT_ID);
    return Response.redirect(redirect(redirectUri, Map.of("code", code), state));
  }

  private Response token(Request request) {
    Map<String, String> form = request.formBody();
    BasicAuth basic = BasicAuth.from(request);
    String clientId = basic != null ? basic.clientId() : form.get("client_id");
    String clientSecret = basic != null ? basic.clientSecret() : form.get("client_secret");
    if (!CLIENT_ID.equals(clientId) || !CLIENT_SECRET.equals(clientSecret)) {
      return Response.json(401, error("invalid_client", "unknown client or wrong secret"));
    }
    if (!"authorization_code".equals(form.get("grant_type"))) {
      return Response.json(400, error("unsupported_grant_type", "only authorization_code"));
    }
    IssuedCode issued = form.get("code") == null ? null : codes.remove(form.get("code"));
    if (issued == null || issued.expiry().isBefore(clock.instant())) {
      return Response.json(400, error("invalid_grant", "the code is unknown, used or expired"));
    }
    if (!issued.redirectUri().equals(form.get("redirect_uri"))) {
      return Response.json(400, error("invalid_grant", "redirect_uri differs from the authorization request's"));
    }
    String verifier = form.get("code_verifier");
    if (verifier == null || !s256(verifier).equals(issued.codeChallenge())) {
      return Response.json(400, error("invalid_grant", "code_verifier does not match the code_challenge"));
    }
    ObjectNode body = Json.object();
    body.put("access_token", randomText());
    body.put("token_type", "Bearer");
    body.put("expires_in", ID_TOKEN_LIFETIME.toSeconds());
    body.put("scope", "openid email");
    body.put("id_token", idToken(issued, nextForgery.getAndSet(null)));
    return Response.json(200, body).header("Cache-Control", "no-store");
  }

  private Response jwks(Request request) {
    RSAPublicKey key = (RSAPublicKey) signingKeys.getPublic();
    ObjectNode jwk = Json.object();
    jwk.put("kty", "RSA");
    jwk.put("use", "sig");
    jwk.put("alg", "RS256");
    jwk.put("kid", KEY_ID);
    jwk.put("n", base64Url(unsigned(key.getModulus().toByteArray())));
    jwk.put("e", base64Url(unsigned(key.getPublicExponent().toByteArray())));
    ObjectNode body = Json.object();
    body.putArray("keys").add(jwk);
    return Response.json(200, body);
  }

  private String idToken(IssuedCode issued, IdTokenForgery forgery) {
    Instant now = clock.instant();
    Instant issuedAt = forgery == IdTokenForgery.EXPIRED ? now.minus(ID_TOKEN_LIFETIME.multipliedBy(2)) : now;
    ObjectNode claims = Json.object();
    claims.put("iss", issuer());
    claims.put("aud", forgery == IdTokenForgery.WRONG_AUDIENCE ? "another-application" : CLIENT_ID);
    claims.put("sub", "sandbox-" + Integer.toHexString(issued.identity().email().hashCode()));
    claims.put("email", issued.identity().email());
    claims.put("email_verified", issued.identity().emailVerified());
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", issuedAt.plus(ID_TOKEN_LIFETIME).getEpochSecond());
    if (issued.nonce() != null) {
      claims.put("nonce", issued.nonce());
    }
    ObjectNode header = Json.object();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", KEY_ID);
    String signedPart = base64Url(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
        + base64Url(claims.toString().getBytes(StandardCharsets.UTF_8));
    String signature = sign(signedPart, forgery == IdTokenForgery.UNKNOWN_KEY ? unknownKeys.getPrivate() : signingKeys.getPrivate());
    if (forgery == IdTokenForgery.TAMPERED) {
      claims.put("email", "someone-else@ledgerbridge-sandbox.example.com");
      signedPart = signedPart.substring(0, signedPart.indexOf('.') + 1)
          + base64Url(claims.toString().getBytes(StandardCharsets.UTF_8));
    }
    return signedPart + "." + signature;
  }

  private static String sign(String signedPart, PrivateKey key) {
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signedPart.getBytes(StandardCharsets.US_ASCII));
      return base64Url(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime signs SHA256withRSA", e);
    }
  }

  private static KeyPair newRsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime makes RSA keys", e);
    }
  }

  private static String s256(String verifier) {
    try {
      return base64Url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A big integer's bytes without the sign byte Java puts in front of a leading 1 bit, as JWK wants them. */
  private static byte[] unsigned(byte[] bytes) {
    return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private String randomText() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return base64Url(bytes);
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ObjectNode error(String error, String description) {
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put("error_description", description);
    return body;
  }

  private static String redirect(String redirectUri, Map<String, String> parameters, String state) {
    StringBuilder url = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
    parameters.forEach((name, value) -> url.append(name).append('=').append(encode(value)).append('&'));
    if (state != null) {
      url.append("state=").append(encode(state)).append('&');
    }
    return url.substring(0, url.length() - 1);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
