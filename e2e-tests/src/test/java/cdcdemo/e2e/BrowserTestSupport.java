package cdcdemo.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.WebDriver;

/**
 * A fresh headless Chromium per browser test, closed after it; the test is skipped where Chromium is not installed.
 */
abstract class BrowserTestSupport {

	protected Browser chromium;

	protected WebDriver browser;

	@BeforeEach
	void startBrowser() {
		this.chromium = Browser.start();
		this.browser = this.chromium.driver();
	}

	@AfterEach
	void stopBrowser() {
		if (this.chromium != null) {
			this.chromium.close();
		}
	}

}
