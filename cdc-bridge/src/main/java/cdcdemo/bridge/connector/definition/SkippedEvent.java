package cdcdemo.bridge.connector.definition;

import java.time.Instant;

/**
 * A change event an operator chose to skip because Kafka refused it, as recorded in the
 * connector's definition: the engine replaces it with a reference record on its topic's
 * dead-letter topic when it reads it again.
 *
 * @param topic its topic
 * @param key its key's payload, as JSON
 * @param bytes its size (key and value)
 * @param lsn its source position, {@code null} if it has none
 * @param reason why Kafka refused it
 * @param by who asked for the skip
 * @param at when
 */
public record SkippedEvent(String topic, String key, int bytes, Long lsn, String reason, String by, Instant at) {
}
