package cdcdemo.bridge.connector.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import cdcdemo.bridge.connector.ConnectorRegistry;
import cdcdemo.bridge.connector.ConnectorSnapshots;
import cdcdemo.bridge.system.SecurityTestSupport;
import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.TestLogins.Login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * Who may do what on the bridge, through the real filter chain and real logins (HTTP
 * Basic with the test users of {@link TestLogins}): each role can do what it should and
 * nothing more, and a request without a login is told how to log in.
 */
@WebMvcTest({ ConnectorController.class, ConnectorPageController.class })
@Import(SecurityTestSupport.class)
class ConnectorAuthorizationTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ConnectorRegistry registry;

	@MockitoBean
	ConnectorSnapshots snapshots;

	@Test
	void answersAnApiCallWithoutALogin401WithHowToLogIn() {
		var answer = this.mvc.get().uri("/api/connectors");
		assertThat(answer).hasStatus(401)
			.headers()
			.hasValue(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cdc-platform\"");
		assertThat(answer).bodyJson().extractingPath("$.title").asString().isEqualTo("Login required");
		then(this.registry).should(never()).list();
	}

	@Test
	void sendsABrowserWithoutALoginToTheLoginPage() {
		assertThat(this.mvc.get().uri("/").accept(MediaType.TEXT_HTML)).hasStatus(302)
			.headers()
			.hasValue(HttpHeaders.LOCATION, "/login");
		assertThat(this.mvc.get().uri("/login").accept(MediaType.TEXT_HTML)).hasStatusOk()
			.bodyText()
			.contains("name=\"username\"", "name=\"_csrf\"");
	}

	@Test
	void refusesAWrongPassword() {
		assertThat(this.mvc.get()
			.uri("/api/connectors")
			.header(HttpHeaders.AUTHORIZATION, new Login(TestLogins.ADMIN.user(), "wrong").basic())).hasStatus(401);
	}

	@Test
	void letsAViewerReadButNotAct() {
		assertThat(this.mvc.get().uri("/api/connectors").header(HttpHeaders.AUTHORIZATION, TestLogins.VIEWER.basic()))
			.hasStatusOk();
		assertThat(as(TestLogins.VIEWER, this.mvc.post().uri("/api/connectors/monolith/pause"))).hasStatus(403)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("viewer (role viewer) may not do this");
		assertThat(as(TestLogins.VIEWER, this.mvc.get().uri("/connectors/new"))).hasStatus(403);
		then(this.registry).should(never()).pause("monolith");
	}

	@Test
	void letsAnOperatorActButNotDestroy() {
		assertThat(as(TestLogins.OPERATOR, this.mvc.post().uri("/api/connectors/monolith/pause"))).hasStatusOk();
		then(this.registry).should().pause("monolith");
		assertThat(this.mvc.delete()
			.uri("/api/connectors/monolith/snapshots")
			.header(HttpHeaders.AUTHORIZATION, TestLogins.OPERATOR.basic())).hasStatus(202);
		assertThat(this.mvc.delete()
			.uri("/api/connectors/monolith")
			.header(HttpHeaders.AUTHORIZATION, TestLogins.OPERATOR.basic())).hasStatus(403);
		assertThat(as(TestLogins.OPERATOR, this.mvc.get().uri("/connectors/monolith/destroy"))).hasStatus(403);
		then(this.registry).should(never()).destroy("monolith");
	}

	@Test
	void letsAnAdminDestroy() {
		assertThat(this.mvc.delete()
			.uri("/api/connectors/monolith")
			.header(HttpHeaders.AUTHORIZATION, TestLogins.ADMIN.basic())).hasStatusOk();
		then(this.registry).should().destroy("monolith");
	}

	private static MockMvcTester.MockMvcRequestBuilder as(Login login, MockMvcTester.MockMvcRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, login.basic()).contentType(MediaType.APPLICATION_JSON);
	}

}
