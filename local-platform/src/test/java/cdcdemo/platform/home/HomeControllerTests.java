package cdcdemo.platform.home;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import cdcdemo.platform.PlatformProperties;
import cdcdemo.platform.apps.AppStatus;
import cdcdemo.platform.apps.PlatformApps;
import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.postgres.PostgresServer;
import cdcdemo.platformweb.HeaderAssertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The home page on fake apps: real HTTP servers answering {@code /actuator/health} as
 * actuator does (200 with UP, 503 with DOWN) and a port nobody listens on, so the page's
 * health is what it asked over HTTP. The supervisor is a test double: its state and
 * restarts show beside the health, and an app it does not run is looked for on its
 * configured port.
 */
@WebMvcTest(HomeController.class)
@Import(AppHealth.class)
@EnableConfigurationProperties(PlatformProperties.class)
class HomeControllerTests {

	private static HttpServer up;

	private static HttpServer down;

	private static int closedPort;

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	PlatformApps apps;

	@MockitoBean
	PostgresServer postgres;

	@MockitoBean
	KafkaServer kafka;

	@MockitoBean
	MailCatcher mail;

	@BeforeAll
	static void startFakeApps() throws IOException {
		up = health(200, "{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}");
		down = health(503, "{\"status\":\"DOWN\"}");
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
	}

	@AfterAll
	static void stopFakeApps() {
		up.stop(0);
		down.stop(0);
	}

	@DynamicPropertySource
	static void ports(DynamicPropertyRegistry registry) {
		registry.add("platform.apps.users-app-port", () -> up.getAddress().getPort());
		registry.add("platform.apps.kafka-consumer-port", () -> up.getAddress().getPort());
		registry.add("platform.apps.domain-stats-port", () -> up.getAddress().getPort());
		registry.add("platform.apps.onboarding-port", () -> down.getAddress().getPort());
		registry.add("platform.apps.cdc-bridge-port", () -> closedPort);
	}

	@BeforeEach
	void servers() {
		given(this.postgres.port()).willReturn(15432);
		given(this.kafka.bootstrapServers()).willReturn("127.0.0.1:19092");
		given(this.mail.port()).willReturn(1025);
	}

	@Test
	void showsEachAppsHealthAsItsHealthEndpointSaysIt() throws UnsupportedEncodingException {
		given(this.apps.statuses()).willReturn(List.of());

		Document page = home();

		assertThat(page.select("#apps tr.app")).extracting((row) -> row.attr("data-app"))
			.containsExactly("users-app", "kafka-consumer", "domain-stats", "onboarding-service", "cdc-bridge");
		assertThat(health(page, "kafka-consumer")).isEqualTo("UP");
		assertThat(health(page, "users-app")).isEqualTo("UP");
		assertThat(health(page, "onboarding-service")).isEqualTo("DOWN");
		assertThat(row(page, "onboarding-service").selectFirst(".health-detail").text()).isEqualTo("HTTP 503");
		assertThat(health(page, "cdc-bridge")).isEqualTo("DOWN");
		assertThat(row(page, "cdc-bridge").selectFirst(".health-detail").text()).isEqualTo("not listening");
		assertThat(row(page, "kafka-consumer").selectFirst("a.url").attr("href"))
			.isEqualTo("http://localhost:" + up.getAddress().getPort());
		assertThat(row(page, "kafka-consumer").selectFirst(".state").text()).isEqualTo("not run by the platform");
		assertThat(page.select("#servers tr.server"))
			.extracting((server) -> server.selectFirst("th").text() + " " + server.selectFirst(".address").text())
			.containsExactly("PostgreSQL 127.0.0.1:15432", "Kafka 127.0.0.1:19092", "SMTP 127.0.0.1:1025");
	}

	@Test
	void showsWhatTheSupervisorSaysOfTheProcessBesideItsHealth() throws UnsupportedEncodingException {
		String moved = "http://localhost:" + up.getAddress().getPort();
		given(this.apps.statuses()).willReturn(
				List.of(new AppStatus("cdc-bridge", "running", 4711L, moved, Instant.parse("2026-03-01T10:15:00Z"), 2,
						137, Instant.parse("2026-03-01T10:14:00Z"), "cdc-bridge.log")));

		Document page = home();

		Element bridge = row(page, "cdc-bridge");
		assertThat(bridge.selectFirst("a.url").attr("href")).isEqualTo(moved);
		assertThat(health(page, "cdc-bridge")).isEqualTo("UP");
		assertThat(bridge.selectFirst(".state").text()).isEqualTo("running");
		assertThat(bridge.selectFirst(".restarts").text()).isEqualTo("2 restart(s), the last exit with code 137");
		assertThat(bridge.text()).contains("pid 4711");
	}

	@Test
	void carriesThePlatformsHeaderMarkingTheHomePage() throws UnsupportedEncodingException {
		given(this.apps.statuses()).willReturn(List.of());

		String page = page("/platform");

		HeaderAssertions.assertCarriesTheHeader(page, "home", Map.of("home", "/platform", "mail", "/"));
	}

	private Document home() throws UnsupportedEncodingException {
		return Jsoup.parse(page("/platform"));
	}

	private String page(String path) throws UnsupportedEncodingException {
		MvcTestResult result = this.mvc.get().uri(path).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static Element row(Document page, String app) {
		Element row = page.selectFirst("#apps tr.app[data-app=" + app + "]");
		assertThat(row).as("the row of %s", app).isNotNull();
		return row;
	}

	private static String health(Document page, String app) {
		Element health = row(page, app).selectFirst(".health");
		assertThat(health.classNames()).contains("health-" + health.text());
		return health.text();
	}

	private static HttpServer health(int status, String json) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/actuator/health", (exchange) -> {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/vnd.spring-boot.actuator.v3+json");
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		return server;
	}

}
