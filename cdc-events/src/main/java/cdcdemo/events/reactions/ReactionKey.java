package cdcdemo.events.reactions;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The record key of a reaction: the position of the event it is about. Every reaction to
 * one event has the same key, hence the same partition, so a reader finds them in the
 * order they were published. The key is compared as bytes by Kafka's partitioner, so its
 * JSON is fixed: these three fields in this order, without spaces (see
 * {@link ReactionJson#key}).
 *
 * @param topic the topic of the event
 * @param partition its partition
 * @param offset its offset
 */
@JsonPropertyOrder({ "topic", "partition", "offset" })
public record ReactionKey(String topic, int partition, long offset) {
}
