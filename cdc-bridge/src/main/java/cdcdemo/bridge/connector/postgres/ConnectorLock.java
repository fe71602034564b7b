package cdcdemo.bridge.connector.postgres;

import java.sql.Connection;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;

/**
 * Makes sure one bridge process at a time streams a connector: a PostgreSQL advisory
 * lock, keyed by the connector's name, held by a session of the bridge on the source
 * database. Another bridge pointed at the same connector stands by; when the holder stops
 * or dies, PostgreSQL ends its session, frees the lock, and the standby takes over.
 */
public final class ConnectorLock {

	private static final Logger log = LoggerFactory.getLogger(ConnectorLock.class);

	private final ConnectorDefinition definition;

	private final SourceDatabaseInspector inspector;

	private Connection session;

	public ConnectorLock(ConnectorDefinition definition, SourceDatabaseInspector inspector) {
		this.definition = definition;
		this.inspector = inspector;
	}

	/**
	 * Take the lock if it is free, or confirm that this bridge still holds it.
	 * @return whether this bridge holds the lock
	 * @throws SQLException if the database cannot be reached
	 */
	public synchronized boolean tryAcquire() throws SQLException {
		if (this.session != null && this.session.isValid(2)) {
			return true;
		}
		release();
		Connection connection = this.inspector.connect(this.definition.source());
		try (var statement = connection
			.prepareStatement("select pg_try_advisory_lock(hashtext('cdc-bridge connector'), hashtext(?))")) {
			statement.setString(1, this.definition.name());
			try (var rows = statement.executeQuery()) {
				rows.next();
				if (rows.getBoolean(1)) {
					this.session = connection;
					return true;
				}
			}
		}
		connection.close();
		return false;
	}

	/**
	 * @return the database the lock is taken on
	 */
	public ConnectorDefinition.SourceDatabase source() {
		return this.definition.source();
	}

	public synchronized void release() {
		if (this.session != null) {
			try {
				this.session.close();
			}
			catch (SQLException ex) {
				log.debug("Closing the lock session of {}", this.definition.name(), ex);
			}
			this.session = null;
		}
	}

}
