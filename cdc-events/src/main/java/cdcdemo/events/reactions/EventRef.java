package cdcdemo.events.reactions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import cdcdemo.events.Source;

/**
 * The change event a reaction is about: where it sits in Kafka, which identifies it, and
 * where it came from in the database ({@code source.lsn} and {@code source.txId}), which
 * ties it to the commit and to the other changes of its transaction. Only {@link #key()
 * topic, partition and offset} make the record key.
 *
 * @param topic the topic the event was read from
 * @param partition its partition
 * @param offset its offset
 * @param lsn the log sequence number of the change; {@code null} if the event had none
 * @param txId the database transaction; {@code null} if the event had none
 */
@JsonPropertyOrder({ "topic", "partition", "offset", "lsn", "txId" })
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventRef(String topic, int partition, long offset, Long lsn, Long txId) {

	/**
	 * @param topic the topic the event was read from
	 * @param partition its partition
	 * @param offset its offset
	 * @param source the event's {@code source} block; may be {@code null}
	 * @return the reference
	 */
	public static EventRef of(String topic, int partition, long offset, Source source) {
		return new EventRef(topic, partition, offset, (source != null) ? source.lsn() : null,
				(source != null) ? source.txId() : null);
	}

	/**
	 * @return the record key of every reaction to this event
	 */
	public ReactionKey key() {
		return new ReactionKey(this.topic, this.partition, this.offset);
	}

}
