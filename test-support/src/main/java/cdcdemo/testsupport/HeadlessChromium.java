package cdcdemo.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the browser tests, from Debian's {@code chromium} and
 * {@code chromium-driver} packages: nothing is downloaded. A test that starts it is
 * skipped where they are not installed, and fails in CI ({@link RequiredTools};
 * {@code .ci/run} installs them). Screenshots go to {@code target/screenshots}, or to the
 * directory of {@code -Dscreenshots.dir} (the READMEs' images come from there).
 */
public final class HeadlessChromium {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private HeadlessChromium() {
	}

	/**
	 * @return a browser with a window of 1280 × 1000; {@link WebDriver#quit() quit} it
	 */
	public static WebDriver start() {
		return start(1280, 1000);
	}

	/**
	 * @param width the window's width
	 * @param height the window's height
	 * @return a browser; {@link WebDriver#quit() quit} it
	 */
	public static WebDriver start(int width, int height) {
		RequiredTools.require(
				"headless Chromium: install the Debian packages chromium and chromium-driver (.ci/run does)", CHROMIUM,
				CHROMEDRIVER);
		// without the background-networking flags Chromium keeps calling home, which a
		// closed network refuses
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=" + width + "," + height);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Log in to one of the platform's apps on its login form, as a person would; the
	 * browser keeps the app's session cookie.
	 * @param browser the browser
	 * @param appUrl the app, e.g. {@code http://127.0.0.1:8083}
	 * @param user the user
	 * @param password the password
	 */
	public static void logIn(WebDriver browser, String appUrl, String user, String password) {
		browser.get(appUrl + "/login");
		browser.findElement(By.id("username")).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until((shown) -> !shown.getCurrentUrl().contains("/login"));
	}

	/**
	 * Save what the browser shows as {@code <name>.png}.
	 * @param shown what to capture: the whole page (the driver) or one element
	 * @param name the file name, without extension
	 */
	public static void screenshot(TakesScreenshot shown, String name) {
		Path screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
		try {
			Files.createDirectories(screenshots);
			Files.write(screenshots.resolve(name + ".png"), shown.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
