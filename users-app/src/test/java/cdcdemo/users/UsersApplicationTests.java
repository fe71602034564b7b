package cdcdemo.users;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import cdcdemo.testsupport.servers.RealServers;
import cdcdemo.testsupport.servers.RealServersExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The monolith on a real PostgreSQL, connecting as its own role, served by the real
 * Tomcat: migrations and sample users, add with a bcrypt hash, edit that keeps or
 * replaces the hash, delete, the unique index on {@code lower(email)}, hostile text
 * stored as typed and shown as text, bytes that are not UTF-8, and no plain password in
 * any page or log line (the web and JDBC loggers run at their most talkative here).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.org.springframework.web=DEBUG", "logging.level.org.springframework.jdbc=TRACE",
				"logging.level.org.springframework.security=DEBUG" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
@RealServers(postgres = true)
@Tag("system")
class UsersApplicationTests {

	private static final Pattern CSRF_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = RealServersExtension.postgres().jdbcUrl("users");
		registry.add("DB_URL", () -> url);
	}

	@Test
	void addsAUserWithAHashedPasswordEditsAndDeletesItWithoutEverShowingOrLoggingThePassword(CapturedOutput output) {
		assertThat(this.mvc.get().uri("/users?q=ada@example.com")).hasStatusOk().bodyText().contains("Lovelace");

		assertThat(this.mvc.post()
			.uri("/users")
			.with(csrf())
			.param("firstName", "Katherine")
			.param("lastName", "Johnson")
			.param("email", "katherine@example.com")
			.param("password", "s3cret-passw0rd")).hasStatus3xxRedirection()
			.hasRedirectedUrl("/users")
			.flash()
			.containsEntry("message", "Added Katherine Johnson.");

		String hash = passwordOf("katherine@example.com");
		assertThat(hash).startsWith("$2a$10$").doesNotContain("s3cret-passw0rd");
		assertThat(this.passwordEncoder.matches("s3cret-passw0rd", hash)).isTrue();
		long id = idOf("katherine@example.com");
		assertThat(this.mvc.get().uri("/users")).bodyText()
			.contains("katherine@example.com")
			.doesNotContain(hash)
			.doesNotContain("s3cret-passw0rd");
		assertThat(this.mvc.get().uri("/users/{id}/edit", id)).hasStatusOk()
			.bodyText()
			.contains("value=\"Katherine\"", "value=\"katherine@example.com\"")
			.doesNotContain(hash)
			.doesNotContain("s3cret-passw0rd");

		assertThat(this.mvc.post()
			.uri("/users/{id}/edit", id)
			.with(csrf())
			.param("firstName", "Katherine")
			.param("lastName", "Goble Johnson")
			.param("email", "Katherine.Johnson@example.com")
			.param("password", "")).hasRedirectedUrl("/users")
			.flash()
			.containsEntry("message", "Saved Katherine Goble Johnson.");
		assertThat(passwordOf("Katherine.Johnson@example.com")).as("a blank password keeps the hash").isEqualTo(hash);

		assertThat(this.mvc.post()
			.uri("/users/{id}/edit", id)
			.with(csrf())
			.param("firstName", "Katherine")
			.param("lastName", "Goble Johnson")
			.param("email", "Katherine.Johnson@example.com")
			.param("password", "orbital-mechanics")).hasRedirectedUrl("/users");
		String newHash = passwordOf("Katherine.Johnson@example.com");
		assertThat(newHash).startsWith("$2a$10$").isNotEqualTo(hash);
		assertThat(this.passwordEncoder.matches("orbital-mechanics", newHash)).isTrue();

		assertThat(this.mvc.get().uri("/users/{id}/delete", id)).hasStatusOk()
			.bodyText()
			.contains("Katherine Goble Johnson");
		assertThat(this.mvc.post().uri("/users/{id}/delete", id).with(csrf())).hasRedirectedUrl("/users")
			.flash()
			.containsEntry("message", "Deleted Katherine Goble Johnson.");
		assertThat(this.jdbc.sql("select count(*) from users where id = ?").param(id).query(Long.class).single())
			.isZero();
		assertThat(output).doesNotContain("s3cret-passw0rd").doesNotContain("orbital-mechanics");
	}

	@Test
	void enforcesUniqueEmailsIgnoringCaseOnAddAndEdit() {
		assertThat(this.mvc.post()
			.uri("/users")
			.with(csrf())
			.param("firstName", "Grace")
			.param("lastName", "Again")
			.param("email", "GRACE@example.com")
			.param("password", "long-enough")).hasStatusOk()
			.bodyText()
			.contains("A user with this email already exists");

		long alan = idOf("alan@example.com");
		assertThat(this.mvc.post()
			.uri("/users/{id}/edit", alan)
			.with(csrf())
			.param("firstName", "Alan")
			.param("lastName", "Turing")
			.param("email", "Grace@Example.com")
			.param("password", "")).hasStatusOk().bodyText().contains("A user with this email already exists");
		assertThat(this.jdbc.sql("select email from users where id = ?").param(alan).query(String.class).single())
			.isEqualTo("alan@example.com");
	}

	@Test
	void storesHostileTextAsTypedAndShowsItAsText() {
		String script = "<script>alert(1)</script>";
		String sql = "'); drop table users; --";
		assertThat(this.mvc.post()
			.uri("/users")
			.with(csrf())
			.param("firstName", script)
			.param("lastName", sql)
			.param("email", "hostile@example.com")
			.param("password", "long-enough")).hasRedirectedUrl("/users");

		assertThat(this.jdbc.sql("select first_name, last_name from users where email = 'hostile@example.com'")
			.query((rs, row) -> rs.getString(1) + "|" + rs.getString(2))
			.single()).isEqualTo(script + "|" + sql);
		long id = idOf("hostile@example.com");
		for (String page : new String[] { "/users?q=hostile", "/users/" + id + "/edit", "/users/" + id + "/delete" }) {
			assertThat(this.mvc.get().uri(page)).hasStatusOk()
				.bodyText()
				.as(page)
				.contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&#39;); drop table users; --")
				.doesNotContain(script);
		}
		assertThat(this.mvc.get().uri("/users").param("q", script)).hasStatusOk()
			.bodyText()
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain(script);
		this.jdbc.sql("delete from users where id = ?").param(id).update();
	}

	/**
	 * Tomcat refuses a form body whose bytes are not UTF-8 before any application code
	 * runs (a 400); a browser gets a page saying so. The field messages for the
	 * replacement character, which a lenient client or proxy may send instead, are in
	 * {@code UserControllerTests}.
	 */
	@Test
	void refusesBytesThatAreNotUtf8SayingNothingWasSaved() throws Exception {
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String form = http.send(HttpRequest.newBuilder(url("/users/new")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher token = CSRF_TOKEN.matcher(form);
		assertThat(token.find()).isTrue();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("_csrf=" + token.group(1) + "&firstName=").getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(new byte[] { 'B', (byte) 0xC3, (byte) 0x28, 'b', (byte) 0xFF });
		body.writeBytes(
				"&lastName=%FF%FEx&email=latin1@example.com&password=long-enough".getBytes(StandardCharsets.US_ASCII));

		HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/users"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("<title>Bad request</title>", "not sent as UTF-8", "Nothing was saved");
		assertThat(this.jdbc.sql("select count(*) from users where email = 'latin1@example.com'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void unknownUsersGetTheStyled404Page() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(url("/users/999999/edit")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("<title>Not found</title>", "app.css", "Back to the users");
		assertThat(this.mvc.get().uri("/users/999999/delete")).hasStatus(404).bodyText().contains("Not found");
		assertThat(this.mvc.post().uri("/users/999999/delete").with(csrf())).hasStatus(404);
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private String passwordOf(String email) {
		return this.jdbc.sql("select password from users where lower(email) = lower(?)")
			.param(email)
			.query(String.class)
			.single();
	}

	private long idOf(String email) {
		return this.jdbc.sql("select id from users where lower(email) = lower(?)")
			.param(email)
			.query(Long.class)
			.single();
	}

}
