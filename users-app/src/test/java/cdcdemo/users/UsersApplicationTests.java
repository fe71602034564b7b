package cdcdemo.users;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import cdcdemo.platform.postgres.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The monolith on a real PostgreSQL, connecting as its own role: migrations, sample users, add with a bcrypt hash,
 * delete.
 */
@SpringBootTest
@AutoConfigureMockMvc
class UsersApplicationTests {

	@TempDir
	static Path dataDir;

	static PostgresServer postgres;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		postgres = PostgresServer.start(dataDir.resolve("postgres"), 0);
		registry.add("DB_URL", () -> postgres.jdbcUrl("users"));
	}

	@AfterAll
	static void stop() {
		postgres.close();
	}

	@Test
	void addsAUserWithAHashedPasswordAndDeletesIt() {
		assertThat(this.mvc.get().uri("/users")).hasStatusOk().bodyText().contains("ada@example.com");

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

		String hash = this.jdbc.sql("select password from users where email = 'katherine@example.com'")
			.query(String.class)
			.single();
		assertThat(hash).startsWith("$2a$10$").doesNotContain("s3cret-passw0rd");
		assertThat(this.mvc.get().uri("/users")).bodyText()
			.contains("katherine@example.com")
			.doesNotContain(hash)
			.doesNotContain("s3cret-passw0rd");

		long id = this.jdbc.sql("select id from users where email = 'katherine@example.com'").query(Long.class).single();
		assertThat(this.mvc.post().uri("/users/{id}/delete", id).with(csrf())).hasRedirectedUrl("/users");
		assertThat(this.jdbc.sql("select count(*) from users where id = ?").param(id).query(Long.class).single())
			.isZero();
	}

	@Test
	void enforcesUniqueEmailsIgnoringCase() {
		assertThat(this.mvc.post()
			.uri("/users")
			.with(csrf())
			.param("firstName", "Grace")
			.param("lastName", "Again")
			.param("email", "GRACE@example.com")
			.param("password", "long-enough")).hasStatusOk()
			.bodyText()
			.contains("A user with this email already exists");
	}

	@Test
	void unknownUserPageIsA404WithTheLayout() {
		assertThat(this.mvc.post().uri("/users/999999/delete").with(csrf())).hasStatus(404);
	}

}
