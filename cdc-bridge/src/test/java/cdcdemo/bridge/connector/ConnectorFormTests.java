package cdcdemo.bridge.connector;

import java.io.IOException;
import cdcdemo.testsupport.TestLogins;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's connector forms as a browser without JavaScript uses them, on a real
 * PostgreSQL and Kafka broker: the tables of the source's live schema with their primary
 * key and replica identity; an invalid form (a table without a primary key, no name, a
 * publication nobody created) shown again with each message under its field, what was
 * entered kept and the password nowhere in the page; a connector created on a publication
 * the tables' owner created, edited (a column excluded, after a refused edit), and
 * destroyed once its name is typed right.
 */
class ConnectorFormTests extends BridgeSystemTest {

	/** The password of a role made for this test, so that any echo of it is seen. */
	static final String PASSWORD = "form-pw-7f3a9c";

	BridgeApi api;

	Browser browser;

	@BeforeEach
	void browser() {
		this.api = new BridgeApi(this.port, this.mapper);
		this.browser = new Browser("http://localhost:" + this.port);
		JdbcClient superuser = JdbcClient.create(this.postgres.dataSource("users"));
		superuser.sql("drop role if exists form_tester").update();
		superuser.sql("create role form_tester login replication password '" + PASSWORD + "'").update();
		superuser.sql("grant select on all tables in schema public to form_tester").update();
	}

	@AfterEach
	void dropPublication() {
		this.monolith.sql("drop publication if exists form_publication").update();
		JdbcClient superuser = JdbcClient.create(this.postgres.dataSource("users"));
		superuser.sql("revoke select on all tables in schema public from form_tester").update();
		superuser.sql("drop role form_tester").update();
	}

	@Test
	void createsEditsAndDestroysAConnectorThroughTheForms() {
		Document page = this.browser.get("/");
		Document form = this.browser.get(page.selectFirst("a#new-connector").attr("href"));
		assertThat(form.select("tr.source-table")).as("no tables before a source is chosen").isEmpty();
		assertThat(form.select("select[name=datasource] option").eachAttr("value")).contains("default");

		// a JDBC URL and a role: the tables of the live schema, with key and replica
		// identity
		choose(form, "sourceKind", "jdbc");
		form.selectFirst("input[name=jdbcUrl]").val(this.postgres.jdbcUrl("users"));
		form.selectFirst("input[name=user]").val("form_tester");
		form.selectFirst("input[name=password]").val(PASSWORD);
		form = this.browser.submit(form.selectFirst("#connector-form"), "#show-tables", 200);
		assertThat(form.select("tr.source-table").eachAttr("data-table")).contains("public.users", "public.accounts",
				"public.items", "public.people", "public.notes", "public.no_key");
		assertThat(row(form, "public.no_key").selectFirst(".primary-key").text()).contains("none",
				"cannot be captured");
		assertThat(row(form, "public.notes").selectFirst(".primary-key").text()).isEqualTo("id");
		assertThat(row(form, "public.notes").selectFirst(".replica-identity").text()).isEqualTo("default");
		// contains, not containsExactly: a test class sharing these servers
		// (GoldenChangeEventsTests) recreates users
		// from users-app's migration, which adds created_at
		assertThat(row(form, "public.users").select("[data-column]").eachAttr("data-column")).contains(
				"public.users.id", "public.users.first_name", "public.users.last_name", "public.users.email",
				"public.users.password");
		assertThat(form.selectFirst("[data-column=public.users.password]").text()).contains("looks like a secret");
		assertThat(form.select("input[name=excludedColumns][checked]")).as("nothing excluded for the user").isEmpty();
		assertThat(form.html()).doesNotContain(PASSWORD);

		// invalid: a table without a primary key, no name, a publication nobody created
		int connectors = this.api.call("GET", "/api/connectors", null, 200).size();
		assertThat(form.selectFirst("input[name=password]").val()).as("asked again").isEmpty();
		form.selectFirst("input[name=password]").val(PASSWORD);
		tick(form, "tables", "public.no_key");
		tick(form, "tables", "public.notes");
		tick(form, "excludedColumns", "public.notes.author_email");
		form.selectFirst("input[name=publication]").val("form_publication");
		form.selectFirst("textarea[name=settings]").val("tombstones.on.delete=false");
		form = this.browser.submit(form.selectFirst("#connector-form"), "#create", 200);
		assertThat(errors(form, "name")).singleElement().asString().startsWith("required");
		assertThat(errors(form, "table:public.no_key")).singleElement()
			.asString()
			.contains("public.no_key has no primary key");
		assertThat(errors(form, "table:public.notes")).isEmpty();
		assertThat(errors(form, "publication")).singleElement()
			.asString()
			.contains("no publication 'form_publication'");
		assertThat(form.select("#errors li")).isEmpty();
		assertThat(form.select("input[name=tables][checked]").eachAttr("value"))
			.containsExactlyInAnyOrder("public.no_key", "public.notes");
		assertThat(form.select("input[name=excludedColumns][checked]").eachAttr("value"))
			.containsExactly("public.notes.author_email");
		assertThat(form.selectFirst("input[name=jdbcUrl]").val()).isEqualTo(this.postgres.jdbcUrl("users"));
		assertThat(form.selectFirst("input[name=user]").val()).isEqualTo("form_tester");
		assertThat(form.selectFirst("input[name=publication]").val()).isEqualTo("form_publication");
		assertThat(form.selectFirst("textarea[name=settings]").val()).isEqualTo("tombstones.on.delete=false");
		assertThat(form.selectFirst("input[name=password]").val()).isEmpty();
		assertThat(form.html()).doesNotContain(PASSWORD);
		assertThat(this.api.call("GET", "/api/connectors", null, 200).size()).as("nothing created")
			.isEqualTo(connectors);

		// valid: the bridge's own datasource, on a publication the tables' owner created
		this.monolith.sql("create publication form_publication for table notes").update();
		form = this.browser.get("/connectors/new");
		choose(form, "sourceKind", "datasource");
		form = this.browser.submit(form.selectFirst("#connector-form"), "#show-tables", 200);
		tick(form, "tables", "public.notes");
		form.selectFirst("input[name=name]").val("form_notes");
		form.selectFirst("input[name=publication]").val("form_publication");
		form.selectFirst("textarea[name=settings]").val("tombstones.on.delete=false");
		page = this.browser.submit(form.selectFirst("#connector-form"), "#create", 302);
		assertThat(page.selectFirst("#flash").text()).startsWith("Created form_notes");
		JsonNode info = this.api.call("GET", "/api/connectors/form_notes/wait?timeout=60s", null, 200);
		assertThat(info.path("status").asString()).isEqualTo("available");
		assertThat(info.path("tables").findValuesAsString("table")).containsExactly("public.notes");
		assertThat(info.path("publication").asString()).isEqualTo("form_publication");
		assertThat(info.path("settings").path("tombstones.on.delete").asString()).isEqualTo("false");
		assertThat(info.path("excludedColumns")).isEmpty();

		// edit: a table without a key is refused under its row; then a column excluded
		Document edit = this.browser.get(page.selectFirst("#connector-form_notes a.edit").attr("href"));
		assertThat(edit.select("input[name=tables][checked]").eachAttr("value")).containsExactly("public.notes");
		tick(edit, "tables", "public.no_key");
		tick(edit, "excludedColumns", "public.notes.author_email");
		edit = this.browser.submit(edit.selectFirst("#edit-form"), "#save", 200);
		assertThat(errors(edit, "table:public.no_key")).singleElement().asString().contains("has no primary key");
		assertThat(edit.select("input[name=excludedColumns][checked]").eachAttr("value"))
			.containsExactly("public.notes.author_email");
		assertThat(this.api.info("form_notes").path("excludedColumns")).as("nothing changed yet").isEmpty();
		edit.selectFirst("input[name=tables][value=public.no_key]").removeAttr("checked");
		page = this.browser.submit(edit.selectFirst("#edit-form"), "#save", 302);
		assertThat(page.selectFirst("#flash").text()).startsWith("Updated form_notes");
		info = this.api.call("GET", "/api/connectors/form_notes/wait?timeout=60s", null, 200);
		assertThat(info.path("excludedColumns").valueStream().map(JsonNode::asString))
			.containsExactly("public.notes.author_email");
		assertThat(info.path("tables").findValuesAsString("table")).containsExactly("public.notes");

		// destroy: a wrong name destroys nothing
		Document destroy = this.browser.get(page.selectFirst("#connector-form_notes a.destroy").attr("href"));
		destroy.selectFirst("input[name=confirmation]").val("form_note");
		destroy = this.browser.submit(destroy.selectFirst("form.destroy"), "button", 302);
		assertThat(destroy.selectFirst("#error").text()).startsWith("Nothing destroyed");
		assertThat(this.api.info("form_notes").path("status").asString()).isEqualTo("available");
		destroy.selectFirst("input[name=confirmation]").val("form_notes");
		page = this.browser.submit(destroy.selectFirst("form.destroy"), "button", 302);
		assertThat(page.selectFirst("#flash").text()).contains("form_notes");
		assertThat(page.select("#connector-form_notes")).isEmpty();
		this.api.call("GET", "/api/connectors/form_notes", null, 404);
		assertThat(JdbcClient.create(this.postgres.dataSource("users"))
			.sql("select count(*) from pg_replication_slots where slot_name = 'form_notes'")
			.query(Long.class)
			.single()).isZero();
	}

	private static Element row(Document form, String table) {
		return form.selectFirst("tr.source-table[data-table=" + table + "]");
	}

	private static List<String> errors(Document form, String field) {
		return form.select("[data-errors-for=" + field + "] li").eachText();
	}

	private static void tick(Document form, String name, String value) {
		Element box = form.selectFirst("input[name=" + name + "][value=" + value + "]");
		assertThat(box).as("a checkbox for %s", value).isNotNull();
		box.attr("checked", "checked");
	}

	private static void choose(Document form, String name, String value) {
		form.select("input[name=" + name + "]").removeAttr("checked");
		form.selectFirst("input[name=" + name + "][value=" + value + "]").attr("checked", "checked");
	}

	/**
	 * A browser without JavaScript: one session (its cookie kept), a form sent with its
	 * fields as the browser would send them (ticked boxes, the selected option, the CSRF
	 * token) to its action or its button's {@code formaction}, a redirect followed with a
	 * GET.
	 */
	static final class Browser {

		private final String base;

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.authenticator(TestLogins.ADMIN.authenticator())
			.build();

		Browser(String base) {
			this.base = base;
		}

		Document get(String path) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base + path)).GET().build());
			assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
			return Jsoup.parse(response.body(), this.base + path);
		}

		Document submit(Element form, String button, int expectedStatus) {
			FormElement element = (FormElement) form;
			Element pressed = form.selectFirst(button);
			String action = (pressed != null && pressed.hasAttr("formaction")) ? pressed.attr("formaction")
					: form.attr("action");
			String body = element.formData()
				.stream()
				.map((field) -> encode(field.key()) + "=" + encode(field.value()))
				.collect(Collectors.joining("&"));
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.base + action))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build());
			assertThat(response.statusCode()).as("POST %s answered %s", action, response.body())
				.isEqualTo(expectedStatus);
			if (expectedStatus == 302) {
				String location = response.headers().firstValue("Location").orElseThrow();
				return get(URI.create(this.base).resolve(location).getRawPath());
			}
			return Jsoup.parse(response.body(), this.base + action);
		}

		private HttpResponse<String> send(HttpRequest request) {
			try {
				return this.http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static String encode(String text) {
			return URLEncoder.encode(text, StandardCharsets.UTF_8);
		}

	}

}
