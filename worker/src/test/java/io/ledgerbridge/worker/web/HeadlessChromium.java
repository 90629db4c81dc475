package io.ledgerbridge.worker.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium driven by its chromedriver, for a test of the admin page: waits for what it looks
 * for, clicks and types once an element is there. The test is skipped (an assumption) when Chromium is not installed.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriverService service;
  private final WebDriver driver;
  private final WebDriverWait wait;
  private final Path profile;

  private HeadlessChromium(ChromeDriverService service, WebDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
  }

  public static HeadlessChromium start() throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the admin page's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
            + ": install them with 'apt-get update && apt-get install -y chromium chromium-driver'");
    // The system's driver, named explicitly, so Selenium Manager never looks for one on the network.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    Path profile = Files.createTempDirectory("ledgerbridge-chromium");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1366,900", "--lang=en-US", "--user-data-dir=" + profile);
    // The console, where Chromium reports what the Content-Security-Policy blocked.
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    return new HeadlessChromium(service, new ChromeDriver(service, options), profile);
  }

  public WebDriver driver() {
    return driver;
  }

  public <T> T await(Function<? super WebDriver, T> condition) {
    return wait.until(condition);
  }

  /** Whether the element holds the text. */
  public static Function<WebDriver, Boolean> text(By locator, String expected) {
    return d -> d.findElement(locator).getText().contains(expected);
  }

  /** Clicks what the locator finds, again if the page re-rendered it in between. */
  public void click(By locator) {
    await(d -> {
      WebElement element = d.findElement(locator);
      if (!element.isDisplayed() || !element.isEnabled()) {
        return false;
      }
      element.click();
      return true;
    });
  }

  public void type(By locator, String text) {
    await(d -> {
      WebElement element = d.findElement(locator);
      element.clear();
      element.sendKeys(text);
      return true;
    });
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    service.stop();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
