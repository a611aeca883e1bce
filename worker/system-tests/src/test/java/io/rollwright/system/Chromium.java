package io.rollwright.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the Debian packages {@code chromium} and {@code chromium-driver}, driven
 * by Selenium: both are found on the PATH and given to it, so nothing is looked up or downloaded at
 * run time (missing, the test is skipped, or fails on CI). Closing it stops the browser and its
 * driver.
 */
final class Chromium implements AutoCloseable {
  private static final String INSTALL = "apt-get install chromium chromium-driver";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;

  private Chromium(ChromeDriver driver) {
    this.driver = driver;
  }

  /** A browser with a window of {@code width} by {@code height} pixels. */
  static Chromium start(int width, int height, Path log) {
    String browser = LocalServer.binary(INSTALL, "chromium", "chromium-browser");
    String driver = LocalServer.binary(INSTALL, "chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(driver))
            .usingAnyFreePort()
            .withLogFile(log.toFile())
            .build();
    return new Chromium(new ChromeDriver(service, options));
  }

  /**
   * Waits up to {@code within} for {@code condition} to hold (not null, not false). The page
   * redraws as it polls, so an element that went stale between finding and reading it is retried.
   */
  <T> T await(Duration within, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, within, Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** Saves what the window shows as {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path to = SCREENSHOTS.resolve(name + ".png");
    Files.copy(
        driver.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    return to;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
