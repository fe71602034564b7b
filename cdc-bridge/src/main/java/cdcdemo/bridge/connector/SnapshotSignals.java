package cdcdemo.bridge.connector;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import cdcdemo.bridge.connector.ConnectorValidationException.FieldProblem;
import cdcdemo.bridge.connector.definition.ConnectorDefinition;

/**
 * Snapshot requests to the connectors, through the signals topic that Debezium's Kafka
 * signal channel reads. Each connector has a producer of its own for them, open while it
 * is known to the registry; the events' producer is the channel's, one per run of the
 * engine, and these signals go outside any transaction.
 */
@Component
class SnapshotSignals {

	private final String topic;

	private final ObjectMapper mapper;

	private final Map<String, Producer<byte[], byte[]>> producers = new ConcurrentHashMap<>();

	SnapshotSignals(ConnectorProperties properties, ObjectMapper mapper) {
		this.topic = properties.signalsTopic();
		this.mapper = mapper;
	}

	void open(ConnectorDefinition definition, Map<String, Object> producerConfig) {
		Map<String, Object> config = new HashMap<>(producerConfig);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "cdc-bridge-signals-" + definition.name());
		this.producers.put(definition.name(), new KafkaProducer<>(config));
	}

	void close(String name) {
		Producer<byte[], byte[]> producer = this.producers.remove(name);
		if (producer != null) {
			// a signal is sent and waited for at once, so nothing is pending; a broker
			// that is gone must not hold
			// up a stop
			producer.close(java.time.Duration.ofSeconds(5));
		}
	}

	/**
	 * Ask a connector to read a table again: a Debezium blocking snapshot, requested
	 * through the signals topic. The connector pauses its streaming, reads the table in
	 * one transaction (its rows arrive as {@code op=r} events), then resumes streaming
	 * from where it paused, so no change is skipped; a change made while the table was
	 * read arrives after the row's snapshot read, and the row's last event is its current
	 * state.
	 * <p>
	 * Not an incremental snapshot: in Debezium 3.6.1 the read-only incremental snapshot
	 * reads its first chunk on the signal thread while the streaming thread may read
	 * chunks too (DBZ-8674, still open upstream). After one incremental snapshot on a
	 * quiet database the next one raced every time here, and after a restart it failed
	 * with a {@code NullPointerException} and skipped the table. A blocking snapshot
	 * reads on one thread while streaming waits.
	 * <p>
	 * With a condition, only the rows that match it are read again (Debezium's
	 * {@code additional-conditions}): the rows a consumer lost, say, not the whole table.
	 * <p>
	 * There is no signal to stop it: Debezium's {@code stop-snapshot} signal stops
	 * incremental snapshots only. {@link ConnectorSnapshots#stopSnapshot} stops the
	 * connector's engine instead, and starts it again.
	 * @param definition the connector
	 * @param table the table, one the connector captures
	 * @param where a condition on its rows, as SQL ({@code id > 1000}), for the message;
	 * {@code null} for every row
	 * @param query the statement that reads those rows, checked by the caller (Debezium
	 * takes a whole statement for a blocking snapshot's condition); {@code null} for
	 * every row
	 * @return what was requested
	 */
	String snapshot(ConnectorDefinition definition, String table, String where, String query) {
		String name = definition.name();
		if (table == null || !definition.tables().contains(table)) {
			throw new ConnectorValidationException(List.of(new FieldProblem("table",
					"'" + table + "' is not one of the tables of " + name + ": " + definition.tables())));
		}
		send(definition, List.of(table), query);
		return "Snapshot of " + table + ((where != null) ? " where " + where : "") + " requested: its rows arrive on "
				+ definition.topicOf(table)
				+ " as op=r events; streaming pauses while the table is read, then resumes where it paused";
	}

	/**
	 * Send one snapshot request for these tables to the signals topic, with the
	 * connector's own producer. The connector reads it as soon as it runs: a paused
	 * connector reads it when it is resumed, from the position its signal consumer
	 * committed.
	 * @param definition the connector
	 * @param tables the tables to read again
	 */
	void request(ConnectorDefinition definition, List<String> tables) {
		send(definition, tables, null);
	}

	private void send(ConnectorDefinition definition, List<String> tables, String query) {
		String name = definition.name();
		Producer<byte[], byte[]> producer = this.producers.get(name);
		if (producer == null) {
			throw new ConnectorNotFoundException(name);
		}
		Map<String, Object> data = new java.util.LinkedHashMap<>();
		data.put("data-collections", tables);
		data.put("type", "BLOCKING");
		if (query != null) {
			data.put("additional-conditions",
					tables.stream().map((table) -> Map.of("data-collection", table, "filter", query)).toList());
		}
		byte[] signal = this.mapper.writeValueAsBytes(Map.of("type", "execute-snapshot", "data", data));
		try {
			producer.send(new ProducerRecord<>(this.topic, name.getBytes(StandardCharsets.UTF_8), signal))
				.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not send the snapshot signal for " + name, ex);
		}
	}

}
