package cdcdemo.users;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

import cdcdemo.platform.postgres.PostgresServer;

/**
 * One real PostgreSQL for all the tests of the module that need one, started by the first
 * of them and stopped (its data directory deleted) when the last has run. It is the
 * server local-platform runs, bootstrapped with the same roles, so users-app connects as
 * {@code users_app} and its Flyway migrations run as they do in production. Use it with
 * {@code @ExtendWith(RealPostgres.class)} and {@link #register} in a
 * {@code @DynamicPropertySource} method.
 */
public final class RealPostgres implements BeforeAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealPostgres.class);

	private static volatile Running running;

	@Override
	public void beforeAll(ExtensionContext context) {
		running = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Running.class, (key) -> Running.start(), Running.class);
	}

	/**
	 * Point users-app at the server.
	 * @param registry the test's dynamic properties
	 */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("DB_URL", () -> running.server().jdbcUrl("users"));
	}

	private record Running(PostgresServer server, Path home) implements AutoCloseable {

		static Running start() {
			try {
				Path home = Files.createTempDirectory("users-app-postgres");
				return new Running(PostgresServer.start(home.resolve("data"), 0), home);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			FileSystemUtils.deleteRecursively(this.home);
		}

	}

}
