package cdcdemo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests, from Debian's {@code chromium} and
 * {@code chromium-driver} packages: nothing is downloaded. A test using it is skipped
 * where they are not installed, and fails in CI ({@link RequiredTools}; {@code .ci/run}
 * installs them). Screenshots go to {@code target/screenshots}, or to the directory of
 * {@code -Dscreenshots.dir} (the README's images come from there).
 */
final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final WebDriver driver;

	private final Path screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

	private Browser(WebDriver driver) {
		this.driver = driver;
	}

	static Browser start() {
		RequiredTools.require(
				"headless Chromium: install the Debian packages chromium and chromium-driver (.ci/run does)", CHROMIUM,
				CHROMEDRIVER);
		// without the background-networking flags Chromium keeps calling home, which a
		// closed network refuses
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1280,1000");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		return new Browser(new ChromeDriver(service, options));
	}

	WebDriver driver() {
		return this.driver;
	}

	/**
	 * Save what the browser shows as {@code <name>.png}.
	 * @param name the file name, without extension
	 * @param shown what to capture: the whole page ({@link #driver()}) or one element
	 */
	void screenshot(String name, TakesScreenshot shown) {
		try {
			Files.createDirectories(this.screenshots);
			Files.write(this.screenshots.resolve(name + ".png"), shown.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void screenshot(String name) {
		screenshot(name, (TakesScreenshot) this.driver);
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
