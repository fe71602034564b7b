package cdcdemo.bridge.alerts;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the bridge alerts on. The first four are per connector, the last per dead letter
 * topic.
 */
enum AlertRule {

	/** The connector failed, until it streams again (or is paused). */
	CONNECTOR_FAILED("connector-failed"),

	/** Its slot holds back more WAL than {@code cdc.alerts.retained-wal-over}. */
	RETAINED_WAL("retained-wal"),

	/** Its slot's retained WAL keeps growing ({@code cdc.alerts.wal-growing-for}). */
	WAL_GROWING("wal-growing"),

	/** Available, yet neither an event nor a heartbeat for a while. */
	SILENT("silent"),

	/** A {@code *.DLT} topic gained records since the last check. */
	DEAD_LETTERS("dead-letters");

	private final String id;

	AlertRule(String id) {
		this.id = id;
	}

	@JsonValue
	String id() {
		return this.id;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
