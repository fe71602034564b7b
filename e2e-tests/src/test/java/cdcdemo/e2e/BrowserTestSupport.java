package cdcdemo.e2e;

import java.time.Duration;
import cdcdemo.testsupport.HeadlessChromium;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import cdcdemo.testsupport.RequiredTools;

/**
 * A fresh headless Chromium per browser test, closed after it; the test is skipped where
 * Chromium is not installed (and fails in CI, see {@link RequiredTools}).
 */
abstract class BrowserTestSupport {

	private static final Duration PAGE_LOAD = Duration.ofSeconds(20);

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

	/**
	 * Log in to one of the platform's admin apps as {@code admin}, on its login form.
	 * @param platform the platform
	 * @param module the app
	 */
	protected void logIn(RunningPlatform platform, String module) {
		HeadlessChromium.logIn(this.browser, platform.url(module), "admin", platform.adminPassword());
	}

	/**
	 * Click what submits a form or follows a link, and return once the next page has
	 * replaced this one. A click returns when the event is dispatched, not when the post,
	 * its redirect and the next page are done; looking for an element of the next page
	 * straight after it races with the navigation.
	 * @param target what to click
	 */
	protected void clickAndWaitForNextPage(By target) {
		WebElement page = this.browser.findElement(By.tagName("html"));
		this.browser.findElement(target).click();
		awaitNextPage(page);
	}

	/**
	 * Click what asks for a confirmation, accept it, and return once the next page has
	 * replaced this one.
	 * @param target what to click
	 */
	protected void clickConfirmAndWaitForNextPage(By target) {
		WebElement page = this.browser.findElement(By.tagName("html"));
		this.browser.findElement(target).click();
		new WebDriverWait(this.browser, PAGE_LOAD).until(ExpectedConditions.alertIsPresent()).accept();
		awaitNextPage(page);
	}

	private void awaitNextPage(WebElement previous) {
		new WebDriverWait(this.browser, PAGE_LOAD).until(ExpectedConditions.stalenessOf(previous));
		new WebDriverWait(this.browser, PAGE_LOAD).until((driver) -> "complete"
			.equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
	}

}
