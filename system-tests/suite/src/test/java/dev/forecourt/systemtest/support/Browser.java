package dev.forecourt.systemtest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven by Debian's chromium-driver through Selenium: both paths are
 * given ({@code forecourt.systemtest.chromium}, default {@code /usr/bin/chromium}; {@code
 * forecourt.systemtest.chromedriver}, default {@code /usr/bin/chromedriver}), so Selenium Manager
 * never downloads a browser or a driver. A fresh profile per instance; {@link #close()} quits the
 * browser and its driver. Screenshots go to {@code target/console-screenshots}.
 */
public final class Browser implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
  private static final String AXE = "META-INF/resources/webjars/axe-core/%s/axe.min.js";

  private final ChromeDriver driver;
  private final WebDriverWait wait;

  public Browser() {
    String chromium = System.getProperty("forecourt.systemtest.chromium", "/usr/bin/chromium");
    String chromedriver =
        System.getProperty("forecourt.systemtest.chromedriver", "/usr/bin/chromedriver");
    for (String file : List.of(chromium, chromedriver)) {
      if (!Files.isExecutable(Path.of(file))) {
        throw new IllegalStateException(
            file
                + " is missing: the console's browser tests need Debian's chromium and"
                + " chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--window-size=1280,900",
        "--lang=en");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of(chromedriver).toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    // polled every 100 ms (Selenium's default is 500): the suite waits for the page often
    wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
  }

  /**
   * Forgets every cookie of every path (Selenium's deleteAllCookies reaches only those the current
   * page sees, not the refresh cookie of /api/v1/auth/session).
   */
  public void clearCookies() {
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
  }

  /**
   * A cookie of any path (name, value, path, httpOnly, sameSite...), read over CDP; null if none.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> cookie(String name) {
    List<Map<String, Object>> all =
        (List<Map<String, Object>>)
            driver.executeCdpCommand("Network.getAllCookies", Map.of()).get("cookies");
    return all.stream().filter(c -> name.equals(c.get("name"))).findFirst().orElse(null);
  }

  /** Drops a cookie of any path (as the browser does when its max-age has passed). */
  public void deleteCookie(String name, String path) {
    Map<String, Object> cookie = cookie(name);
    if (cookie != null) {
      driver.executeCdpCommand(
          "Network.deleteCookies",
          Map.of("name", name, "domain", cookie.get("domain"), "path", path));
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** Waits until the page's URL starts with {@code prefix}; answers the URL. */
  public String urlStartingWith(String prefix) {
    wait.until(d -> d.getCurrentUrl().startsWith(prefix));
    return driver.getCurrentUrl();
  }

  /** The element, once it is displayed. */
  public WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits until the element's text contains {@code text}; answers the element. */
  public WebElement textIn(By by, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    return driver.findElement(by);
  }

  public void type(By by, String text) {
    WebElement field = visible(by);
    field.clear();
    field.sendKeys(text);
  }

  public void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  /** The cell texts of a table's body rows (read in one script: a settings table has 400 cells). */
  @SuppressWarnings("unchecked")
  public List<List<String>> rows(By table) {
    Object rows =
        driver.executeScript(
            "return [...arguments[0].querySelectorAll('tbody tr')]"
                + ".map(r => [...r.querySelectorAll('td')].map(c => c.innerText.trim()))",
            visible(table));
    return (List<List<String>>) rows;
  }

  /** Saves a screenshot as target/console-screenshots/NAME.png; answers its path. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.copy(
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The browser console's messages since the last call (CSP violations show up here). */
  public List<String> consoleMessages() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .toList();
  }

  /**
   * axe-core's violations of the current page with impact serious or critical: id, impact and the
   * first offending element of each.
   */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> seriousAccessibilityViolations() {
    JavascriptExecutor js = driver;
    if (!Boolean.TRUE.equals(js.executeScript("return typeof axe !== 'undefined'"))) {
      js.executeScript(axeSource()); // once per page load: screens change by their #fragment
    }
    Object result =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, { resultTypes: ['violations'] })"
                + ".then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => ({ id: v.id, impact: v.impact, help: v.help,"
                + " target: String(v.nodes[0] && v.nodes[0].target) }))))"
                + ".catch(e => done([{ id: 'axe-failed', impact: 'critical', help: String(e) }]));");
    return (List<Map<String, Object>>) result;
  }

  private static String axeSource() {
    String version = System.getProperty("axe-core.version", "4.6.3");
    try (InputStream in =
        Browser.class.getClassLoader().getResourceAsStream(String.format(AXE, version))) {
      if (in == null) {
        throw new IllegalStateException("axe-core " + version + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
