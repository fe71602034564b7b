package cdcdemo.bridge.charts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import cdcdemo.bridge.connector.ConnectorNotFoundException;
import cdcdemo.bridge.connector.ConnectorRegistry;
import cdcdemo.bridge.connector.ConnectorSample;
import cdcdemo.bridge.system.SecurityTestSupport;
import cdcdemo.testsupport.TestLogins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * {@code GET /api/connectors/{name}/history} through the bridge's real security rules and
 * logins, on a real history and a clock the test sets: a viewer reads it as JSON with a
 * timestamp each sample and {@code null} (never NaN, never a negative number) where a
 * figure is missing; a connector not sampled yet has an empty history, an unknown one is
 * a 404 problem detail; without a login, none.
 */
@WebMvcTest(HistoryController.class)
@Import({ SecurityTestSupport.class, HistoryControllerTests.Histories.class })
class HistoryControllerTests {

	static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ConnectorHistories histories;

	@MockitoBean
	ConnectorRegistry registry;

	@Test
	void letsAViewerReadTheHistoryWithNullsWhereFiguresAreMissing() {
		this.histories.sampled(START.minusSeconds(30), List.of(new ConnectorSample("audit", 12.5, 4096L, 40L)));
		this.histories.sampled(START.minusSeconds(20), List.of(new ConnectorSample("audit", null, 8192L, -1L)));
		this.histories.sampled(START, List.of(new ConnectorSample("audit", Double.NaN, null, 35L)));

		MvcTestResult answer = viewer("/api/connectors/audit/history");
		assertThat(answer).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"connector": "audit", "from": "2026-12-01T09:00:00Z", "to": "2026-12-01T10:00:00Z",
				 "intervalSeconds": 10,
				 "timestamps": ["2026-12-01T09:59:30Z", "2026-12-01T09:59:40Z", "2026-12-01T09:59:50Z",
				   "2026-12-01T10:00:00Z"],
				 "eventsPerSecond": [12.5, null, null, null],
				 "retainedWalBytes": [4096, 8192, null, null],
				 "millisBehindSource": [40, null, null, 35]}""");
		assertThat(answer).bodyText().doesNotContain("NaN", ",-", "[-");
		then(this.registry).should(never()).info("audit");
	}

	@Test
	void answersAnEmptyHistoryForAConnectorNotSampledYet() {
		assertThat(viewer("/api/connectors/new_one/history")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.timestamps")
			.asArray()
			.isEmpty();
		then(this.registry).should().info("new_one");
	}

	@Test
	void answers404NamingAnUnknownConnector() {
		given(this.registry.info("nope")).willThrow(new ConnectorNotFoundException("nope"));
		assertThat(viewer("/api/connectors/nope/history")).hasStatus(404)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("nope");
	}

	@Test
	void answersNothingWithoutALogin() {
		assertThat(this.mvc.get().uri("/api/connectors/audit/history")).hasStatus(401);
	}

	private MvcTestResult viewer(String uri) {
		return this.mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, TestLogins.VIEWER.basic()).exchange();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Histories {

		@Bean
		ConnectorHistories connectorHistories() {
			return new ConnectorHistories(new ChartsProperties(Duration.ofSeconds(10), Duration.ofHours(1)),
					new SettableClock(START));
		}

	}

}
