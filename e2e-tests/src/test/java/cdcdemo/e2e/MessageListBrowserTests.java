package cdcdemo.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The message list in headless Chromium on the whole platform: a user added and deleted
 * through the monolith shows up live as a create, a delete with only its key
 * (PostgreSQL's default replica identity) and a tombstone, all produced by the real
 * bridge from real PostgreSQL changes; a hostile name stays text; the key's history lists
 * the row's events in order. Screenshots of each view go to {@code target/screenshots}
 * (or {@code -Dscreenshots.dir}).
 */
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class MessageListBrowserTests extends BrowserTestSupport {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String HOSTILE = "<script>alert(1)</script>";

	@Test
	void personWatchesAHostileUserArriveLiveThenItsDeleteTombstoneAndHistory(RunningPlatform platform) {
		String email = "list-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		UsersAppClient users = new UsersAppClient(platform.url("users-app"));
		logIn(platform, "kafka-consumer");
		this.browser.get(platform.url("kafka-consumer") + "/");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.browser.findElement(By.id("live")).getText()).isEqualTo("live"));
		((JavascriptExecutor) this.browser).executeScript("window.notReloaded = true;");

		HttpResponse<String> created = users.submit("/users/new", "#user-form",
				Map.of("firstName", HOSTILE, "lastName", "Tables", "email", email, "password", "correct-horse"));
		assertThat(created.statusCode()).isEqualTo(302);

		WebElement create = await().atMost(TIMEOUT).ignoreExceptions().until(() -> event("c", email), (e) -> e != null);
		assertThat(((JavascriptExecutor) this.browser).executeScript("return window.notReloaded === true;"))
			.isEqualTo(true);
		assertThat(create.findElement(By.cssSelector(".badge")).getText()).isEqualTo("create");
		assertThat(create.findElement(By.cssSelector(".table")).getText()).isEqualTo("public.users");
		assertThat(create.findElement(By.cssSelector(".lsn")).getText()).matches("\\d+");
		assertThat(create.findElement(By.cssSelector(".tx")).getText()).matches("\\d+");
		assertThat(create.findElement(By.cssSelector(".lag")).getText()).matches("lag -?\\d+ ms");
		assertThat(create.findElement(By.cssSelector("tr[data-column='first_name'] td.after")).getText())
			.isEqualTo(HOSTILE);
		assertThat(create.findElements(By.cssSelector("tbody tr"))).extracting((row) -> row.getAttribute("data-column"))
			.contains("id", "first_name", "last_name", "email")
			.doesNotContain("password");
		WebElement maskedEmail = create.findElement(By.cssSelector("tr[data-column='email'] td.after span"));
		assertThat(maskedEmail.getCssValue("filter")).startsWith("blur");
		String id = create.findElement(By.cssSelector("tr[data-column='id'] td.after")).getText();

		create.findElement(By.cssSelector(".node[data-name='payload'] > summary")).click();
		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> create.findElement(By.cssSelector(".node[data-name='after'] > summary")), (e) -> e != null)
			.click();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(create.findElements(By.cssSelector(".node[data-name='after'] .leaf")))
				.extracting((leaf) -> leaf.getAttribute("data-name"))
				.contains("first_name", "email")
				.doesNotContain("password"));
		assertThat(this.browser.getPageSource()).doesNotContain("correct-horse");
		assertThat(this.browser.findElements(By.tagName("script")))
			.as("the page's own scripts, no script of the hostile name")
			.extracting((script) -> script.getDomAttribute("src"))
			.containsExactly("/messages.js", "/reactions.js");
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> this.browser.switchTo().alert());
		screenshot("message-list-e2e-create", create);

		HttpResponse<String> deleted = users.submit("/users/" + id + "/delete", "#delete-form", Map.of());
		assertThat(deleted.statusCode()).isEqualTo(302);

		String key = "{\"id\":" + id + "}";
		WebElement delete = await().atMost(TIMEOUT).ignoreExceptions().until(() -> keyed("d", key), (e) -> e != null);
		assertThat(delete.findElements(By.cssSelector(".before-note"))).as("the delete: %s", delete.getText())
			.singleElement()
			.extracting(WebElement::getText)
			.asString()
			.contains("Only the primary key")
			.contains("replica identity");
		assertThat(delete.findElements(By.cssSelector("tbody tr"))).extracting((row) -> row.getAttribute("data-column"))
			.containsExactly("id");
		WebElement tombstone = await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> keyed("tombstone", key), (e) -> e != null);
		assertThat(Long.parseLong(tombstone.getAttribute("data-offset")))
			.isEqualTo(Long.parseLong(delete.getAttribute("data-offset")) + 1);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(tombstone.getAttribute("class")).contains("paired-tombstone"));
		screenshot("message-list-e2e-delete", tombstone);

		new Select(this.browser.findElement(By.id("filter-op"))).selectByValue("d");
		assertThat(this.browser.findElements(By.cssSelector("#events li.event"))
			.stream()
			.filter(WebElement::isDisplayed)
			.map((item) -> item.getAttribute("data-op"))
			.distinct()
			.toList()).containsExactly("d");
		new Select(this.browser.findElement(By.id("filter-op"))).selectByValue("");

		delete.findElement(By.cssSelector(".key-link")).click();
		await().atMost(TIMEOUT).untilAsserted(() -> {
			List<WebElement> history = this.browser.findElements(By.cssSelector("#history-events > li"));
			assertThat(history).extracting((item) -> item.findElement(By.cssSelector(".badge")).getText())
				.containsExactly("create", "delete", "tombstone");
		});
		assertThat(this.browser.findElement(By.id("history-events")).getText()).contains(HOSTILE);
		screenshot("message-list-e2e-history", this.browser.findElement(By.id("history")));
	}

	private WebElement event(String op, String text) {
		return this.browser.findElements(By.cssSelector("#events li.event[data-op='" + op + "']"))
			.stream()
			.filter((item) -> item.getText().contains(text))
			.findFirst()
			.orElse(null);
	}

	private WebElement keyed(String op, String key) {
		return this.browser.findElements(By.cssSelector("#events li.event[data-op='" + op + "']"))
			.stream()
			.filter((item) -> key.equals(item.getAttribute("data-key")))
			.findFirst()
			.orElse(null);
	}

	private void screenshot(String name, WebElement shown) {
		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView({block: 'start'});", shown);
		this.chromium.screenshot(name);
	}

}
