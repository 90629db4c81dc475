package io.ledgerbridge.worker.connections;

import static io.ledgerbridge.worker.web.HeadlessChromium.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.worker.ApplicationTestSupport;
import io.ledgerbridge.worker.web.HeadlessChromium;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.test.context.TestPropertySource;

/**
 * The admin page's Connections view with the Salesforce org connected by the web-server flow, in a real (headless)
 * Chromium: Connect Salesforce leads to Salesforce's consent, and Disconnect cuts the org off. The same application
 * as {@link SalesforceWebServerFlowTest}'s (the same settings), and like it leaves the org disconnected.
 */
@TestPropertySource(properties = {
    "ledgerbridge.salesforce.auth-flow=web-server",
    "spring.datasource.url=jdbc:h2:mem:salesforce-web-server;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
})
class SalesforceConnectPageTest extends ApplicationTestSupport {

  @Test
  void anAdminConnectsTheOrgFromTheConnectionsViewAndDisconnectsIt() throws IOException {
    try (HeadlessChromium browser = HeadlessChromium.start()) {
      browser.driver().get("http://127.0.0.1:" + port + "/#connections");
      browser.type(By.id("token-input"), ADMIN_TOKEN);
      browser.click(By.id("login-submit"));
      By org = By.cssSelector("#connections-table tr[data-connection^='SALESFORCE-']");
      browser.await(text(org, "Not connected"));
      browser.await(text(org, "by the web-server flow"));

      // Salesforce's consent (the sandbox approves at once) sends the browser to the callback at
      // LEDGERBRIDGE_PUBLIC_URL, not this test's port: the test hands the callback over itself.
      browser.click(By.cssSelector("a[aria-label^='Connect Salesforce org']"));
      completeCallback(browser);

      browser.driver().get("http://127.0.0.1:" + port + "/?connected=salesforce#connections");
      browser.await(text(By.id("notice"), "The Salesforce org is connected"));
      browser.await(text(org, "Connected"));
      browser.click(By.cssSelector("button[aria-label^='Disconnect Salesforce org']"));
      browser.await(ExpectedConditions.alertIsPresent()).accept();
      browser.await(text(By.id("notice"), "is disconnected"));
      browser.await(text(org, "Not connected"));
      assertThat(browser.driver().findElement(By.id("page-error")).getText()).isEmpty();

      // /connect/salesforce, opened by a signed-in admin, goes straight on to Salesforce's consent.
      browser.driver().get("http://127.0.0.1:" + port + "/connect/salesforce");
      completeCallback(browser);
      assertThat(call("DELETE", "/api/connections/salesforce", null).status()).isEqualTo(200);
    }
  }

  private void completeCallback(HeadlessChromium browser) {
    browser.await(d -> d.getCurrentUrl().contains("/connect/salesforce/callback?") && d.getCurrentUrl().contains("code="));
    URI callback = URI.create(browser.driver().getCurrentUrl());
    HttpResponse<String> connected = browse(callback.getPath() + "?" + callback.getRawQuery());
    assertThat(connected.statusCode()).as(connected.body()).isEqualTo(303);
  }
}
