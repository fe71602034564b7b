package cdcdemo.bridge.connector.engine;

/** How a connector's events reach Kafka (the bridge's {@code cdc.connector.delivery}). */
public enum Delivery {

	/**
	 * Events and offsets in one Kafka transaction; readers use
	 * isolation.level=read_committed.
	 */
	EXACTLY_ONCE,
	/**
	 * Events acknowledged before their offsets are written; a crash replays the last
	 * commit interval.
	 */
	AT_LEAST_ONCE;

	/**
	 * @param value {@code exactly-once} or {@code at-least-once}
	 * @return the delivery
	 */
	public static Delivery parse(String value) {
		return switch (value.trim().toLowerCase().replace('_', '-')) {
			case "exactly-once" -> EXACTLY_ONCE;
			case "at-least-once" -> AT_LEAST_ONCE;
			default ->
				throw new IllegalArgumentException("delivery '" + value + "' is not exactly-once or at-least-once");
		};
	}

	String label() {
		return name().toLowerCase().replace('_', '-');
	}

}
