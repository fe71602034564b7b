package cdcdemo.bridge.connector.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import cdcdemo.bridge.connector.definition.ConnectorDefinition;
import cdcdemo.bridge.engine.json.CachingJsonConverter;

/**
 * Turns a connector definition into the Debezium PostgreSQL connector's properties. The
 * same connector properties configure it on a Kafka Connect worker, which is where it
 * goes when one machine is not enough: {@link #kafkaConnectConfig} gives them without the
 * embedded engine's own settings.
 *
 * @param heartbeatInterval how often a heartbeat is written to {@code heartbeat.<name>}
 * @param signalsTopic the topic of the on-demand snapshot requests
 * @param offsetsTopic the topic of the engine's source offsets
 * @param commitInterval how often, while events flow, the events sent so far are
 * committed with their position
 */
public record DebeziumSettings(Duration heartbeatInterval, String signalsTopic, String offsetsTopic,
		Duration commitInterval) {

	/**
	 * The prefix of the logical decoding messages that keep a quiet connector's slot
	 * moving.
	 */
	static final String SLOT_KEEPER_PREFIX = "cdc-bridge-heartbeat";

	/**
	 * The Debezium PostgreSQL connector's configuration, as a Kafka Connect worker takes
	 * it.
	 * @param definition the connector
	 * @return connector properties, in a stable order
	 */
	public Map<String, String> kafkaConnectConfig(ConnectorDefinition definition) {
		ConnectorDefinition.SourceDatabase source = definition.source();
		Map<String, String> p = new LinkedHashMap<>();
		p.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
		p.put("topic.prefix", definition.name());
		p.put("database.hostname", source.host());
		p.put("database.port", Integer.toString(source.port()));
		p.put("database.dbname", source.database());
		p.put("database.user", source.user());
		p.put("database.password", source.password());
		p.put("plugin.name", "pgoutput");
		p.put("slot.name", definition.slotName());
		p.put("publication.name", definition.publication());
		p.put("publication.autocreate.mode", "disabled");
		p.put("table.include.list", String.join(",", definition.tables()));
		p.put("column.exclude.list", String.join(",", definition.excludedColumns()));
		p.put("snapshot.mode", "initial");
		// a TRUNCATE is published (op "t", no key, no row): Debezium skips it by default,
		// and a consumer keeping the
		// table's rows would go on holding every one of them
		p.put("skipped.operations", "none");
		// headers Debezium adds (the other key of a primary key update) as plain JSON,
		// {"id":2}, on both engines
		p.put("header.converter", "org.apache.kafka.connect.json.JsonConverter");
		p.put("header.converter.schemas.enable", "false");
		// but not Debezium's context headers (connector name, task, run id) on every
		// event: about 200 bytes an event
		// that no consumer here reads, and the message list would show them on each
		p.put("extended.headers.enabled", "false");
		p.put("heartbeat.interval.ms", Long.toString(this.heartbeatInterval.toMillis()));
		p.put("topic.heartbeat.prefix", "heartbeat");
		// a quiet captured table on a busy server: PostgreSQL 15+ sends pgoutput nothing
		// for transactions that touch
		// no published table, so the slot's position never moved and it held every byte
		// of WAL the rest of the
		// server wrote (143 MB after 450,000 unrelated rows, measured). With each
		// heartbeat the connector's own role
		// writes a logical decoding message (non-transactional, no table touched);
		// pgoutput sends it (PostgreSQL
		// 14+), Debezium takes its position, and the next heartbeat's commit moves the
		// slot there. The messages
		// themselves are not published
		p.put("heartbeat.action.query",
				"SELECT pg_logical_emit_message(false, '" + SLOT_KEEPER_PREFIX + "', now()::text)");
		p.put("message.prefix.exclude.list", SLOT_KEEPER_PREFIX);
		// on-demand snapshots of a table (blocking, see SnapshotSignals.snapshot),
		// requested through a Kafka topic;
		// read.only: the connector writes nothing to the source database
		p.put("read.only", "true");
		p.put("signal.enabled.channels", "kafka");
		p.put("signal.kafka.topic", this.signalsTopic);
		p.put("signal.kafka.bootstrap.servers", definition.bootstrapServers());
		p.put("signal.kafka.groupId", "cdc-bridge-signals-" + definition.name());
		// the signal consumer is polled every signal.poll.interval.ms (5 s by default)
		// with a zero timeout, so each
		// step of its start (metadata, coordinator, committed offset, fetch) took one
		// poll: a signal sent as the
		// engine started was read 40-45 s later. A short wait per poll makes it ready in
		// the first one
		p.put("signal.poll.interval.ms", "1000");
		p.put("signal.kafka.poll.timeout.ms", "500");
		// the channel commits its position only when it is closed, and nothing if it
		// never reached a position: the
		// next engine read the topic again from an older offset and ran an old snapshot
		// request a second time.
		// Committing as it reads leaves at most the last few seconds to replay after a
		// crash
		p.put("signal.consumer.enable.auto.commit", "true");
		// throughput and latency (measured by the benchmark module): the streaming loop
		// and the queue wait
		// poll.interval.ms (500 ms by default) whenever they find nothing new, which a
		// change at a low rate pays in
		// full; larger batches make fewer round trips to Kafka while a backlog drains
		p.put("poll.interval.ms", "10");
		p.put("max.batch.size", "4096");
		p.put("max.queue.size", "16384");
		p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
		p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
		p.put("key.converter.schemas.enable", "true");
		p.put("value.converter.schemas.enable", "true");
		p.putAll(definition.settings());
		return p;
	}

	/**
	 * The embedded engine's properties: the connector's, plus where the engine keeps its
	 * offsets.
	 * @param definition the connector
	 * @return engine properties
	 */
	public Properties engineProperties(ConnectorDefinition definition) {
		Properties p = new Properties();
		p.putAll(kafkaConnectConfig(definition));
		p.setProperty("name", definition.name());
		// the offsets go through the connector's event channel, into the transaction of
		// the events they cover
		p.setProperty("offset.storage", ChannelOffsetStore.class.getName());
		p.setProperty("bootstrap.servers", definition.bootstrapServers());
		p.setProperty("offset.storage.topic", this.offsetsTopic);
		// the commit policy's interval (OffsetCommitPolicy.periodic), for the batches of
		// a steady flow
		p.setProperty("offset.flush.interval.ms", Long.toString(this.commitInterval.toMillis()));
		p.setProperty("converter.schemas.enable", "true");
		// JsonConverter's bytes, with the schema JSON serialized once per table instead
		// of once per event (the schema
		// is most of an event); a Kafka Connect worker keeps JsonConverter, and its
		// events are the same
		p.setProperty("converter.class", CachingJsonConverter.class.getName());
		// the engine gives the header converter the converter.* settings too: it stays
		// Kafka's JsonConverter
		p.remove("header.converter");
		p.setProperty("header.converter.class", "org.apache.kafka.connect.json.JsonConverter");
		return p;
	}

}
