package cdcdemo.e2e;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

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
		// the create's place, read in one script: the list may redraw its rows between
		// two
		// lookups
		String event = await().atMost(TIMEOUT)
			.until(() -> (String) ((JavascriptExecutor) this.browser).executeScript("""
					const create = Array.from(document.querySelectorAll("#events li.event[data-op='c']"))
						.find((item) => item.textContent.includes(arguments[0]));
					return create ? "#events li.event[data-partition='" + create.dataset.partition
						+ "'][data-offset='" + create.dataset.offset + "']" : null;""", email),
					(found) -> found != null);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(texts(event + " li.reaction .reaction-kind")).contains("welcome-scheduled",
					"email-sent", "count-changed"));
		this.chromium.screenshot("trace-e2e-01-reactions");

		clickAndWaitForNextPage(By.cssSelector(event + " .trace-link"));
		List<String> hops = texts("#trace tr.hop .hop-name");
		assertThat(hops).startsWith("committed", "captured", "written")
			.contains("welcome-scheduled", "email-sent", "count-changed");
		assertThat(hops.indexOf("welcome-scheduled")).isLessThan(hops.indexOf("email-sent"));
		assertThat(texts("tr.hop[data-hop='email-sent'] .hop-service")).containsExactly("onboarding-service");
		assertThat(texts("tr.hop[data-hop='count-changed'] .hop-service")).containsExactly("domain-stats");
		assertThat(this.browser.findElement(By.tagName("body")).getText())
			.as("the trace names users by id, never by address")
			.doesNotContain(email);
		this.chromium.screenshot("trace-e2e-02-trace");
	}

	/**
	 * The texts of what a selector finds, read in one script: the pages redraw their
	 * reactions and hops every few seconds, so an element looked up one call before may
	 * be gone the next.
	 */
	@SuppressWarnings("unchecked")
	private List<String> texts(String selector) {
		return (List<String>) ((JavascriptExecutor) this.browser).executeScript(
				"return Array.from(document.querySelectorAll(arguments[0])).map((e) => e.textContent.trim());",
				selector);
	}

}
