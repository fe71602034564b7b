package cdcdemo.bridge.connector.engine;

/**
 * A change event Kafka refused, as the connector's info shows it and a skip records it.
 *
 * @param topic its topic, {@code <connector>.<schema>.<table>}
 * @param key its key's payload (the row's primary key), as JSON
 * @param bytes its size: key and value
 * @param lsn the source position of its change ({@code payload.source.lsn}), {@code null}
 * if it has none
 */
public record RefusedEvent(String topic, String key, int bytes, Long lsn) {
}
