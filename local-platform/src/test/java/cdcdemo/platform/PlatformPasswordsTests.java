package cdcdemo.platform;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import cdcdemo.platform.postgres.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The platform as {@code java -jar} starts it (without the apps, on free ports): its
 * first start generates the database passwords into a file only its owner may read, the
 * server asks for them, the banner says where the file is, and no log line shows a
 * password; the next start on the same data directory uses the same ones.
 */
@Tag("system")
@ExtendWith(OutputCaptureExtension.class)
class PlatformPasswordsTests {

	@TempDir
	Path dataDir;

	@Test
	void generatesPrivatePasswordsOnTheFirstStartAndKeepsThem(CapturedOutput output)
			throws IOException, SQLException, InterruptedException {
		Exit.setHaltProcedure((code, message) -> {
			throw new IllegalStateException("Kafka halt: " + message);
		});
		Path secrets = this.dataDir.resolve("secrets.properties");
		Properties passwords = new Properties();
		try (ConfigurableApplicationContext context = start()) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
			try (Reader reader = Files.newBufferedReader(secrets)) {
				passwords.load(reader);
			}
			assertThat(passwords.stringPropertyNames()).containsExactlyInAnyOrder("postgres", "users_app", "onboarding",
					"cdc_bridge", "cdc-bridge.secret-key", "platform.admin");
			PostgresServer postgres = context.getBean(PostgresServer.class);
			try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("users"), "users_app",
					passwords.getProperty("users_app"))) {
				assertThat(connection.isValid(5)).isTrue();
			}
			assertRefused(postgres, "users_app", "users_app");
			assertRefused(postgres, "postgres", "postgres");

			String port = context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> apps = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/platform/apps")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(apps.statusCode()).isEqualTo(200);
			assertThat(apps.body()).as("no apps in this run").isEqualTo("[]");
			HttpResponse<String> home = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/platform")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(home.statusCode()).isEqualTo(200);
			assertThat(home.body()).as("the home page, with the servers and the shared header")
				.contains("127.0.0.1:" + postgres.port(), "id=\"platform-header\"", "data-app=\"cdc-bridge\"");
			assertThat(output).contains("platform home (apps, health)     http://localhost:" + port + "/platform");
		}
		assertThat(output).contains("Database passwords (every role, the superuser postgres included): " + secrets);
		for (String role : passwords.stringPropertyNames()) {
			assertThat(output).as("the log, for %s's password", role).doesNotContain(passwords.getProperty(role));
		}

		try (ConfigurableApplicationContext again = start()) {
			Properties kept = new Properties();
			try (Reader reader = Files.newBufferedReader(secrets)) {
				kept.load(reader);
			}
			assertThat(kept).isEqualTo(passwords);
			try (Connection connection = DriverManager.getConnection(
					again.getBean(PostgresServer.class).jdbcUrl("users"), "cdc_bridge",
					kept.getProperty("cdc_bridge"))) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(LocalPlatformApplication.class).run("--platform.data-dir=" + this.dataDir,
				"--server.port=0", "--platform.postgres-port=0", "--platform.kafka-port=0",
				"--platform.kafka-controller-port=0", "--platform.smtp-port=0", "--platform.apps.enabled=false");
	}

	private static void assertRefused(PostgresServer postgres, String user, String password) {
		assertThatExceptionOfType(SQLException.class).as("%s with password %s", user, password)
			.isThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("users"), user, password).close())
			.withMessageContaining("password authentication failed");
	}

}
