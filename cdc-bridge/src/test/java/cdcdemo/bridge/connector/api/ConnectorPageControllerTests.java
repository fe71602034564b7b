package cdcdemo.bridge.connector.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import cdcdemo.bridge.connector.ConnectorInfo;
import cdcdemo.bridge.connector.ConnectorRegistry;
import cdcdemo.bridge.connector.ConnectorSnapshots;
import cdcdemo.bridge.system.SecurityTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The connectors page as its script finds it: each value the script keeps up to date in
 * an element named by {@code data-field} inside the connector's
 * {@code section[data-connector]}, the sections in {@code #connectors} (what the script
 * replaces when the buttons change), the script a static file and no inline script or
 * handler (the Content-Security-Policy every page carries allows neither), and the 5 s
 * reload kept for a browser without JavaScript. {@code ConnectorPagesBrowserTests} drives
 * the live page in Chromium.
 */
@WithMockUser(roles = "ADMIN")
@WebMvcTest({ ConnectorPageController.class, ConnectorFormController.class })
@Import(SecurityTestSupport.class)
class ConnectorPageControllerTests {

	private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ConnectorRegistry registry;

	@MockitoBean
	ConnectorSnapshots snapshots;

	@Test
	void marksWhatTheScriptUpdatesAndLoadsTheScriptFromAFile() throws Exception {
		given(this.registry.list()).willReturn(List.of(creating("audit")));

		MvcTestResult result = this.mvc.get().uri("/").exchange();
		assertThat(result).hasStatusOk().hasHeader("Content-Security-Policy", CSP);
		Document page = html(result);

		Element section = page.selectFirst("#connectors > section#connector-audit[data-connector=audit]");
		assertThat(section).isNotNull();
		assertThat(text(section, "status")).isEqualTo("creating");
		assertThat(section.selectFirst("[data-field=status]").classNames()).contains("status", "status-creating");
		assertThat(text(section, "reason")).isEqualTo("its slot is being created");
		assertThat(text(section, "snapshot-state")).isEqualTo("running");
		assertThat(text(section, "snapshot-rows-done")).isEqualTo("1200");
		assertThat(text(section, "snapshot-rows-total")).isEqualTo("20000");
		assertThat(text(section, "events-published")).isEqualTo("1200");
		assertThat(text(section, "events-per-second")).isEqualTo("120.5");
		assertThat(text(section, "last-event")).isEqualTo("2026-05-01T10:00:00Z");
		assertThat(text(section, "lag")).isEqualTo("n/a");
		assertThat(text(section, "retained-wal")).isEqualTo("4096 bytes");
		assertThat(text(section, "excluded-columns")).isEqualTo("public.accounts.secret");
		assertThat(text(section, "excluded-columns-filtered")).isEqualTo("bridge");
		assertThat(section.select("[data-field=warnings] li").eachText()).containsExactly("slow");
		assertThat(section.select("table.tables tbody tr td:first-child").eachText())
			.containsExactly("public.accounts");
		assertThat(section.selectFirst("form.pause")).isNotNull();
		assertThat(section.selectFirst("form.resume")).isNull();
		assertThat(section.selectFirst("form.snapshot-stop").attr("data-confirm")).startsWith("Stop this snapshot?");

		assertThat(page.select("script")).singleElement()
			.satisfies((script) -> assertThat(script.attr("src")).isEqualTo("/connectors.js"))
			.satisfies((script) -> assertThat(script.data()).isEmpty());
		assertThat(page.select("*").stream().flatMap((element) -> element.attributes().asList().stream()))
			.as("no inline handler")
			.noneMatch((attribute) -> attribute.getKey().startsWith("on"));
		assertThat(page.select("head > meta[http-equiv=refresh]")).as("no reload with JavaScript").isEmpty();
		assertThat(page.selectFirst("head > noscript").html()).contains("http-equiv=\"refresh\"", "content=\"5\"");
		assertThat(page.select("style")).as("styles in bridge.css: style-src 'self'").isEmpty();
	}

	@Test
	void leavesEachConnectorTwoChartsForTheScriptToDrawWithAWayToTheFiguresWithoutIt() throws Exception {
		given(this.registry.list()).willReturn(List.of(creating("audit")));
		Element section = html(this.mvc.get().uri("/").exchange()).selectFirst("section[data-connector=audit]");
		assertThat(section.select(".charts figure.chart").eachAttr("data-chart")).containsExactly("eventsPerSecond",
				"retainedWalBytes");
		assertThat(section.select(".charts figure.chart figcaption").eachText()).containsExactly("Events/s",
				"Retained WAL");
		assertThat(section.select(".charts figure.chart svg[role=img]")).hasSize(2)
			.allSatisfy((svg) -> assertThat(svg.attr("aria-label")).endsWith(": no samples yet"));
		assertThat(section.selectFirst(".charts noscript").html()).contains("/api/connectors/audit/history");
	}

	@Test
	@WithMockUser(username = "vera", roles = "VIEWER")
	void showsAViewerTheConnectorsWithoutTheirButtons() throws Exception {
		given(this.registry.list()).willReturn(List.of(creating("audit")));
		Document page = html(this.mvc.get().uri("/").exchange());
		Element section = page.selectFirst("section[data-connector=audit]");
		assertThat(text(section, "status")).isEqualTo("creating");
		assertThat(section.select(".actions, form")).as("an operator's buttons").isEmpty();
		assertThat(page.selectFirst("#new-connector")).isNull();
		assertThat(page.selectFirst("#platform-header .platform-user").text()).startsWith("vera (viewer)");
	}

	@Test
	@WithMockUser(roles = "OPERATOR")
	void showsAnOperatorEveryButtonButDestroy() throws Exception {
		given(this.registry.list()).willReturn(List.of(creating("audit")));
		Element section = html(this.mvc.get().uri("/").exchange()).selectFirst("section[data-connector=audit]");
		assertThat(section.selectFirst("form.pause")).isNotNull();
		assertThat(section.selectFirst("a.edit")).isNotNull();
		assertThat(section.selectFirst("a.destroy")).isNull();
	}

	@Test
	@WithMockUser(roles = "OPERATOR")
	void offersAMoveToEachKafkaConnectClusterAndSendsIt() throws Exception {
		given(this.registry.list()).willReturn(List.of(creating("audit")));
		given(this.registry.connectClusterNames()).willReturn(List.of("scale"));
		Element section = html(this.mvc.get().uri("/").exchange()).selectFirst("section[data-connector=audit]");
		assertThat(text(section, "engine")).isEqualTo("the bridge’s embedded engine");
		assertThat(section.select("form.move option")).extracting(Element::val).containsExactly("scale");

		assertThat(this.mvc.post().uri("/connectors/audit/move").param("to", "scale").with(csrf()).exchange())
			.hasStatus3xxRedirection();
		verify(this.registry).move("audit", "kafka-connect", "scale");
		assertThat(this.mvc.post().uri("/connectors/audit/move").param("to", "embedded").with(csrf()).exchange())
			.hasStatus3xxRedirection();
		verify(this.registry).move("audit", "embedded", null);
	}

	@Test
	void showsNoMoveWithoutAKafkaConnectCluster() throws Exception {
		given(this.registry.list()).willReturn(List.of(creating("audit")));
		Element section = html(this.mvc.get().uri("/").exchange()).selectFirst("section[data-connector=audit]");
		assertThat(section.selectFirst("form.move")).isNull();
	}

	@Test
	void showsNoReasonWhenAvailableAndResumeWhenPaused() throws Exception {
		ConnectorInfo available = ConnectorFormControllerTests.info("audit", List.of("public.accounts"), List.of());
		ConnectorInfo paused = ConnectorFormControllerTests.info("paused_one", List.of("public.items"), List.of());
		paused = new ConnectorInfo(paused.name(), "paused", "paused on request", paused.source(), paused.store(),
				paused.tables(), paused.excludedColumns(), paused.excludedColumnsFiltered(), paused.publication(),
				paused.heartbeatTopic(), paused.settings(), 0, 0.0, null, 12L, null, paused.snapshot(),
				new ConnectorInfo.DeliveryInfo("exactly-once", 0, 0, null, null, null, List.of(), 1048576, 3),
				List.of(), List.of(), List.of());
		given(this.registry.list()).willReturn(List.of(available, paused));

		Document page = html(this.mvc.get().uri("/").exchange());

		Element audit = page.selectFirst("section[data-connector=audit]");
		assertThat(audit.selectFirst("[data-field=reason]").hasAttr("hidden")).isTrue();
		assertThat(text(audit, "excluded-columns")).isEqualTo("none");
		assertThat(audit.selectFirst("form.snapshot-stop")).isNull();
		assertThat(text(audit, "partitions")).isEqualTo("the broker’s default partitions");
		Element pausedOne = page.selectFirst("section[data-connector=paused_one]");
		assertThat(pausedOne.selectFirst("[data-field=reason]").hasAttr("hidden")).isFalse();
		assertThat(text(pausedOne, "lag")).isEqualTo("12 ms");
		assertThat(text(pausedOne, "partitions")).isEqualTo("3 partition(s)");
		assertThat(pausedOne.selectFirst("form.resume")).isNotNull();
		assertThat(pausedOne.selectFirst("form.pause")).isNull();
	}

	@Test
	void servesTheScriptAndTheStylesheet() {
		assertThat(this.mvc.get().uri("/connectors.js").exchange()).hasStatusOk()
			.bodyText()
			.contains("/api/connectors", "textContent")
			.doesNotContain("innerHTML");
		assertThat(this.mvc.get().uri("/bridge.css").exchange()).hasStatusOk().bodyText().contains("section.connector");
	}

	@Test
	@WithMockUser(roles = "OPERATOR")
	void theFormsCarryThePolicyToo() {
		given(this.registry.datasourceNames()).willReturn(List.of("default"));
		assertThat(this.mvc.get().uri("/connectors/new").exchange()).hasStatusOk()
			.hasHeader("Content-Security-Policy", CSP);
	}

	private static ConnectorInfo creating(String name) {
		ConnectorInfo base = ConnectorFormControllerTests.info(name, List.of("public.accounts"),
				List.of("public.accounts.secret"));
		return new ConnectorInfo(name, "creating", "its slot is being created", base.source(), base.store(),
				base.tables(), base.excludedColumns(), base.excludedColumnsFiltered(), base.publication(),
				base.heartbeatTopic(), base.settings(), 1200, 120.5, Instant.parse("2026-05-01T10:00:00Z"), null, 4096L,
				new ConnectorInfo.SnapshotInfo("running", 1200, 20000, null), base.delivery(), List.of(), List.of(),
				List.of("slow"));
	}

	private static String text(Element section, String field) {
		Element element = section.selectFirst("[data-field=" + field + "]");
		assertThat(element).as("[data-field=%s]", field).isNotNull();
		return element.text();
	}

	private static Document html(MvcTestResult result) throws java.io.UnsupportedEncodingException {
		assertThat(result).hasStatusOk();
		return Jsoup.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

}
