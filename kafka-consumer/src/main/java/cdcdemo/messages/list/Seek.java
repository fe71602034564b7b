package cdcdemo.messages.list;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a reading of a topic starts: the position a viewer seeks to, as the page's
 * address and the API's query parameters spell it, so that a position can be shared as a
 * link. Bad input is refused with a reason, never guessed at.
 *
 * @param mode what to seek to
 * @param partition the partition for {@link Mode#OFFSET}, {@code null} otherwise (every
 * partition)
 * @param offset the offset for {@link Mode#OFFSET}
 * @param from the instant for {@link Mode#TIMESTAMP}: the first record at or after it,
 * per partition (Kafka's {@code offsetsForTimes})
 * @param positions the next offset per partition for {@link Mode#CONTINUE}, as a previous
 * slice returned it
 */
record Seek(Mode mode, Integer partition, Long offset, Instant from, Map<Integer, Long> positions) {

	/**
	 * Reads the query parameters of the page or the API.
	 * @param mode {@code oldest}, {@code newest}, {@code offset}, {@code timestamp} or
	 * {@code continue}
	 * @param partition the partition (required for {@code offset})
	 * @param offset the offset (required for {@code offset})
	 * @param from an ISO-8601 instant ({@code 2026-12-01T10:42:00Z}) or epoch
	 * milliseconds (required for {@code timestamp})
	 * @param positions {@code partition:offset} pairs, comma-separated (required for
	 * {@code continue})
	 * @return the seek
	 * @throws IllegalArgumentException with the reason, when the parameters do not make a
	 * position
	 */
	static Seek parse(String mode, Integer partition, Long offset, String from, String positions) {
		Mode parsed = Mode.of(mode);
		return switch (parsed) {
			case OLDEST, NEWEST -> new Seek(parsed, partition, null, null, Map.of());
			case OFFSET -> {
				if (partition == null || offset == null) {
					throw new IllegalArgumentException("seek=offset needs partition and offset");
				}
				if (partition < 0 || offset < 0) {
					throw new IllegalArgumentException("partition and offset must not be negative");
				}
				yield new Seek(parsed, partition, offset, null, Map.of());
			}
			case TIMESTAMP -> new Seek(parsed, partition, null, instant(from), Map.of());
			case CONTINUE -> new Seek(parsed, null, null, null, positions(positions));
		};
	}

	private static Instant instant(String from) {
		if (from == null || from.isBlank()) {
			throw new IllegalArgumentException("seek=timestamp needs from, e.g. from=2026-12-01T10:42:00Z");
		}
		String text = from.trim();
		try {
			return text.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(text))
					: Instant.parse(text);
		}
		catch (DateTimeException | NumberFormatException ex) {
			throw new IllegalArgumentException(
					"from must be an ISO-8601 instant like 2026-12-01T10:42:00Z or epoch milliseconds, was '" + text
							+ "'");
		}
	}

	private static Map<Integer, Long> positions(String positions) {
		if (positions == null || positions.isBlank()) {
			throw new IllegalArgumentException("seek=continue needs positions, e.g. positions=0:42,1:17");
		}
		Map<Integer, Long> parsed = new TreeMap<>();
		for (String pair : positions.split(",")) {
			String[] parts = pair.trim().split(":");
			try {
				if (parts.length != 2 || Integer.parseInt(parts[0]) < 0 || Long.parseLong(parts[1]) < 0) {
					throw new NumberFormatException();
				}
				parsed.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"positions must be partition:offset pairs like 0:42,1:17, was '" + positions + "'");
			}
		}
		return parsed;
	}

	/**
	 * The positions as {@code continue} takes them.
	 * @param positions the next offset per partition
	 * @return {@code partition:offset} pairs, comma-separated
	 */
	static String format(Map<Integer, Long> positions) {
		StringBuilder text = new StringBuilder();
		new TreeMap<>(positions).forEach((partition,
				offset) -> text.append((text.length() > 0) ? "," : "").append(partition).append(':').append(offset));
		return text.toString();
	}

	/**
	 * What a viewer seeks to.
	 */
	enum Mode {

		/** The first records still in Kafka. */
		OLDEST,

		/** The last records of each partition. */
		NEWEST,

		/** One partition from an offset. */
		OFFSET,

		/** Every partition from the first record at or after an instant. */
		TIMESTAMP,

		/** Where a previous slice stopped. */
		CONTINUE;

		static Mode of(String mode) {
			if (mode == null || mode.isBlank()) {
				return NEWEST;
			}
			try {
				return valueOf(mode.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"seek must be oldest, newest, offset, timestamp or continue, was '" + mode + "'");
			}
		}

	}

}
