package io.ledgerbridge.worker.web;

import static org.assertj.core.api.Assertions.assertThat;
import static io.ledgerbridge.worker.web.HeadlessChromium.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerbridge.sandbox.Sandbox;
import io.ledgerbridge.sandbox.oidc.OidcProviderSimulator;
import io.ledgerbridge.worker.ApplicationTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin page in a real (headless) Chromium against the running application: sign in, see the
 * demo job, schedule a job through the form, have a bad form refused with the API's message, run
 * the job now and find its run and the job's run charts, pause it and delete it; the run and error
 * charts with no data, with data, and without their library; the audit trail filtered by action and
 * target; an admin adding a person and creating and revoking a token, and that person signing in with
 * their password, acting with their role, and signing out; the connections view with a company disconnected
 * and Intuit's Reconnect URL leading into the connect flow; each role offered only its actions; a person signing in
 * through the OpenID Connect provider, and a refusal explained on the sign-in page. Skipped when Chromium is not
 * installed.
 */
class AdminPageBrowserTest extends ApplicationTestSupport {
  private static final String COMPANY = "9130357766001001";
  private static final String JOB_NAME = "Browser weekly customers";
  private static final String BAD_JOB_NAME = "Browser bad order";

  @Autowired Sandbox sandbox;

  private HeadlessChromium browser;
  private WebDriver driver;
  private boolean demoJobStandIn;

  @BeforeEach
  void startBrowser() throws IOException {
    browser = HeadlessChromium.start();
    driver = browser.driver();
  }

  @AfterEach
  void stopBrowser() throws IOException {
    for (String name : List.of(JOB_NAME, BAD_JOB_NAME)) {
      jobNamed(name).ifPresent(job -> call("DELETE", "/api/jobs/" + job.get("id").asText(), null));
    }
    if (demoJobStandIn) {
      call("DELETE", "/api/jobs/demo-customers", null);
    }
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void anAdminSchedulesRunsPausesAndDeletesAJobFromTheAdminPage() throws IOException {
    try {
      adminSchedulesRunsPausesAndDeletesAJob();
    } catch (RuntimeException | AssertionError | IOException failure) {
      save("admin-page-failure.png", ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      save("admin-page-failure.html", driver.getPageSource().getBytes(StandardCharsets.UTF_8));
      throw failure;
    }
  }

  private void adminSchedulesRunsPausesAndDeletesAJob() throws IOException {
    demoJob();
    driver.get("http://127.0.0.1:" + port + "/");

    // A wrong token is refused with a clear message; the right one opens the jobs view.
    type(By.id("token-input"), "not-the-token");
    click(By.id("login-submit"));
    await(text(By.id("login-error"), "The token was refused: wrong admin token or API token"));
    type(By.id("token-input"), ADMIN_TOKEN);
    click(By.id("login-submit"));

    JsonNode demo = call("GET", "/api/jobs/demo-customers", null).body();
    By demoRow = jobRow("demo-customers");
    await(text(demoRow, demo.get("scheduleDescription").asText()));
    await(d -> d.findElements(By.cssSelector("tr[data-job-id='demo-customers'] .next-runs li")).size()
        == demo.get("nextRuns").size());
    assertThat(demo.get("nextRuns").size()).isPositive();

    // The form offers the catalog's objects that sync in the chosen direction, parents first.
    click(By.cssSelector("#nav a[href='#schedule']"));
    await(ExpectedConditions.visibilityOfElementLocated(By.id("job-form")));
    JsonNode catalog = call("GET", "/api/catalog", null).body();
    await(d -> optionValues(By.id("object-add-select")).equals(namesSyncing(catalog, "QBO_TO_SALESFORCE")));
    click(By.cssSelector("input[name='direction'][value='SALESFORCE_TO_QBO']"));
    await(d -> optionValues(By.id("object-add-select")).equals(namesSyncing(catalog, "SALESFORCE_TO_QBO")));
    assertThat(optionValues(By.id("object-add-select"))).doesNotContain("Payment");
    click(By.cssSelector("input[name='direction'][value='QBO_TO_SALESFORCE']"));
    assertThat(driver.findElement(By.id("job-objects-hint")).getText())
        .isEqualTo("Parents first: Customer and Item before Invoice; Customer and Item before CreditMemo;"
            + " Customer, Invoice and CreditMemo before Payment; Customer and Item before SalesReceipt; Customer and Item before Estimate; Customer before Contact.");

    // A child before its parent: the API refuses, the page shows why, nothing is created.
    type(By.id("job-name"), BAD_JOB_NAME);
    type(By.id("job-company"), COMPANY);
    addObject("Invoice");
    addObject("Customer");
    click(By.id("job-submit"));
    await(text(By.id("form-error"), "Invoice is listed before Customer"));
    assertThat(driver.findElement(By.id("job-objects")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(jobNamed(BAD_JOB_NAME)).isEmpty();

    // Fixed: Customer only, Mondays and Wednesdays at 07:15 Berlin time.
    click(By.cssSelector("button[aria-label='Remove Invoice']"));
    type(By.id("job-name"), JOB_NAME);
    type(By.id("sched-minute"), "15");
    type(By.id("sched-hour"), "7");
    click(By.cssSelector("input[name='dayKind'][value='week']"));
    click(By.cssSelector("#sched-dow-checks input[value='MON']"));
    click(By.cssSelector("#sched-dow-checks input[value='WED']"));
    new Select(driver.findElement(By.id("sched-zone"))).selectByValue("Europe/Berlin");
    // The server previews the schedule as it would run it.
    await(text(By.id("sched-preview"), "Runs at 07:15 on Mondays and Wednesdays (Europe/Berlin)"));
    await(d -> d.findElements(By.cssSelector("#sched-preview .next-runs li")).size() == 5);
    type(By.id("sched-hour"), "25");
    await(text(By.id("sched-preview"), "schedule.hour: '25' is out of range"));
    type(By.id("sched-hour"), "7");
    await(text(By.id("sched-preview"), "Runs at 07:15 on Mondays and Wednesdays (Europe/Berlin)"));
    click(By.id("job-submit"));

    await(ExpectedConditions.urlContains("#jobs"));
    JsonNode job = jobNamed(JOB_NAME).orElseThrow(() -> new AssertionError("the form created no job"));
    String id = job.get("id").asText();
    assertThat(job.get("schedule").get("dayOfWeek").toString()).isEqualTo("[\"MON\",\"WED\"]");
    assertThat(job.get("schedule").has("dayOfMonth")).isFalse();
    assertThat(job.get("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(job.get("objects").toString()).isEqualTo("[\"Customer\"]");
    By row = jobRow(id);
    await(text(row, "Europe/Berlin"));
    List<WebElement> nextRuns = driver.findElements(By.cssSelector("tr[data-job-id='" + id + "'] .next-runs li"));
    assertThat(nextRuns).hasSize(job.get("nextRuns").size()).isNotEmpty();
    for (WebElement next : nextRuns) {
      assertThat(next.getText()).matches("(Mon|Wed) \\d{1,2} \\w{3}( \\d{4})?, 07:15 UTC\\+0[12]:00");
      assertThat(next.findElement(By.tagName("time")).getAttribute("datetime")).matches(".*T07:15:00\\+0[12]:00");
    }
    screenshot();

    // Editing shows the schedule as it was saved, read back into the form by the server (the
    // form is first reset to a new job's defaults, so nothing is left over from creating it).
    click(By.cssSelector("#nav a[href='#schedule']"));
    await(d -> "0".equals(d.findElement(By.id("sched-minute")).getAttribute("value")));
    click(By.cssSelector("#nav a[href='#jobs']"));
    click(By.cssSelector("a[aria-label='Edit " + JOB_NAME + "']"));
    await(d -> "15".equals(d.findElement(By.id("sched-minute")).getAttribute("value")));
    assertThat(driver.findElement(By.id("sched-hour")).getAttribute("value")).isEqualTo("7");
    assertThat(driver.findElements(By.cssSelector("#sched-dow-checks input:checked")))
        .extracting(box -> box.getAttribute("value")).containsExactly("MON", "WED");
    assertThat(new Select(driver.findElement(By.id("sched-zone"))).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("Europe/Berlin");
    await(text(By.id("sched-preview"), job.get("scheduleDescription").asText()));
    click(By.cssSelector("#nav a[href='#jobs']"));
    await(text(row, "Europe/Berlin"));

    // Run it now and follow the run on the Runs view.
    click(By.cssSelector("button[aria-label='Run " + JOB_NAME + " now']"));
    await(text(By.id("notice"), "started"));
    click(By.linkText("Follow it on Runs"));
    By runRow = By.cssSelector("#runs-table tr[data-job-id='" + id + "']");
    await(d -> {
      String status = d.findElement(runRow).findElement(By.cssSelector(".badge")).getText();
      return status.equals("Running") || status.equals("Succeeded") || status.equals("Partly failed");
    });
    await(text(runRow, "Succeeded"));
    await(text(runRow, "Customer"));
    // The run links to its workflow in Temporal's web UI (the tests configure one).
    String runId = driver.findElement(runRow).getAttribute("data-run-id");
    assertThat(driver.findElement(runRow).findElement(By.partialLinkText("In Temporal")).getAttribute("href"))
        .isEqualTo(TEMPORAL_UI_URL + "/namespaces/default/workflows/ledgerbridge-job-" + id + "-manual/" + runId + "/history");
    // The job's runs are charted above them: one run so far, a point in each chart.
    awaitRunCharts();
    screenshot("admin-page-run-charts.png");

    // Pause it: the jobs view says so, and Temporal no longer schedules it.
    click(By.cssSelector("#nav a[href='#jobs']"));
    click(By.cssSelector("button[aria-label='Pause " + JOB_NAME + "']"));
    await(text(row, "Paused"));
    await(text(row, "Temporal: paused"));
    assertThat(call("GET", "/api/jobs/" + id, null).body().get("state").asText()).isEqualTo("PAUSED");

    // Delete it, confirming the browser's question.
    click(By.cssSelector("button[aria-label='Delete " + JOB_NAME + "']"));
    await(ExpectedConditions.alertIsPresent()).accept();
    await(ExpectedConditions.invisibilityOfElementLocated(row));
    await(text(By.id("notice"), "is deleted"));
    assertThat(call("GET", "/api/jobs/" + id, null).status()).isEqualTo(404);

    // The status view says what real-time notifications reached this server.
    click(By.cssSelector("#nav a[href='#status']"));
    await(text(By.id("status-content"), "Real-time notifications"));
    await(text(By.id("status-content"), "QuickBooks webhooks"));
    await(text(By.id("status-content"), "/webhooks/quickbooks"));
    // And the Salesforce org with its daily API allowance, from the demo sync's answers.
    await(text(By.id("status-content"), "Salesforce org"));
    await(text(By.id("salesforce-api-calls"), "left"));
    screenshot("admin-page-status.png");

    // A company is reconciled from its card, whose reconciliation table then shows the findings.
    String demoCompany = Sandbox.DEMO_REALM_ID;
    click(By.cssSelector("button[data-focus-key='reconcile-" + demoCompany + "']"));
    await(text(By.id("notice"), "Reconciliation of company " + demoCompany + " started"));
    await(text(By.cssSelector("section[aria-labelledby='reconcile-" + demoCompany + "']"), "Account"));
    assertThat(call("GET", "/api/reconciliations/latest?companyId=" + demoCompany, null).status()).isEqualTo(200);
    screenshot("admin-page-reconciliation.png");

    // The Errors view charts the server's own history of open errors, or says there was none.
    click(By.cssSelector("#nav a[href='#errors']"));
    await(d -> !d.findElements(By.cssSelector("#errors-chart canvas")).isEmpty()
        || d.findElement(By.id("errors-chart")).getText().contains("No error was open in the last 30 days"));
    assertThat(driver.findElement(By.id("page-error")).getText()).isEmpty();

    // The security headers' policy blocked nothing the page uses.
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
        .noneMatch(message -> message.contains("Content Security Policy"));
  }

  @Test
  void theObjectListsAreTheCatalogsObjects() {
    // The tests share one application and so one catalog: this browser alone is told of one more
    // object, which the page can only show if it builds its lists from the catalog's answer.
    ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
        const realFetch = window.fetch;
        window.fetch = async (resource, options) => {
          const response = await realFetch(resource, options);
          if (!String(resource).endsWith('api/catalog') || !response.ok) return response;
          const catalog = await response.json();
          catalog.push({ name: 'PurchaseOrder', parents: ['Customer'], children: [],
            directions: [{ direction: 'QBO_TO_SALESFORCE', salesforceObject: 'Purchase_Order__c' }] });
          return new Response(JSON.stringify(catalog), { status: 200, headers: { 'Content-Type': 'application/json' } });
        };
        """));
    driver.get("http://127.0.0.1:" + port + "/#schedule");
    type(By.id("token-input"), ADMIN_TOKEN);
    click(By.id("login-submit"));

    await(ExpectedConditions.visibilityOfElementLocated(By.id("job-form")));
    List<String> withPurchaseOrder = new ArrayList<>(namesSyncing(call("GET", "/api/catalog", null).body(), "QBO_TO_SALESFORCE"));
    withPurchaseOrder.add("PurchaseOrder");
    await(d -> optionValues(By.id("object-add-select")).equals(withPurchaseOrder));
    assertThat(driver.findElement(By.cssSelector("#object-add-select option[value='PurchaseOrder']")).getText())
        .isEqualTo("PurchaseOrder (Salesforce Purchase_Order__c)");
    assertThat(driver.findElement(By.id("job-objects-hint")).getText()).endsWith("; Customer before PurchaseOrder.");
    assertThat(optionValues(By.id("errors-object"))).endsWith("PurchaseOrder");
  }

  @Test
  void theRunChartsSayWhenThereIsNoRunToDrawOrNoLibraryToDrawWith() throws IOException {
    // The runs this browser is told of, kept in the tab's sessionStorage so they outlive a reload:
    // none at first, then three ended runs of the demo job.
    ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
        const realFetch = window.fetch;
        window.fetch = async (resource, options) => {
          if (!String(resource).includes('api/runs?')) return realFetch(resource, options);
          const runs = sessionStorage.getItem('browser-test.runs') || '[]';
          return new Response(runs, { status: 200, headers: { 'Content-Type': 'application/json' } });
        };
        """));
    driver.get("http://127.0.0.1:" + port + "/#runs/demo-customers");
    type(By.id("token-input"), ADMIN_TOKEN);
    click(By.id("login-submit"));
    await(text(By.id("run-charts"), "No runs yet"));
    assertThat(driver.findElements(By.cssSelector("#run-charts canvas"))).isEmpty();

    ((ChromeDriver) driver).executeScript("""
        const runs = [3, 2, 1].map((n) => ({
          runId: `browser-test-run-${n}`, jobId: 'demo-customers', jobName: 'demo-customers',
          direction: 'QBO_TO_SALESFORCE', companyId: arguments[0], workflowId: 'ledgerbridge-job-demo-customers',
          status: n === 2 ? 'PARTLY_FAILED' : 'SUCCEEDED', objects: ['Customer'],
          startedAt: new Date(Date.UTC(2026, 0, n, 2)).toISOString(),
          finishedAt: new Date(Date.UTC(2026, 0, n, 2, 0, 4 * n)).toISOString(), durationMillis: 4000 * n,
          apiCalls: { QUICKBOOKS: 2 * n, SALESFORCE: 3 * n },
          objectReports: [{ object: 'Customer', status: 'SUCCEEDED', read: 10 * n, created: n, updated: 2 * n,
            unchanged: 10 * n - 3 * n, deferred: 0, failed: n === 2 ? 1 : 0, conflicts: 0 }],
        }));
        sessionStorage.setItem('browser-test.runs', JSON.stringify(runs));
        """, COMPANY);
    awaitRunCharts();
    // The newest run's API calls: 6 to QuickBooks, 9 to Salesforce.
    assertThat(driver.findElements(By.cssSelector("#run-charts .u-legend .u-value"))).extracting(WebElement::getText)
        .contains("6", "9");
    screenshot("admin-page-run-charts-three-runs.png");

    // Without its charting library the page still lists the runs and says why there are no charts.
    ((ChromeDriver) driver).executeCdpCommand("Network.enable", Map.of());
    ((ChromeDriver) driver).executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*uPlot.iife.min.js")));
    driver.navigate().refresh();
    await(text(By.id("run-charts"), "The charts could not be loaded"));
    await(d -> d.findElements(By.cssSelector("#runs-table tr[data-run-id^='browser-test-run-']")).size() == 3);
    assertThat(driver.findElement(By.id("page-error")).getText()).isEmpty();
  }

  @Test
  void theErrorsViewChartsTheOpenErrorsOfTheLastThirtyDaysByType() throws IOException {
    // This browser is told of 30 days of history: no error for 10 days, then validation errors piling up,
    // joined by 2 auth errors for the last 10 days.
    ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
        const realFetch = window.fetch;
        window.fetch = async (resource, options) => {
          if (!String(resource).includes('api/errors/history?days=30')) return realFetch(resource, options);
          const days = Array.from({ length: 30 }, (_, i) => {
            const openByType = i < 10 ? {} : { VALIDATION: i - 9, ...(i >= 20 ? { AUTH: 2 } : {}) };
            return {
              date: new Date(Date.UTC(2026, 10, 4 + i)).toISOString().slice(0, 10),
              countedAt: new Date(Date.UTC(2026, 10, 5 + i)).toISOString(),
              open: Object.values(openByType).reduce((sum, n) => sum + n, 0), openByType,
            };
          });
          return new Response(JSON.stringify({ days }), { status: 200, headers: { 'Content-Type': 'application/json' } });
        };
        """));
    driver.get("http://127.0.0.1:" + port + "/#errors");
    type(By.id("token-input"), ADMIN_TOKEN);
    click(By.id("login-submit"));

    await(d -> d.findElements(By.cssSelector("#errors-chart canvas")).size() == 1);
    assertThat(driver.findElement(By.cssSelector("#errors-chart .u-title")).getText()).isEqualTo("Open errors, last 30 days");
    assertThat(driver.findElements(By.cssSelector("#errors-chart .u-legend .u-label"))).extracting(WebElement::getText)
        .containsExactly("Day (UTC)", "All types", "Validation", "Auth");
    // The legend shows the last day: 20 validation errors and 2 auth errors open.
    assertThat(driver.findElements(By.cssSelector("#errors-chart .u-legend .u-value"))).extracting(WebElement::getText)
        .containsExactly("2026-12-03", "22", "20", "2");
    screenshot("admin-page-errors-chart.png");
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
        .noneMatch(message -> message.contains("Content Security Policy"));
  }

  @Test
  void theAuditTrailViewListsChangesNewestFirstAndFiltersThemByActionAndTarget() throws IOException {
    String job = "browser-audit-" + System.nanoTime();
    assertThat(call("POST", "/api/jobs/" + job + "/pause", null).status()).isEqualTo(404);
    assertThat(call("POST", "/api/jobs/" + job + "/resume", null).status()).isEqualTo(404);
    driver.get("http://127.0.0.1:" + port + "/#audit");
    type(By.id("token-input"), ADMIN_TOKEN);
    click(By.id("login-submit"));
    By rows = By.cssSelector("#audit-table tbody tr");
    await(d -> d.findElements(rows).size() >= 2);
    assertThat(driver.findElements(By.cssSelector("#audit-table tbody tr th")).subList(0, 2)).extracting(WebElement::getText)
        .as("newest first").containsExactly("Job resumed", "Job paused");

    new Select(driver.findElement(By.id("audit-action"))).selectByValue("JOB_PAUSED");
    type(By.id("audit-target"), job);
    click(By.cssSelector("#audit-filter button[type='submit']"));
    await(d -> d.findElements(rows).size() == 1 && d.findElement(rows).getText().contains("Job paused"));
    List<String> cells = driver.findElement(rows).findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList();
    assertThat(cells.subList(1, cells.size()))
        .containsExactly("Job paused", "job " + job, "—", "admin (bootstrap token)", "127.0.0.1", "Refused");
    screenshot("admin-page-audit.png");
    assertThat(driver.findElement(By.id("page-error")).getText()).isEmpty();
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
        .noneMatch(message -> message.contains("Content Security Policy"));
  }

  @Test
  void theConnectionsViewListsEachConnectionDisconnectsACompanyAndReconnectLeadsStraightIntoTheConnectFlow()
      throws IOException {
    String realm = Long.toString(7950816365000100L + System.nanoTime() % 100000);
    connectQuickBooks(realm);
    driver.get("http://127.0.0.1:" + port + "/#connections");
    type(By.id("token-input"), ADMIN_TOKEN);
    click(By.id("login-submit"));
    By company = By.cssSelector("#connections-table tr[data-connection='QUICKBOOKS-" + realm + "']");
    await(text(company, "Connected"));
    await(text(By.cssSelector("#connections-table tr[data-connection='QUICKBOOKS-" + COMPANY + "']"), "Connected"));
    await(text(By.cssSelector("#connections-table tr[data-connection^='SALESFORCE-']"), "Credentials come from the configuration"));
    screenshot("admin-page-connections.png");

    click(By.cssSelector("button[aria-label='Disconnect QuickBooks company " + realm + "']"));
    await(ExpectedConditions.alertIsPresent()).accept();
    await(text(By.id("notice"), "QuickBooks company " + realm + " is disconnected"));
    assertThat(call("GET", "/api/connections/quickbooks/" + realm, null).body().get("connected").asBoolean()).isFalse();
    assertThat(driver.findElement(By.id("page-error")).getText()).isEmpty();

    // Intuit's Reconnect URL, opened in the browser: the signed-in admin goes straight to Intuit's consent, which
    // the sandbox grants at once, so the browser ends at LedgerBridge's callback with a code.
    Instant since = Instant.now();
    driver.get("http://127.0.0.1:" + port + "/connect/quickbooks/reconnect?realmId=" + realm);
    await(d -> d.getCurrentUrl().contains("/oauth/quickbooks/callback?") && d.getCurrentUrl().contains("code="));
    assertThat(call("GET", "/api/audit?action=CONNECTION_AUTHORIZATION_STARTED&from=" + since, null).body().get("events"))
        .hasSize(1);
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
        .noneMatch(message -> message.contains("Content Security Policy"));
  }

  @Test
  void anAdminAddsAPersonAndATokenAndThePersonSignsInWithTheirRole() throws IOException {
    String who = "browser" + System.nanoTime();
    String email = who + "@example.com";
    String password = "a browser's long password";
    driver.get("http://127.0.0.1:" + port + "/");
    type(By.id("token-input"), ADMIN_TOKEN);
    click(By.id("login-submit"));
    await(text(By.id("signed-in-as"), "admin (bootstrap token) · Admin"));

    // People & tokens: add an operator, create a token (its secret shown once), revoke it.
    click(By.cssSelector("#nav a[href='#access']"));
    type(By.id("person-name"), "Browser " + who);
    type(By.id("person-email"), email);
    new Select(driver.findElement(By.id("person-role"))).selectByValue("OPERATOR");
    type(By.id("person-password"), "short");
    click(By.id("person-submit"));
    await(text(By.id("person-error"), "password: at least 12 characters"));
    type(By.id("person-password"), password);
    click(By.id("person-submit"));
    await(text(By.id("people-table"), email));
    type(By.id("token-name"), who);
    new Select(driver.findElement(By.id("token-role"))).selectByValue("VIEWER");
    click(By.id("token-submit"));
    await(text(By.id("token-secret"), "shown only this once"));
    String secret = driver.findElement(By.id("token-secret-value")).getText();
    assertThat(secret).startsWith("lbt_");
    assertThat(call("GET", "/api/session", null, "Bearer " + secret).body().get("role").asText()).isEqualTo("VIEWER");
    By tokenRow = By.xpath("//table[@id='tokens-table']//tr[th='" + who + "']");
    await(text(tokenRow, "Active"));
    screenshot("admin-page-access.png");
    driver.findElement(tokenRow).findElement(By.tagName("button")).click();
    await(ExpectedConditions.alertIsPresent()).accept();
    await(text(tokenRow, "Revoked"));
    assertThat(call("GET", "/api/jobs", null, "Bearer " + secret).status()).isEqualTo(401);

    // The person signs in with their password as an operator (no People & tokens) and stays signed in across a reload.
    click(By.id("sign-out"));
    screenshot("admin-page-sign-in.png");
    type(By.id("email-input"), email);
    type(By.id("password-input"), "not the password");
    click(By.id("signin-submit"));
    await(text(By.id("signin-error"), "wrong email or password"));
    type(By.id("password-input"), password);
    click(By.id("signin-submit"));
    await(text(By.id("signed-in-as"), "Browser " + who + " (person) · Operator"));
    assertThat(driver.findElement(By.id("nav-access")).isDisplayed()).isFalse();
    await(d -> !d.findElements(jobRow("demo-customers")).isEmpty() || !d.findElements(By.id("jobs-table")).isEmpty());
    driver.navigate().refresh();
    await(text(By.id("signed-in-as"), "Browser " + who + " (person) · Operator"));
    JsonNode signIns = call("GET", "/api/audit?action=SIGNED_IN&actor=Browser%20" + who, null).body().get("events");
    assertThat(signIns).as("the sign-in is in the trail under the person's name").hasSize(1);

    click(By.id("sign-out"));
    await(d -> d.findElement(By.id("login-view")).isDisplayed());
    driver.navigate().refresh();
    await(d -> d.findElement(By.id("login-view")).isDisplayed());
    assertThat(driver.findElement(By.id("signin-error")).isDisplayed()).as("a signed-out page just asks to sign in").isFalse();
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
        .noneMatch(message -> message.contains("Content Security Policy"));
  }

  @Test
  void aPersonSignsInWithTheProvidersButtonAndARefusalIsExplainedOnTheSignInPage() throws IOException {
    String who = "browser-oidc" + System.nanoTime();
    ApiResponse added = call("POST", "/api/people", """
        {"name":"Browser %s","email":"%s@example.com","role":"VIEWER","password":"a browser's long password"}"""
        .formatted(who, who));
    assertThat(added.status()).as("%s", added.body()).isEqualTo(201);
    try {
      // Nobody has this email: back on the sign-in page, which says why and what to do.
      sandbox.oidcProvider().signInAs("nobody-" + who + "@example.com", true);
      driver.get("http://127.0.0.1:" + port + "/");
      await(text(By.id("oidc-signin-link"), "Sign in with the sandbox provider"));
      click(By.id("oidc-signin-link"));
      followCallbackToThisServer();
      await(text(By.id("signin-error"), "ask an admin to add you under People & tokens"));
      assertThat(driver.getCurrentUrl()).as("the code is taken off the address").doesNotContain("signInError");
      screenshot("admin-page-oidc-refused.png");

      sandbox.oidcProvider().signInAs(who + "@example.com", true);
      click(By.id("oidc-signin-link"));
      followCallbackToThisServer();
      await(text(By.id("signed-in-as"), "Browser " + who + " (person) · Viewer"));
      driver.navigate().refresh();
      await(text(By.id("signed-in-as"), "Browser " + who + " (person) · Viewer"));
      assertThat(driver.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
          .noneMatch(message -> message.contains("Content Security Policy"));
    } finally {
      sandbox.oidcProvider().signInAs(OidcProviderSimulator.DEFAULT_EMAIL, true);
    }
  }

  /**
   * The provider redirects to the redirect URI registered for the public URL (http://localhost:8080); the tests'
   * server listens on another port, so the browser is sent on to the same callback there.
   */
  private void followCallbackToThisServer() {
    await(d -> d.getCurrentUrl().contains("/api/session/oidc/callback?"));
    String callback = driver.getCurrentUrl();
    driver.get("http://127.0.0.1:" + port + callback.substring(callback.indexOf("/api/session/oidc/callback?")));
  }

  @Test
  void eachRoleIsOfferedOnlyTheActionsItsRoleAllows() {
    demoJob();
    String viewer = apiToken("VIEWER");
    String operator = apiToken("OPERATOR");
    driver.get("http://127.0.0.1:" + port + "/");
    By demoActions = By.cssSelector("#jobs-table tr[data-job-id='demo-customers'] .row-actions > *");

    // A viewer looks: no action on a job, no scheduling, no bulk retry or dismiss.
    type(By.id("token-input"), viewer);
    click(By.id("login-submit"));
    await(text(By.id("signed-in-as"), "· Viewer"));
    await(d -> !d.findElements(jobRow("demo-customers")).isEmpty());
    assertThat(driver.findElements(demoActions)).as("a viewer's job actions").isEmpty();
    assertThat(driver.findElement(By.id("nav-schedule")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("jobs-schedule")).isDisplayed()).isFalse();
    driver.get("http://127.0.0.1:" + port + "/#schedule");
    await(text(By.id("notice"), "Scheduling and changing jobs needs the Admin role; you are signed in as viewer."));
    assertThat(driver.findElement(By.id("jobs-view")).isDisplayed()).as("sent back to the jobs").isTrue();
    click(By.cssSelector("#nav a[href='#errors']"));
    await(d -> d.findElement(By.id("errors-view")).isDisplayed());
    assertThat(driver.findElement(By.id("errors-bulk")).isDisplayed()).isFalse();

    // An operator runs and pauses jobs and acts on errors, but neither edits nor deletes a job.
    click(By.id("sign-out"));
    type(By.id("token-input"), operator);
    click(By.id("login-submit"));
    await(text(By.id("signed-in-as"), "· Operator"));
    click(By.cssSelector("#nav a[href='#jobs']"));
    await(d -> d.findElements(demoActions).size() == 2);
    assertThat(driver.findElements(demoActions)).extracting(WebElement::getText).containsExactly("Run now", "Pause");
    assertThat(driver.findElement(By.id("nav-schedule")).isDisplayed()).isFalse();
    click(By.cssSelector("#nav a[href='#errors']"));
    await(d -> d.findElement(By.id("errors-bulk")).isDisplayed());
  }

  /**
   * The tests share one application, and one of them deletes the demo job: then a stand-in with the demo
   * job's definition takes its place for the test.
   */
  private void demoJob() {
    if (call("GET", "/api/jobs/demo-customers", null).status() == 404) {
      ApiResponse created = call("POST", "/api/jobs", """
          {"name":"demo-customers","companyId":"%s","direction":"QBO_TO_SALESFORCE","objects":["Customer"],
           "schedule":{"cron":"* * * * *"}}
          """.formatted(COMPANY));
      assertThat(created.status()).as("stand-in demo job: %s", created.body()).isEqualTo(201);
      demoJobStandIn = true;
    }
  }

  /** A new API token of {@code role}: its secret. */
  private String apiToken(String role) {
    ApiResponse created = call("POST", "/api/tokens",
        "{\"name\":\"browser-" + role.toLowerCase(Locale.ROOT) + "-" + System.nanoTime() + "\",\"role\":\"" + role + "\"}");
    assertThat(created.status()).as("token: %s", created.body()).isEqualTo(201);
    return created.body().get("secret").asText();
  }

  /** The run charts are drawn, each with its title and a legend naming what it plots. */
  private void awaitRunCharts() {
    await(d -> d.findElements(By.cssSelector("#run-charts canvas")).size() == 3);
    assertThat(driver.findElements(By.cssSelector("#run-charts .u-title"))).extracting(WebElement::getText)
        .containsExactly("Records synced per run", "Run duration", "API calls per run");
    assertThat(driver.findElements(By.cssSelector("#run-charts .u-legend .u-label"))).extracting(WebElement::getText)
        .containsExactly("Run started", "Created + updated", "Failed", "Run started", "Duration",
            "Run started", "QuickBooks", "Salesforce");
    // Until the pointer picks a run, each legend shows the newest run's numbers rather than "--".
    assertThat(driver.findElements(By.cssSelector("#run-charts .u-legend .u-value"))).extracting(WebElement::getText)
        .doesNotContain("--");
  }

  /** The values of a select's options, the blank "any" choice left out. */
  private List<String> optionValues(By select) {
    return driver.findElement(select).findElements(By.tagName("option")).stream()
        .map(option -> option.getAttribute("value"))
        .filter(value -> !value.isEmpty())
        .toList();
  }

  private static List<String> namesSyncing(JsonNode catalog, String direction) {
    List<String> names = new ArrayList<>();
    catalog.forEach(object -> object.get("directions").forEach(side -> {
      if (side.get("direction").asText().equals(direction)) {
        names.add(object.get("name").asText());
      }
    }));
    return names;
  }

  private static By jobRow(String id) {
    return By.cssSelector("#jobs-table tr[data-job-id='" + id + "']");
  }

  private void addObject(String object) {
    new Select(driver.findElement(By.id("object-add-select"))).selectByValue(object);
    click(By.id("object-add"));
    await(d -> !d.findElements(By.cssSelector("#object-list li[data-object='" + object + "']")).isEmpty());
  }

  private Optional<JsonNode> jobNamed(String name) {
    List<JsonNode> found = new ArrayList<>();
    call("GET", "/api/jobs", null).body().forEach(job -> {
      if (job.get("name").asText().equals(name)) {
        found.add(job);
      }
    });
    return found.stream().findFirst();
  }

  private <T> T await(Function<? super WebDriver, T> condition) {
    return browser.await(condition);
  }

  private void click(By locator) {
    browser.click(locator);
  }

  private void type(By locator, String text) {
    browser.type(locator, text);
  }

  /** The jobs view as an admin sees it, for a person to look at: target/admin-page.png. */
  private void screenshot() throws IOException {
    screenshot("admin-page.png");
  }

  private void screenshot(String name) throws IOException {
    save(name, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  private static void save(String name, byte[] content) throws IOException {
    Path target = Path.of(System.getProperty("basedir", "."), "target", name);
    Files.createDirectories(target.getParent());
    Files.write(target, content);
  }
}
