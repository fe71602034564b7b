package cdcdemo.bridge.connector.api;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import cdcdemo.bridge.connector.ConnectorInfo;
import cdcdemo.bridge.connector.ConnectorNotFoundException;
import cdcdemo.bridge.connector.ConnectorRegistry;
import cdcdemo.bridge.connector.ConnectorSnapshots;
import cdcdemo.bridge.connector.ConnectorStateException;
import cdcdemo.bridge.connector.ConnectorValidationException;
import cdcdemo.bridge.connector.ConnectorValidationException.FieldProblem;
import cdcdemo.bridge.system.SecurityTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * The API's web layer alone, with the bridge's real security rules: each error the
 * registry raises becomes the problem detail and status a script can act on, and a
 * request a foreign page could forge is refused before it reaches the registry.
 * {@code ConnectorLifecycleTests} runs the same API on real servers.
 */
@WithMockUser(roles = "OPERATOR")
@WebMvcTest(ConnectorController.class)
@Import(SecurityTestSupport.class)
class ConnectorControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ConnectorRegistry registry;

	@MockitoBean
	ConnectorSnapshots snapshots;

	@Test
	void answers404NamingAnUnknownConnector() {
		given(this.registry.info("nope")).willThrow(new ConnectorNotFoundException("nope"));
		assertThat(this.mvc.get().uri("/api/connectors/nope")).hasStatus(404)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("nope");
	}

	@Test
	void answers400WithEveryFieldAtFault() {
		given(this.registry.create(any())).willThrow(new ConnectorValidationException(
				List.of(new FieldProblem("tables[0]", "table public.missing does not exist"),
						new FieldProblem("publication", "ask the owner to run CREATE PUBLICATION ..."))));
		var answer = this.mvc.post()
			.uri("/api/connectors")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"audit\", \"tables\": [\"public.missing\"]}");
		assertThat(answer).hasStatus(400)
			.bodyJson()
			.extractingPath("$.title")
			.asString()
			.isEqualTo("Invalid connector");
		assertThat(answer).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("tables[0]", "publication");
	}

	@Test
	void answers400ForABodyThatIsNotJson() {
		assertThat(this.mvc.post().uri("/api/connectors").contentType(MediaType.APPLICATION_JSON).content("{name: "))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.title")
			.asString()
			.isEqualTo("Unreadable request");
		then(this.registry).should(never()).create(any());
	}

	@Test
	void answers409ForAnActionTheStateDoesNotAllow() {
		given(this.registry.skip(anyString(), anyString()))
			.willThrow(new ConnectorStateException("monolith has no event to skip"));
		assertThat(this.mvc.post().uri("/api/connectors/monolith/skip").contentType(MediaType.APPLICATION_JSON))
			.hasStatus(409)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.isEqualTo("monolith has no event to skip");
	}

	@Test
	void answers202WithTheInfoWhenASnapshotIsStopped() {
		ConnectorInfo stopped = ConnectorFormControllerTests.info("orders", List.of("public.orders"), List.of());
		stopped = new ConnectorInfo(stopped.name(), "creating", "connecting", stopped.source(), stopped.store(),
				stopped.tables(), stopped.excludedColumns(), stopped.excludedColumnsFiltered(), stopped.publication(),
				stopped.heartbeatTopic(), stopped.settings(), 0, 0.0, null, null, null,
				new ConnectorInfo.SnapshotInfo("stopped", 51200, 200000,
						new ConnectorInfo.StoppedSnapshot(Instant.parse("2026-12-01T12:00:00Z"), 51200)),
				stopped.delivery(), List.of(), List.of(), List.of());
		given(this.snapshots.stopSnapshot("orders")).willReturn(stopped);
		var answer = this.mvc.delete().uri("/api/connectors/orders/snapshots");
		assertThat(answer).hasStatus(202).bodyJson().extractingPath("$.snapshot.state").asString().isEqualTo("stopped");
		assertThat(answer).bodyJson().extractingPath("$.snapshot.stopped.rowsRead").asNumber().isEqualTo(51200);
	}

	@Test
	void leavesOutTheStoppedSnapshotWhenNoneWasStopped() {
		given(this.registry.info("orders"))
			.willReturn(ConnectorFormControllerTests.info("orders", List.of("public.orders"), List.of()));
		assertThat(this.mvc.get().uri("/api/connectors/orders")).hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$.snapshot.state", (state) -> assertThat(state).asString().isEqualTo("completed"))
			.doesNotHavePath("$.snapshot.stopped");
	}

	@Test
	void answers409WhenNoSnapshotIsRunningToStop() {
		given(this.snapshots.stopSnapshot("orders")).willThrow(new ConnectorStateException(
				"orders is taking no snapshot (its snapshot is completed): only a running one can be stopped"));
		assertThat(this.mvc.delete().uri("/api/connectors/orders/snapshots")).hasStatus(409)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("orders is taking no snapshot");
	}

	@Test
	void answers404WhenStoppingTheSnapshotOfAnUnknownConnector() {
		given(this.snapshots.stopSnapshot("nope")).willThrow(new ConnectorNotFoundException("nope"));
		assertThat(this.mvc.delete().uri("/api/connectors/nope/snapshots")).hasStatus(404)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("nope");
	}

	@Test
	void refusesABarePostAForeignPageCouldForge() {
		assertThat(this.mvc.post()
			.uri("/api/connectors/monolith/pause")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)).hasStatus(403)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("Content-Type: application/json");
		then(this.registry).should(never()).pause(anyString());
	}

}
