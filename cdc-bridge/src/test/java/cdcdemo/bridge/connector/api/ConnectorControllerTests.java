package cdcdemo.bridge.connector.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import cdcdemo.bridge.connector.ConnectorNotFoundException;
import cdcdemo.bridge.connector.ConnectorRegistry;
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
@WebMvcTest(ConnectorController.class)
@Import(SecurityTestSupport.class)
class ConnectorControllerTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ConnectorRegistry registry;

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
