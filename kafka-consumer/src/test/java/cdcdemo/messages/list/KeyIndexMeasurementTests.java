package cdcdemo.messages.list;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.kafka.TopicWriter;
import cdcdemo.testsupport.servers.RealServers;
import cdcdemo.testsupport.servers.RealServersExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A row's history with the key index against a scan of the whole topic, on a real broker.
 * The figures (index build time, memory per record, lookup times) are logged, never
 * asserted: they depend on the machine. What is asserted is behaviour: the index answers
 * the same events as the scan while reading only the key's records.
 * <p>
 * The verify run writes 20,000 records; the measurement of issue #18 writes a million:
 * <pre>
 * nice -n 10 ./mvnw -B -o -pl kafka-consumer -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=KeyIndexMeasurementTests -Dfailsafe.failIfNoSpecifiedTests=false -Dkeyindex.records=1000000
 * </pre>
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=bench.public.rows", "messages.capacity=5", "messages.discovery-interval=200ms",
				"messages.history-max-records=5000000", "messages.read-timeout=300s" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class KeyIndexMeasurementTests {

	private static final Logger log = LoggerFactory.getLogger(KeyIndexMeasurementTests.class);

	private static final String TOPIC = "bench.public.rows";

	private static final int RECORDS = Integer.getInteger("keyindex.records", 20_000);

	/** Each key has ten records, spread over the whole topic. */
	private static final int KEYS = Math.max(1, RECORDS / 10);

	static TopicWriter kafka;

	static long producedMs;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	KeyIndex index;

	private final HttpClient http = HttpClient.newBuilder().authenticator(TestLogins.ADMIN.authenticator()).build();

	@BeforeAll
	static void writeTheRecords() throws Exception {
		kafka = TopicWriter.to(RealServersExtension.kafka().bootstrapServers());
		kafka.createTopics(TOPIC);
		long started = System.nanoTime();
		AtomicReference<Exception> failed = new AtomicReference<>();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
						ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
						ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
				new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < RECORDS; i++) {
				int id = i % KEYS;
				producer.send(new ProducerRecord<>(TOPIC, "{\"id\":" + id + "}",
						"{\"payload\":{\"before\":null,\"after\":{\"id\":" + id + ",\"version\":" + (i / KEYS)
								+ "},\"source\":{\"schema\":\"public\",\"table\":\"rows\"},\"op\":\"u\",\"ts_ms\":1}}"),
						(metadata, ex) -> {
							if (ex != null) {
								failed.compareAndSet(null, ex);
							}
						});
			}
			producer.flush();
		}
		assertThat(failed.get()).isNull();
		producedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
	}

	@AfterAll
	static void stopKafka() {
		if (kafka != null) {
			kafka.close();
		}
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("messages.bootstrap-servers", () -> kafka.bootstrapServers());
	}

	@Test
	void readsARowsHistoryAtItsIndexedOffsetsInsteadOfScanningTheTopic() throws Exception {
		long started = System.nanoTime();
		TopicPartition partition = new TopicPartition(TOPIC, 0);
		await().atMost(Duration.ofMinutes(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.index.coveredUpTo(partition) >= RECORDS);
		long catchUpMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
		long bytes = this.index.bytes();

		List<Long> indexedMs = new ArrayList<>();
		List<Long> wallMs = new ArrayList<>();
		JsonNode indexed = null;
		for (int i = 0; i < 7; i++) {
			long sent = System.nanoTime();
			indexed = history(KEYS / 2 + i, true);
			wallMs.add(Duration.ofNanos(System.nanoTime() - sent).toMillis());
			indexedMs.add(indexed.get("tookMs").asLong());
		}
		long sent = System.nanoTime();
		JsonNode scanned = history(KEYS / 2 + 6, false);
		long scanWallMs = Duration.ofNanos(System.nanoTime() - sent).toMillis();

		assertThat(indexed.get("indexed").asBoolean()).isTrue();
		assertThat(indexed.get("scanned").asLong()).isZero();
		assertThat(indexed.get("complete").asBoolean()).isTrue();
		assertThat(indexed.get("events")).hasSize(RECORDS / KEYS);
		assertThat(indexed.get("fetched").asLong()).isLessThan(Math.max(1_000, RECORDS / 100));
		assertThat(scanned.get("indexed").asBoolean()).isFalse();
		assertThat(scanned.get("scanned").asLong()).isEqualTo(RECORDS);
		assertThat(scanned.get("events")).isEqualTo(indexed.get("events"));
		log.warn("""
				Key index, {} records of {} keys on a real broker (machine load {}):
				  produced in {} ms; the reader indexed them (read, mapped, indexed) in {} ms after the app started
				  index memory: {} bytes for {} records = {} bytes per record
				  history of one key ({} events): with the index, server {} ms (runs {}), wall {} ms; \
				{} records read at indexed offsets
				  the same history by scanning: server {} ms, wall {} ms; {} records scanned""", RECORDS, KEYS, load(),
				producedMs, catchUpMs, bytes, this.index.records(),
				String.format("%.1f", (double) bytes / this.index.records()), indexed.get("events").size(),
				median(indexedMs), indexedMs, median(wallMs), indexed.get("fetched").asLong(),
				scanned.get("tookMs").asLong(), scanWallMs, scanned.get("scanned").asLong());
	}

	private JsonNode history(int id, boolean useIndex) throws IOException, InterruptedException {
		String key = URLEncoder.encode("{\"id\":" + id + "}", StandardCharsets.UTF_8);
		URI uri = URI.create(
				"http://127.0.0.1:" + this.port + "/api/history?topic=" + TOPIC + "&key=" + key + "&index=" + useIndex);
		return this.json.readTree(this.http.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString()).body());
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String load() {
		return String.format("%.2f",
				java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

}
