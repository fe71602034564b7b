package cdcdemo.platform.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded server lets nobody in without the right password, the superuser included:
 * on a shared machine any local user can reach 127.0.0.1. Checked on real servers: one
 * with the test passwords, one with generated ones, and one on a data directory an older
 * version left trusting everyone.
 */
@Tag("system")
class PostgresAuthenticationTests {

	@TempDir
	static Path dir;

	static PostgresServer withKnownPasswords;

	@BeforeAll
	static void start() {
		withKnownPasswords = PostgresServer.start(dir.resolve("known").resolve("data"), 0);
	}

	@AfterAll
	static void stop() {
		withKnownPasswords.close();
	}

	@Test
	void theSuperuserNeedsItsPassword() throws SQLException {
		assertThat(JdbcClient.create(withKnownPasswords.dataSource("users"))
			.sql("select rolsuper from pg_roles where rolname = current_user")
			.query(Boolean.class)
			.single()).isTrue();
		assertRefused(withKnownPasswords, "postgres", "wrong");
		assertRefused(withKnownPasswords, "postgres", null);
		assertRefused(withKnownPasswords, "postgres", "");
	}

	@Test
	void anAppRoleNeedsItsPassword() throws SQLException {
		try (Connection connection = connect(withKnownPasswords, "users_app", "users_app")) {
			assertThat(connection.isValid(5)).isTrue();
		}
		assertRefused(withKnownPasswords, "users_app", "postgres");
		assertRefused(withKnownPasswords, "users_app", null);
		assertRefused(withKnownPasswords, "cdc_bridge", "wrong");
		assertRefused(withKnownPasswords, "onboarding", null);
	}

	@Test
	void passwordsAreStoredAsScramVerifiers() {
		assertThat(JdbcClient.create(withKnownPasswords.dataSource("postgres"))
			.sql("select rolpassword from pg_authid where rolname in ('postgres', 'users_app', 'onboarding', 'cdc_bridge')")
			.query(String.class)
			.list()).hasSize(4).allSatisfy((verifier) -> assertThat(verifier).startsWith("SCRAM-SHA-256$"));
	}

	@Test
	void generatedPasswordsReplaceTheKnownOnes() throws SQLException, IOException {
		RolePasswords generated = RolePasswords.loadOrCreate(dir.resolve("generated").resolve("secrets.properties"));
		try (PostgresServer server = PostgresServer.start(dir.resolve("generated").resolve("data"), 0, generated)) {
			for (String role : RolePasswords.APP_ROLES) {
				try (Connection connection = connect(server, role, generated.of(role))) {
					assertThat(connection.isValid(5)).isTrue();
				}
				assertRefused(server, role, role);
			}
			assertRefused(server, "postgres", "postgres");
			assertThat(server.password("users_app")).isEqualTo(generated.of("users_app"));
		}
		try (var besideTheData = Files.list(dir.resolve("generated"))) {
			assertThat(besideTheData.map((path) -> path.getFileName().toString())).as("initdb's password file is gone")
				.noneMatch((name) -> name.startsWith(".initdb-pw"));
		}
	}

	@Test
	void upgradesADataDirectoryThatTrustedEveryone() throws IOException, SQLException {
		Path data = dir.resolve("legacy").resolve("data");
		try (EmbeddedPostgres older = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
			.start()) {
			try (Connection connection = older.getPostgresDatabase().getConnection()) {
				ScriptUtils.executeSqlScript(connection, new ClassPathResource("postgres/01-roles.sql"));
			}
			try (Connection anyPassword = DriverManager
				.getConnection("jdbc:postgresql://127.0.0.1:" + older.getPort() + "/users", "users_app", "whatever")) {
				assertThat(anyPassword.isValid(5)).as("the older version's trust").isTrue();
			}
		}
		RolePasswords generated = RolePasswords.loadOrCreate(dir.resolve("legacy").resolve("secrets.properties"));
		try (PostgresServer upgraded = PostgresServer.start(data, 0, generated)) {
			assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
			assertRefused(upgraded, "postgres", null);
			assertRefused(upgraded, "users_app", "users_app");
			try (Connection connection = connect(upgraded, "users_app", generated.of("users_app"))) {
				assertThat(connection.isValid(5)).isTrue();
			}
			assertThat(JdbcClient.create(upgraded.dataSource("users")).sql("select 1").query(Integer.class).single())
				.isOne();
		}
		try (PostgresServer again = PostgresServer.start(data, 0, generated)) {
			assertRefused(again, "users_app", "whatever");
			try (Connection connection = connect(again, "cdc_bridge", generated.of("cdc_bridge"))) {
				assertThat(connection.isValid(5)).as("a second start on the upgraded directory").isTrue();
			}
		}
	}

	private static Connection connect(PostgresServer server, String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		if (password != null) {
			properties.setProperty("password", password);
		}
		return DriverManager.getConnection(server.jdbcUrl("users"), properties);
	}

	private static void assertRefused(PostgresServer server, String user, String password) {
		assertThatExceptionOfType(SQLException.class).as("%s with password %s", user, password)
			.isThrownBy(() -> connect(server, user, password).close())
			.satisfies((ex) -> assertThat(ex.getMessage()).containsAnyOf("password authentication failed",
					"no password was provided", "password is an empty string"));
	}

}
