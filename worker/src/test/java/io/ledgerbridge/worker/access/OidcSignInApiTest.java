package io.ledgerbridge.worker.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.oidc.IdTokenForgery;
import io.ledgerbridge.sandbox.oidc.OidcProviderSimulator;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Signing in through an OpenID Connect provider, the demo sandbox's, end to end as a browser does it: the start
 * sends it to the provider with PKCE, state and nonce, the provider signs the person in and sends it back, and the
 * callback gives the person with that email a session with their role; every refusal sends it back to the sign-in
 * page with a code the page explains, and gives no session.
 */
class OidcSignInApiTest extends ApplicationTestSupport {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired Sandbox sandbox;

  /** Where a browser's sign-in ended: the last redirect's location and the cookies set on the way. */
  private record Ending(String location, List<String> setCookies) {
    String sessionCookie() {
      return setCookies.stream().filter(cookie -> cookie.startsWith(ApiAuthentication.SESSION_COOKIE + "=")).findFirst()
          .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).orElse(null);
    }
  }

  @AfterEach
  void defaultPerson() {
    provider().signInAs(OidcProviderSimulator.DEFAULT_EMAIL, true);
  }

  @Test
  void aPersonSignsInThroughTheProviderAndGetsASessionWithTheirRole() {
    Instant since = Instant.now();
    JsonNode person = add("OPERATOR");
    provider().signInAs(person.get("email").asText().toUpperCase(), true);

    Ending ending = signIn();

    assertThat(ending.location()).isEqualTo("/");
    assertThat(ending.setCookies()).anySatisfy(cookie -> assertThat(cookie)
        .startsWith(ApiAuthentication.SESSION_COOKIE + "=lbs_").contains("HttpOnly").contains("SameSite=Strict"));
    assertThat(ending.setCookies()).anySatisfy(cookie -> assertThat(cookie)
        .startsWith(SessionCookies.OIDC_STATE_COOKIE + "=;").contains("Max-Age=0"));
    HttpResponse<String> session = get("/api/session", "Cookie", ending.sessionCookie());
    assertThat(session.statusCode()).isEqualTo(200);
    JsonNode current = json(session);
    assertThat(current.get("role").asText()).isEqualTo("OPERATOR");
    assertThat(current.get("actor").get("name").asText()).isEqualTo(person.get("name").asText());
    assertThat(current.get("csrfToken").asText()).isNotBlank();
    JsonNode events = call("GET", "/api/audit?action=SIGNED_IN&from=" + since, null).body().get("events");
    assertThat(events).anySatisfy(event -> {
      assertThat(event.get("target").asText()).isEqualTo("person " + person.get("id").asText());
      assertThat(event.get("details").get("method").asText()).isEqualTo("oidc");
      assertThat(event.get("details").get("issuer").asText()).isEqualTo(provider().issuer());
    });
  }

  @Test
  void theSignInPageLearnsTheProviderAndWhatEachRefusalMeans() {
    HttpResponse<String> methods = get("/api/session/methods");

    assertThat(methods.statusCode()).isEqualTo(200);
    JsonNode body = json(methods);
    assertThat(body.get("password").asBoolean()).isTrue();
    assertThat(body.get("oidc").get("displayName").asText()).isEqualTo("the sandbox provider");
    assertThat(body.get("oidc").get("signInPath").asText()).isEqualTo("/api/session/oidc");
    assertThat(body.get("refusals").get("unknown_person").asText()).contains("ask an admin to add you");
  }

  @Test
  void anEmailNobodyHasOrADisabledPersonIsRefused() {
    provider().signInAs("nobody-" + UUID.randomUUID() + "@example.com", true);
    assertRefused(signIn(), "unknown_person");

    JsonNode person = add("ADMIN");
    assertThat(call("POST", "/api/people/" + person.get("id").asText() + "/disable", null).status()).isEqualTo(200);
    provider().signInAs(person.get("email").asText(), true);
    assertRefused(signIn(), "disabled_person");
  }

  @Test
  void anUnverifiedEmailIsRefused() {
    provider().signInAs(add("VIEWER").get("email").asText(), false);

    assertRefused(signIn(), "email_not_verified");
  }

  @Test
  void aForgedIdTokenIsRefused() {
    provider().signInAs(add("ADMIN").get("email").asText(), true);

    provider().forgeNextIdToken(IdTokenForgery.TAMPERED);
    assertRefused(signIn(), "bad_signature");
    provider().forgeNextIdToken(IdTokenForgery.UNKNOWN_KEY);
    assertRefused(signIn(), "bad_signature");
    provider().forgeNextIdToken(IdTokenForgery.WRONG_AUDIENCE);
    assertRefused(signIn(), "wrong_audience");
    provider().forgeNextIdToken(IdTokenForgery.EXPIRED);
    assertRefused(signIn(), "expired");
    assertThat(signIn().location()).as("the next, unforged token signs in").isEqualTo("/");
  }

  @Test
  void aCallbackWithoutItsBrowsersStateCookieOrUsedTwiceIsRefused() {
    provider().signInAs(add("ADMIN").get("email").asText(), true);
    HttpResponse<String> start = get("/api/session/oidc");
    String stateCookie = cookie(start, SessionCookies.OIDC_STATE_COOKIE);
    String callback = callbackPath(get(start.headers().firstValue("Location").orElseThrow()));

    assertRefused(ending(get(callback)), "state_mismatch");
    assertRefused(ending(get(callback, "Cookie", SessionCookies.OIDC_STATE_COOKIE + "=another-state")), "state_mismatch");
    assertRefused(ending(get(callback, "Cookie", stateCookie)), "state_mismatch");
  }

  @Test
  void theProvidersErrorIsRefused() {
    HttpResponse<String> start = get("/api/session/oidc");
    String state = URI.create(start.headers().firstValue("Location").orElseThrow()).getQuery()
        .replaceAll(".*state=([^&]*).*", "$1");

    assertRefused(ending(get("/api/session/oidc/callback?error=access_denied&state=" + state,
        "Cookie", cookie(start, SessionCookies.OIDC_STATE_COOKIE))), "provider_error");
  }

  @Test
  void aCodeTheProviderRefusesIsRefused() {
    provider().signInAs(add("ADMIN").get("email").asText(), true);
    HttpResponse<String> start = get("/api/session/oidc");
    String callback = callbackPath(get(start.headers().firstValue("Location").orElseThrow()));

    assertRefused(ending(get(callback.replaceAll("code=[^&]*", "code=not-the-code"),
        "Cookie", cookie(start, SessionCookies.OIDC_STATE_COOKIE))), "provider_unavailable");
  }

  private static void assertRefused(Ending ending, String code) {
    assertThat(ending.location()).isEqualTo("/?signInError=" + code);
    assertThat(ending.sessionCookie()).as("no session").isNull();
  }

  private OidcProviderSimulator provider() {
    return sandbox.oidcProvider();
  }

  /** The whole flow as a browser follows it, keeping the state cookie the start set. */
  private Ending signIn() {
    HttpResponse<String> start = get("/api/session/oidc");
    assertThat(start.statusCode()).isEqualTo(303);
    String authorize = start.headers().firstValue("Location").orElseThrow();
    assertThat(authorize).startsWith(provider().issuer() + "/authorize?").contains("code_challenge_method=S256")
        .contains("nonce=").contains("state=");
    return ending(get(callbackPath(get(authorize)), "Cookie", cookie(start, SessionCookies.OIDC_STATE_COOKIE)));
  }

  /** The provider redirects to the registered URI (the public URL); the test calls this server's port instead. */
  private static String callbackPath(HttpResponse<String> consent) {
    URI redirect = URI.create(consent.headers().firstValue("Location").orElseThrow());
    assertThat(redirect.getPath()).isEqualTo("/api/session/oidc/callback");
    return redirect.getPath() + "?" + redirect.getRawQuery();
  }

  private static Ending ending(HttpResponse<String> callback) {
    assertThat(callback.statusCode()).isEqualTo(303);
    return new Ending(callback.headers().firstValue("Location").orElseThrow(), callback.headers().allValues("Set-Cookie"));
  }

  private static String cookie(HttpResponse<String> response, String name) {
    return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith(name + "="))
        .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).findFirst().orElseThrow();
  }

  private JsonNode add(String role) {
    String who = "oidc" + UUID.randomUUID().toString().substring(0, 8);
    ApiResponse added = call("POST", "/api/people", """
        {"name":"Person %s","email":"%s@example.com","role":"%s","password":"a long first password"}"""
        .formatted(who, who, role));
    assertThat(added.status()).as("%s", added.body()).isEqualTo(201);
    return added.body();
  }

  /** A GET as a browser sends it, to this server for a path, else to the URL; redirects are not followed. */
  private HttpResponse<String> get(String pathOrUrl, String... headers) {
    String url = pathOrUrl.startsWith("/") ? "http://127.0.0.1:" + port + pathOrUrl : pathOrUrl;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
