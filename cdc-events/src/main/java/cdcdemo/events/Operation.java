package cdcdemo.events;

import java.util.Arrays;

/**
 * The {@code op} field of a Debezium change event.
 */
public enum Operation {

	/**
	 * A row read by the initial snapshot (or an on-demand one): the row existed before
	 * the connector.
	 */
	READ("r"),
	/** An INSERT. */
	CREATE("c"),
	/** An UPDATE. */
	UPDATE("u"),
	/** A DELETE. */
	DELETE("d"),
	/** A TRUNCATE. */
	TRUNCATE("t"),
	/** A logical decoding message. */
	MESSAGE("m");

	private final String code;

	Operation(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	public static Operation fromCode(String code) {
		return Arrays.stream(values())
			.filter((operation) -> operation.code.equals(code))
			.findFirst()
			.orElseThrow(() -> new MalformedChangeEventException("unknown op '" + code + "'"));
	}

}
