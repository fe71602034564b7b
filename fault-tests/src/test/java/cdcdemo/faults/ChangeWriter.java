package cdcdemo.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.faults.UserChanges.Change;

/**
 * Commits a {@link UserChanges} set at a steady pace, one change per transaction, and
 * keeps the ledger of what was committed. It rides out database outages: when a statement
 * fails, it reconnects until the database is back, then looks at the row to learn whether
 * the change whose commit it did not see was committed after all, and only if not commits
 * it again. The ledger is therefore exact, never a guess.
 */
final class ChangeWriter {

	private static final Logger log = LoggerFactory.getLogger(ChangeWriter.class);

	private static final Duration OUTAGE_LIMIT = Duration.ofMinutes(3);

	private final DataSource database;

	private final UserChanges changes;

	private final int perSecond;

	private final List<Change> committed = new CopyOnWriteArrayList<>();

	private volatile int outageRetries;

	ChangeWriter(DataSource database, UserChanges changes, int perSecond) {
		this.database = database;
		this.changes = changes;
		this.perSecond = perSecond;
	}

	/**
	 * @return the writing, which completes when every change is committed
	 */
	CompletableFuture<Void> start() {
		return CompletableFuture.runAsync(this::writeAll, (task) -> new Thread(task, "change-writer").start());
	}

	/**
	 * @return the changes committed so far, in commit order
	 */
	List<Change> committed() {
		return List.copyOf(this.committed);
	}

	int committedCount() {
		return this.committed.size();
	}

	/**
	 * @return how many times a change had to be retried (or checked) after a failed
	 * statement
	 */
	int outageRetries() {
		return this.outageRetries;
	}

	private void writeAll() {
		long interval = TimeUnit.SECONDS.toNanos(1) / this.perSecond;
		long next = System.nanoTime();
		Connection connection = null;
		try {
			for (Change change : this.changes.changes()) {
				LockSupport.parkNanos(next - System.nanoTime());
				next += interval;
				long outageSince = 0;
				boolean uncertain = false;
				while (true) {
					try {
						if (connection == null) {
							connection = this.database.getConnection();
						}
						if (!uncertain || !applied(connection, change)) {
							apply(connection, change);
						}
						this.committed.add(change);
						break;
					}
					catch (SQLException ex) {
						if (outageSince == 0) {
							outageSince = System.nanoTime();
							log.info("Writing {} failed ({}); retrying until the database is back", change,
									ex.getMessage());
						}
						else if (System.nanoTime() - outageSince > OUTAGE_LIMIT.toNanos()) {
							throw new IllegalStateException("the database was gone for more than " + OUTAGE_LIMIT, ex);
						}
						uncertain = true;
						this.outageRetries++;
						close(connection);
						connection = null;
						LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
					}
				}
				next = Math.max(next, System.nanoTime() - interval);
			}
		}
		finally {
			close(connection);
		}
	}

	private static void apply(Connection connection, Change change) throws SQLException {
		String sql = switch (change.kind()) {
			case INSERT ->
				"insert into users (id, first_name, last_name, email, password) values (?, 'Fault', ?, ?, 'not-a-hash')";
			case UPDATE -> "update users set last_name = ? where id = ?";
			case DELETE -> "delete from users where id = ?";
		};
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			switch (change.kind()) {
				case INSERT -> {
					statement.setLong(1, change.userId());
					statement.setString(2, change.lastName());
					statement.setString(3, Change.email(change.userId()));
				}
				case UPDATE -> {
					statement.setString(1, change.lastName());
					statement.setLong(2, change.userId());
				}
				case DELETE -> statement.setLong(1, change.userId());
			}
			if (statement.executeUpdate() != 1) {
				throw new IllegalStateException(change + " changed no row");
			}
		}
	}

	/**
	 * Whether a change whose commit was not acknowledged is in the database after all.
	 */
	private static boolean applied(Connection connection, Change change) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select last_name from users where id = ?")) {
			statement.setLong(1, change.userId());
			try (ResultSet row = statement.executeQuery()) {
				boolean exists = row.next();
				return switch (change.kind()) {
					case INSERT -> exists;
					case UPDATE -> exists && change.lastName().equals(row.getString(1));
					case DELETE -> !exists;
				};
			}
		}
	}

	private static void close(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// already gone
			}
		}
	}

}
