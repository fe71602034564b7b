package cdcdemo.e2e;

import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import cdcdemo.testsupport.HeadlessChromium;

/**
 * A browser test's headless Chromium ({@link HeadlessChromium}: skipped without it,
 * failed in CI), closed with the test, and its screenshots.
 */
final class Browser implements AutoCloseable {

	private final WebDriver driver;

	private Browser(WebDriver driver) {
		this.driver = driver;
	}

	static Browser start() {
		return new Browser(HeadlessChromium.start());
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
		HeadlessChromium.screenshot(shown, name);
	}

	void screenshot(String name) {
		screenshot(name, (TakesScreenshot) this.driver);
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
