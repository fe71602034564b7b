package cdcdemo.e2e;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import cdcdemo.platform.mail.ReceivedMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leaving user's path through the whole platform in headless Chromium: added and
 * deleted in the monolith, the change events carried by cdc-bridge and Kafka to
 * onboarding-service, whose exit-survey email links to its survey page; the person
 * answers, and the answer shows in the results and the journey on the dashboard.
 * Screenshots {@code onboarding-*.png} go to {@code target/screenshots} or the directory
 * of {@code -Dscreenshots.dir}. Skipped without Debian's chromium and chromium-driver.
 */
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class OnboardingBrowserTests extends BrowserTestSupport {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final Pattern SURVEY_LINK = Pattern.compile("http://\\S+/survey/[A-Za-z0-9_-]{22}");

	@Test
	void aLeavingUserAnswersTheExitSurveyFromTheEmail(RunningPlatform platform) {
		String email = "survey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		this.browser.get(platform.url("users-app") + "/users");
		clickAndWaitForNextPage(By.id("add-user"));
		this.browser.findElement(By.id("firstName")).sendKeys("Frances");
		this.browser.findElement(By.id("lastName")).sendKeys("Allen");
		this.browser.findElement(By.id("email")).sendKeys(email);
		this.browser.findElement(By.id("password")).sendKeys("optimising-compilers");
		clickAndWaitForNextPage(By.id("save"));
		assertThat(this.browser.findElement(By.id("users")).getText()).contains(email);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(platform.mailTo(email)).extracting(ReceivedMail::subject)
				.singleElement()
				.asString()
				.startsWith("Welcome"));

		clickAndWaitForNextPage(By.cssSelector("tr[data-email='" + email + "'] a.delete"));
		clickAndWaitForNextPage(By.id("confirm-delete"));
		ReceivedMail survey = await().atMost(TIMEOUT)
			.until(() -> platform.mailTo(email), (mails) -> mails.size() == 2)
			.get(1);
		assertThat(survey.subject()).containsIgnoringCase("sorry to see you go");
		Matcher link = SURVEY_LINK.matcher(survey.text());
		assertThat(link.find()).as("a survey link in %s", survey.text()).isTrue();

		this.browser.get(link.group());
		new Select(this.browser.findElement(By.id("reason"))).selectByValue("SWITCHED");
		this.browser.findElement(By.id("comment")).sendKeys("Moved to a tool my team already uses.");
		screenshot("onboarding-e2e-01-survey-form");
		clickAndWaitForNextPage(By.id("send"));
		assertThat(this.browser.findElement(By.id("thanks")).getText()).contains("recorded");

		this.browser.get(link.group());
		assertThat(this.browser.findElement(By.id("already-answered")).getText()).contains("already been answered");

		logIn(platform, "onboarding-service");
		this.browser.get(platform.url("onboarding-service") + "/surveys");
		assertThat(this.browser.findElement(By.id("answers")).getText())
			.contains("Moved to a tool my team already uses.");
		screenshot("onboarding-e2e-02-survey-results");

		this.browser.get(platform.url("onboarding-service") + "/");
		List<String> states = this.browser.findElements(By.cssSelector("#journeys .step"))
			.stream()
			.map((step) -> step.getDomAttribute("data-step") + "=" + step.getDomAttribute("data-state"))
			.toList();
		assertThat(states).contains("welcome=SENT", "exit-survey=SENT", "check-in=CANCELLED");
		assertThat(this.browser.findElement(By.tagName("main")).getText()).doesNotContain(email);
		screenshot("onboarding-e2e-03-dashboard");
	}

	private void screenshot(String name) {
		this.chromium.screenshot(name);
	}

}
