package cdcdemo.e2e;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person's path through the platform in headless Chromium (Debian's chromium and chromium-driver): add a user in
 * the monolith, watch the event arrive in the message list, read the welcome email in the mail catcher, delete the
 * user, read the exit survey. A screenshot of each page goes to {@code target/screenshots}, or to the directory named
 * by {@code -Dscreenshots.dir} (the README's images come from there).
 */
@ExtendWith(PlatformParameterResolver.class)
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
		clickConfirmAndWaitForNextPage(By.cssSelector("tr[data-email='" + email + "'] button"));
		assertThat(this.browser.findElement(By.id("flash")).getText()).contains("Deleted Barbara Liskov");
		assertThat(this.browser.findElement(By.tagName("main")).getText()).doesNotContain(email);

		this.browser.get(platform.mailPageUrl());
		await().atMost(TIMEOUT).untilAsserted(() -> {
			this.browser.navigate().refresh();
			assertThat(this.browser.findElements(By.cssSelector(".mail")))
				.anySatisfy((mail) -> assertThat(mail.getText()).contains(email).containsIgnoringCase("sorry to see you go"));
		});
		screenshot("07-exit-survey-email");
	}

	private void screenshot(String name) {
		this.chromium.screenshot(name);
	}

}
