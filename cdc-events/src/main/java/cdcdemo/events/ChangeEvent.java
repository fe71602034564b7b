package cdcdemo.events;

/**
 * The {@code payload} of a change event, with {@code before} and {@code after} mapped to
 * a row type chosen by the consumer. The envelope stays the one Kafka Connect writes;
 * each consumer maps only the columns it needs.
 *
 * @param <T> the row type
 * @param operation what happened to the row
 * @param before the row before the change: {@code null} for inserts and snapshot reads,
 * and with PostgreSQL's default replica identity only the primary key for deletes and
 * {@code null} for updates
 * @param after the row after the change; {@code null} for deletes
 * @param source where the change came from
 * @param tsMs when the connector processed the change
 */
public record ChangeEvent<T>(Operation operation, T before, T after, Source source, Long tsMs) {

	/**
	 * The row this event is about: {@code after}, or {@code before} for a delete.
	 * @return the row
	 */
	public T row() {
		return (this.after != null) ? this.after : this.before;
	}

}
