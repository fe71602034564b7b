package cdcdemo.e2e;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import cdcdemo.platform.mail.ReceivedMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace of one change through the whole platform, in headless Chromium: a user added
 * in the monolith's form, its create event in the message list with what each consumer
 * did because of it (onboarding-service scheduled and sent the welcome, domain-stats
 * counted the domain), and the trace page: the commit in PostgreSQL, the bridge, Kafka,
 * then each reaction, down to the welcome email the mail catcher received. Screenshots
 * {@code trace-e2e-*.png}.
 */
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class TraceBrowserTests extends BrowserTestSupport {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	@Test
	void aUserAddedInTheBrowserIsTracedDownToItsWelcomeEmail(RunningPlatform platform) {
		String email = "trace-" + UUID.randomUUID().toString().substring(0, 8) + "@traced.example";
		this.browser.get(platform.url("users-app") + "/users");
		clickAndWaitForNextPage(By.id("add-user"));
		this.browser.findElement(By.id("firstName")).sendKeys("Margaret");
		this.browser.findElement(By.id("lastName")).sendKeys("Hamilton");
		this.browser.findElement(By.id("email")).sendKeys(email);
		this.browser.findElement(By.id("password")).sendKeys("apollo-guidance");
		clickAndWaitForNextPage(By.id("save"));
		ReceivedMail welcome = await().atMost(TIMEOUT)
			.until(() -> platform.mailTo(email), (mails) -> !mails.isEmpty())
			.get(0);
		assertThat(welcome.subject()).startsWith("Welcome");

		logIn(platform, "kafka-consumer");
		this.browser.get(platform.url("kafka-consumer") + "/");
		WebElement create = await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> this.browser.findElements(By.cssSelector("#events li.event[data-op='c']"))
				.stream()
				.filter((item) -> item.getText().contains(email))
				.findFirst()
				.orElse(null), (item) -> item != null);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(kinds(create, "li.reaction .reaction-kind")).contains("welcome-scheduled",
					"email-sent", "count-changed"));
		this.chromium.screenshot("trace-e2e-01-reactions");

		clickAndWaitForNextPage(
				By.cssSelector("#events li.event[data-partition='" + create.getDomAttribute("data-partition")
						+ "'][data-offset='" + create.getDomAttribute("data-offset") + "'] .trace-link"));
		List<String> hops = kinds(this.browser.findElement(By.id("trace")), "tr.hop .hop-name");
		assertThat(hops).startsWith("committed", "captured", "written")
			.contains("welcome-scheduled", "email-sent", "count-changed");
		assertThat(hops.indexOf("welcome-scheduled")).isLessThan(hops.indexOf("email-sent"));
		assertThat(this.browser.findElement(By.cssSelector("tr.hop[data-hop='email-sent']"))
			.getDomAttribute("data-service")).isEqualTo("onboarding-service");
		assertThat(this.browser.findElement(By.cssSelector("tr.hop[data-hop='count-changed']"))
			.getDomAttribute("data-service")).isEqualTo("domain-stats");
		assertThat(this.browser.findElement(By.tagName("body")).getText())
			.as("the trace names users by id, never by address")
			.doesNotContain(email);
		this.chromium.screenshot("trace-e2e-02-trace");
	}

	private static List<String> kinds(WebElement within, String selector) {
		return within.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
	}

}
