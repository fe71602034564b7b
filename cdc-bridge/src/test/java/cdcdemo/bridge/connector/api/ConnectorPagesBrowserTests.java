package cdcdemo.bridge.connector.api;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import cdcdemo.bridge.connector.BridgeApi;
import cdcdemo.bridge.connector.ConnectorNotFoundException;
import cdcdemo.bridge.connector.ConnectorRegistry;

import cdcdemo.testsupport.HeadlessChromium;
import cdcdemo.testsupport.TestLogins;

import cdcdemo.bridge.connector.BridgeSystemTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connectors page and its forms in headless Chromium (Debian's chromium and
 * chromium-driver), on the real PostgreSQL and Kafka broker the other system tests share
 * (same context): a connector created through the form after a refused first try (a table
 * without a primary key, its message under that table's row), its status and snapshot of
 * 20,000 rows followed live until available and completed in the same document (no
 * reload: a marker set in the window stays), a change streamed after it counted on the
 * page without the connector's section being replaced, a column excluded through the edit
 * form, and the connector destroyed once its name is typed. Screenshots go to
 * {@code target/screenshots} (or {@code -Dscreenshots.dir}), named {@code bridge-*}.
 */
class ConnectorPagesBrowserTests extends BridgeSystemTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final String NAME = "browser_page";

	private static final String TABLE = "public.browser_rows";

	private static final int ROWS = 20_000;

	private static final String SECTION = "section[data-connector=" + NAME + "]";

	static WebDriver browser;

	@Autowired
	ConnectorRegistry registry;

	@BeforeAll
	static void startBrowser() {
		browser = HeadlessChromium.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	/** The table the monolith's role owns, filled, on a publication it created. */
	@BeforeEach
	void table() {
		this.monolith.sql("create table browser_rows (id bigint primary key, label text not null, note text)").update();
		this.monolith
			.sql("insert into browser_rows select i, 'row ' || i, 'note ' || i from generate_series(1, " + ROWS + ") i")
			.update();
		this.monolith.sql("create publication browser_publication for table browser_rows").update();
	}

	@AfterEach
	void dropConnectorAndTable() {
		try {
			this.registry.destroy(NAME);
		}
		catch (ConnectorNotFoundException ex) {
			// destroyed by the test, as it should be
		}
		this.monolith.sql("drop publication if exists browser_publication").update();
		this.monolith.sql("drop table if exists browser_rows").update();
	}

	@Test
	void createsFollowsLiveEditsAndDestroysAConnectorInTheBrowser() {
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		TestLogins.ADMIN.logIn(browser, "http://127.0.0.1:" + this.port);
		browser.get("http://127.0.0.1:" + this.port + "/");
		until(() -> browser.findElement(By.id("live")).getDomAttribute("data-state"), "live");

		// the form: the bridge's datasource, its tables; a table without a primary key
		// is refused under its row
		browser.findElement(By.id("new-connector")).click();
		element("#connector-form input[name=sourceKind][value=datasource]").click();
		element("#show-tables").click();
		element("input[name=tables][value='" + TABLE + "']").click();
		element("input[name=tables][value='public.no_key']").click();
		element("input[name=name]").sendKeys(NAME);
		element("input[name=publication]").sendKeys("browser_publication");
		element("#create").click();
		WebElement refused = element(
				"tr.source-table[data-table='public.no_key'] [data-errors-for='table:public.no_key'] li");
		assertThat(refused.getText()).contains("public.no_key has no primary key");
		assertThat(browser.findElements(By.cssSelector("[data-errors-for='table:" + TABLE + "'] li"))).isEmpty();
		assertThat(element("input[name=name]").getDomProperty("value")).as("kept").isEqualTo(NAME);
		screenshot("bridge-form-error", element("tr.source-table[data-table='public.no_key']"), "center");
		api.call("GET", "/api/connectors/" + NAME, null, 404);

		// fixed: created, and followed live on the page it redirects to
		element("input[name=tables][value='public.no_key']").click();
		element("#create").click();
		until(() -> browser.findElement(By.id("flash")).getText(),
				"Created " + NAME + ": it snapshots " + TABLE + ", then streams their changes.");
		js("window.__noReload = 1;");
		String first = field("status") + " " + field("snapshot-state") + " " + field("snapshot-rows-done");
		String completed = "available completed " + ROWS;
		assertThat(first).as("what the page first shows, before the snapshot is done").isNotEqualTo(completed);
		// the snapshot as the page shows it while it runs (or, on a machine fast enough
		// to
		// read 20,000 rows between two polls, as it ends)
		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> field("snapshot-state"), (state) -> state.equals("running") || state.equals("completed"));
		screenshot("bridge-connector-snapshot", element(SECTION), "start");
		until(() -> field("status") + " " + field("snapshot-state") + " " + field("snapshot-rows-done"), completed);
		assertThat(js("return window.__noReload;")).as("the same document, that first showed %s", first).isEqualTo(1L);
		assertThat(element("#flash").isDisplayed()).as("the flash of the redirect: no reload").isTrue();
		JsonNode info = api.info(NAME);
		until(() -> field("snapshot-rows-total"), String.valueOf(info.path("snapshot").path("rowsTotal").asLong()));
		assertThat(element(SECTION + " [data-field=status]").getDomAttribute("class"))
			.isEqualTo("status status-available");
		assertThat(element(SECTION + " [data-field=reason]").isDisplayed()).isFalse();
		assertThat(browser.findElements(By.cssSelector(SECTION + " form.snapshot-stop")))
			.as("no snapshot to stop any more: the section read again")
			.isEmpty();
		assertThat(browser.findElements(By.cssSelector(SECTION + " form.pause"))).hasSize(1);
		screenshot("bridge-connector-completed", element(SECTION), "start");

		// a change streamed: counted where it is, the section not replaced
		WebElement section = element(SECTION);
		long published = Long.parseLong(field("events-published"));
		this.monolith
			.sql("insert into browser_rows values (" + (ROWS + 1) + ", 'live', null), (" + (ROWS + 2)
					+ ", 'live', null), (" + (ROWS + 3) + ", 'live', null)")
			.update();
		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.untilAsserted(
					() -> assertThat(Long.parseLong(field("events-published"))).isGreaterThanOrEqualTo(published + 3));
		assertThat(section.getDomAttribute("data-connector")).as("still in the page, not replaced").isEqualTo(NAME);
		assertThat(field("last-event")).isNotEqualTo("none yet");
		assertThat(js("return window.__noReload;")).isEqualTo(1L);

		// edit: a column excluded
		element(SECTION + " a.edit").click();
		element("#edit-form input[name=excludedColumns][value='" + TABLE + ".note']").click();
		element("#save").click();
		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.untilAsserted(
					() -> assertThat(browser.findElement(By.id("flash")).getText()).startsWith("Updated " + NAME));
		until(() -> field("excluded-columns"), TABLE + ".note");
		until(() -> field("status"), "available");
		assertThat(api.info(NAME).path("excludedColumns").valueStream().map(JsonNode::asString))
			.containsExactly(TABLE + ".note");

		// destroy: the name typed
		element(SECTION + " a.destroy").click();
		element("input#confirmation").sendKeys(NAME);
		element("form.destroy button[type=submit]").click();
		await().atMost(TIMEOUT)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(browser.findElement(By.id("flash")).getText()).contains(NAME));
		assertThat(browser.findElements(By.cssSelector(SECTION))).isEmpty();
		api.call("GET", "/api/connectors/" + NAME, null, 404);
	}

	/** The text of one of the connector's live fields, read afresh. */
	private static String field(String name) {
		return browser.findElement(By.cssSelector(SECTION + " [data-field=" + name + "]")).getText();
	}

	private static WebElement element(String css) {
		return await().atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> browser.findElement(By.cssSelector(css)), (element) -> element != null);
	}

	private static void until(Supplier<String> shown, String expected) {
		await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(shown.get()).isEqualTo(expected));
	}

	private static Object js(String script) {
		return ((JavascriptExecutor) browser).executeScript(script);
	}

	private void screenshot(String name, WebElement shown, String block) {
		((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: arguments[1]});", shown,
				block);
		HeadlessChromium.screenshot((TakesScreenshot) browser, name);
	}

}
