package cdcdemo.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person's path through the platform in headless Chromium (Debian's chromium and
 * chromium-driver): add a user in the monolith, watch the event arrive in the message
 * list, read the welcome email in the mail catcher, edit the user, delete it after the
 * confirmation page, read the exit survey; and find users in the monolith's list by
 * searching, sorting and paging, on a laptop and on a phone-sized screen. A screenshot of
 * each page goes to {@code target/screenshots}, or to the directory named by
 * {@code -Dscreenshots.dir} (the README's images come from there).
 */
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class BrowserTests extends BrowserTestSupport {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Test
	void personAddsAUserSeesTheEventAndTheEmailsThenDeletesIt(RunningPlatform platform) {
		String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		this.browser.get(platform.url("users-app") + "/users");
		screenshot("01-users-list");
		clickAndWaitForNextPage(By.id("add-user"));
		this.browser.findElement(By.id("firstName")).sendKeys("Barbara");
		this.browser.findElement(By.id("lastName")).sendKeys("Liskov");
		this.browser.findElement(By.id("email")).sendKeys("not-an-email");
		this.browser.findElement(By.id("password")).sendKeys("substitution");
		clickAndWaitForNextPage(By.id("save"));
		assertThat(this.browser.findElement(By.id("email-error")).getText()).isNotBlank();
		screenshot("02-add-user-validation");

		WebElement emailField = this.browser.findElement(By.id("email"));
		emailField.clear();
		emailField.sendKeys(email);
		this.browser.findElement(By.id("password")).sendKeys("substitution");
		screenshot("03-add-user-form");
		clickAndWaitForNextPage(By.id("save"));
		assertThat(this.browser.findElement(By.id("flash")).getText()).contains("Barbara Liskov");
		assertThat(this.browser.findElement(By.id("users")).getText()).contains(email);
		screenshot("04-users-list-after-add");

		clickAndWaitForNextPage(By.cssSelector("tr[data-email='" + email + "'] a.edit"));
		assertThat(this.browser.findElement(By.id("firstName")).getDomProperty("value")).isEqualTo("Barbara");
		assertThat(this.browser.findElement(By.id("password")).getDomProperty("value")).as("never prefilled").isEmpty();
		WebElement lastName = this.browser.findElement(By.id("lastName"));
		lastName.clear();
		lastName.sendKeys("Liskov-Turing");
		screenshot("users-edit");
		clickAndWaitForNextPage(By.id("save"));
		assertThat(this.browser.findElement(By.id("flash")).getText()).isEqualTo("Saved Barbara Liskov-Turing.");
		assertThat(this.browser.findElement(By.cssSelector("tr[data-email='" + email + "']")).getText())
			.contains("Liskov-Turing");

		logIn(platform, "kafka-consumer");
		this.browser.get(platform.url("kafka-consumer") + "/");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.browser.findElement(By.id("events")).getText()).contains(email));
		assertThat(this.browser.getPageSource()).doesNotContain("substitution");
		screenshot("05-message-list");

		this.browser.get(platform.mailPageUrl());
		await().atMost(TIMEOUT).untilAsserted(() -> {
			this.browser.navigate().refresh();
			assertThat(this.browser.findElements(By.cssSelector(".mail .to")))
				.anySatisfy((to) -> assertThat(to.getText()).contains(email));
		});
		screenshot("06-welcome-email");

		this.browser.get(platform.url("users-app") + "/users");
		clickAndWaitForNextPage(By.cssSelector("tr[data-email='" + email + "'] a.delete"));
		assertThat(this.browser.findElement(By.id("delete-question")).getText()).contains("Barbara Liskov-Turing",
				email);
		screenshot("users-delete-confirm");
		clickAndWaitForNextPage(By.id("confirm-delete"));
		assertThat(this.browser.findElement(By.id("flash")).getText()).contains("Deleted Barbara Liskov-Turing");
		assertThat(this.browser.findElement(By.tagName("main")).getText()).doesNotContain(email);

		this.browser.get(platform.mailPageUrl());
		await().atMost(TIMEOUT).untilAsserted(() -> {
			this.browser.navigate().refresh();
			assertThat(this.browser.findElements(By.cssSelector(".mail"))).anySatisfy(
					(mail) -> assertThat(mail.getText()).contains(email).containsIgnoringCase("sorry to see you go"));
		});
		screenshot("07-exit-survey-email");
	}

	@Test
	void personSearchesSortsAndPagesTheUsersOnALaptopAndOnAPhone(RunningPlatform platform) {
		this.browser.get(platform.url("users-app") + "/users?size=2");
		assertThat(rows()).hasSize(2);
		assertThat(this.browser.findElement(By.id("page-1")).getDomAttribute("aria-current")).isEqualTo("page");
		clickAndWaitForNextPage(By.id("page-2"));
		assertThat(this.browser.getCurrentUrl()).contains("size=2", "page=2");
		assertThat(this.browser.findElement(By.id("page-2")).getDomAttribute("aria-current")).isEqualTo("page");
		assertThat(this.browser.findElement(By.id("page-prev")).isDisplayed()).isTrue();

		clickAndWaitForNextPage(By.id("sort-lastName"));
		assertThat(this.browser.getCurrentUrl()).contains("sort=lastName", "dir=asc", "size=2").doesNotContain("page=");
		List<String> lastNames = rows().stream()
			.map((row) -> row.findElements(By.tagName("td")).get(2).getText())
			.toList();
		assertThat(lastNames).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
		clickAndWaitForNextPage(By.id("sort-lastName"));
		assertThat(this.browser.findElement(By.cssSelector("th[aria-sort='descending'] #sort-lastName")).isDisplayed())
			.isTrue();

		this.browser.findElement(By.id("q")).sendKeys("LOVELACE");
		clickAndWaitForNextPage(By.id("search-button"));
		assertThat(this.browser.getCurrentUrl()).contains("q=LOVELACE", "sort=lastName", "dir=desc");
		assertThat(rows()).singleElement()
			.extracting((row) -> row.getDomAttribute("data-email"))
			.isEqualTo("ada@example.com");
		assertThat(this.browser.findElement(By.id("summary")).getText()).isEqualTo("1–1 of 1 user");
		screenshot("users-search");

		this.browser.findElement(By.id("q")).clear();
		this.browser.findElement(By.id("q")).sendKeys("<script>nobody</script>");
		clickAndWaitForNextPage(By.id("search-button"));
		assertThat(this.browser.findElement(By.id("empty")).getText())
			.isEqualTo("No users match “<script>nobody</script>”.");

		((ChromiumDriver) this.browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
		this.browser.get(platform.url("users-app") + "/users");
		JavascriptExecutor page = (JavascriptExecutor) this.browser;
		assertThat(page.executeScript("return window.innerWidth")).isEqualTo(390L);
		assertThat((Long) page.executeScript("return document.documentElement.scrollWidth"))
			.as("nothing wider than the phone")
			.isLessThanOrEqualTo(390L);
		WebElement firstRow = rows().get(0);
		assertThat(firstRow.findElement(By.cssSelector("a.edit")).isDisplayed()).isTrue();
		assertThat(firstRow.findElement(By.cssSelector("a.delete")).isDisplayed()).isTrue();
		assertThat(firstRow.findElement(By.cssSelector("td[data-label='Email']")).getRect().getWidth())
			.isLessThanOrEqualTo(390);
		screenshot("users-phone");
	}

	private List<WebElement> rows() {
		return this.browser.findElements(By.cssSelector("#users tbody tr"));
	}

	private void screenshot(String name) {
		this.chromium.screenshot(name);
	}

}
