package cdcdemo.bridge.connector.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import cdcdemo.bridge.connector.BridgeApi;
import cdcdemo.bridge.connector.BridgeSystemTest;
import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The exactly-once channel on a real KRaft broker: the broker runs transactions version 2
 * (KIP-890), a channel opened for a connector fences the older one (a zombie bridge) so
 * that its transaction is aborted and never read, and events become visible to a
 * read_committed reader only with the commit that writes their offsets.
 */
class ExactlyOnceTests extends BridgeSystemTest {

	@Test
	void theBrokerRunsTransactionsVersion2AndTheDeclaredConnectorUsesThem() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.kafka.bootstrapServers()))) {
			var version = admin.describeFeatures()
				.featureMetadata()
				.get()
				.finalizedFeatures()
				.get("transaction.version");
			assertThat(version).isNotNull();
			assertThat(version.maxVersionLevel()).isGreaterThanOrEqualTo((short) 2);
		}
		assertThat(new BridgeApi(this.port, this.mapper).info("monolith").path("delivery").path("guarantee").asString())
			.isEqualTo("exactly-once");
	}

	@Test
	void eventsAreVisibleOnlyWithTheCommitOfTheirOffsets() {
		AtomicInteger committed = new AtomicInteger();
		try (EventChannel channel = open("visible", committed)) {
			channel.send(event("eos.visible", "1"));
			channel.send(event("eos.visible", "2"));
			assertThat(TopicReader.readAll(this.kafka.bootstrapServers(), "eos.visible")).isEmpty();
			channel.commit(offsets("visible", "{\"lsn\":2}"));
			assertThat(TopicReader.readAll(this.kafka.bootstrapServers(), "eos.visible")).extracting((r) -> r.value())
				.containsExactly("1", "2");
			assertThat(committed).hasValue(2);
			assertThat(channel.readOffsets(this.kafka.bootstrapServers())).containsEntry(key("visible"),
					ByteBuffer.wrap("{\"lsn\":2}".getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void atLeastOnceWritesTheOffsetsOnceKafkaAcknowledgedTheEvents() {
		Map<String, Object> config = producerConfig();
		AtomicInteger committed = new AtomicInteger();
		EventChannel.Opened opened = EventChannel.open("plain", config, Delivery.AT_LEAST_ONCE, "eos-test-offsets",
				committed::addAndGet);
		try (EventChannel channel = opened.channel()) {
			assertThat(channel.delivery()).isEqualTo(Delivery.AT_LEAST_ONCE);
			channel.send(event("alo.plain", "1"));
			channel.commit(offsets("plain", "{\"lsn\":1}"));
			assertThat(TopicReader.readAll(this.kafka.bootstrapServers(), "alo.plain")).extracting((r) -> r.value())
				.containsExactly("1");
			assertThat(committed).hasValue(1);
			assertThat(channel.readOffsets(this.kafka.bootstrapServers()).get(key("plain")))
				.isEqualTo(ByteBuffer.wrap("{\"lsn\":1}".getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void aNewChannelFencesTheOldOneAndItsOpenTransactionIsNeverRead() {
		EventChannel zombie = open("zombie", new AtomicInteger());
		zombie.send(event("eos.zombie", "from the zombie"));
		try (EventChannel successor = open("zombie", new AtomicInteger())) {
			assertThatExceptionOfType(PublishException.class)
				.isThrownBy(() -> zombie.commit(offsets("zombie", "{\"lsn\":1}")))
				// transactions version 2 bumps the epoch on every commit and abort: the
				// fenced producer learns it
				// as an old epoch
				.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOfAny(ProducerFencedException.class,
						InvalidProducerEpochException.class));
			successor.send(event("eos.zombie", "from the successor"));
			successor.commit(offsets("zombie", "{\"lsn\":2}"));
			assertThat(TopicReader.readAll(this.kafka.bootstrapServers(), "eos.zombie")).extracting((r) -> r.value())
				.containsExactly("from the successor");
			assertThat(successor.readOffsets(this.kafka.bootstrapServers()).get(key("zombie")))
				.isEqualTo(ByteBuffer.wrap("{\"lsn\":2}".getBytes(StandardCharsets.UTF_8)));
		}
		finally {
			zombie.close();
		}
	}

	private Map<String, Object> producerConfig() {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return config;
	}

	private EventChannel open(String connector, AtomicInteger committed) {
		EventChannel.Opened opened = EventChannel.open(connector, producerConfig(), Delivery.EXACTLY_ONCE,
				"eos-test-offsets", committed::addAndGet);
		assertThat(opened.warning()).isNull();
		assertThat(opened.channel().delivery()).isEqualTo(Delivery.EXACTLY_ONCE);
		return opened.channel();
	}

	private static ProducerRecord<byte[], byte[]> event(String topic, String value) {
		return new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8));
	}

	private static ByteBuffer key(String connector) {
		return ByteBuffer
			.wrap(("[\"" + connector + "\",{\"server\":\"" + connector + "\"}]").getBytes(StandardCharsets.UTF_8));
	}

	private static Map<ByteBuffer, ByteBuffer> offsets(String connector, String value) {
		return Map.of(key(connector), ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
	}

}
