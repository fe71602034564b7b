package cdcdemo.benchmark.processes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import cdcdemo.benchmark.measure.CommittedRecords;
import cdcdemo.platform.FreePort;
import cdcdemo.platform.kafka.KafkaServer;

/**
 * The local platform's KRaft broker ({@link KafkaServer}), in a JVM of its own, plus what
 * the benchmark asks of it: topics, end offsets, log sizes.
 */
public final class KafkaBroker implements AutoCloseable {

	public static final String ROLE = "kafka-broker";

	private final ChildJvm jvm;

	private final String bootstrapServers;

	private final Admin admin;

	private final KafkaConsumer<byte[], byte[]> offsets;

	private KafkaBroker(ChildJvm jvm, String bootstrapServers) {
		this.jvm = jvm;
		this.bootstrapServers = bootstrapServers;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
		this.offsets = new KafkaConsumer<>(CommittedRecords.readCommitted(bootstrapServers),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/** The broker process: runs until it is sent SIGTERM. */
	public static void serve(String[] args) throws InterruptedException {
		KafkaServer server = KafkaServer.start(Path.of(args[0]), Integer.parseInt(args[1]), 0);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			stopped.countDown();
		}));
		stopped.await();
	}

	public static KafkaBroker start(Path logDir, String jvmOptions, Path processLogs) {
		int port = FreePort.orAny(0);
		ChildJvm jvm = ChildJvm.start(ROLE, jvmOptions, List.of(logDir.toString(), Integer.toString(port)),
				processLogs);
		KafkaBroker broker = new KafkaBroker(jvm, "127.0.0.1:" + port);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (true) {
			jvm.assertAlive("the Kafka broker");
			try {
				broker.admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
				return broker;
			}
			catch (Exception ex) {
				if (System.nanoTime() > deadline) {
					broker.close();
					throw new IllegalStateException("the Kafka broker did not start; see " + jvm.log(), ex);
				}
			}
		}
	}

	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	public long pid() {
		return this.jvm.pid();
	}

	/**
	 * Create the topics, one partition each, stamped by the broker on append
	 * ({@code LogAppendTime}) so that a record's timestamp says when it reached Kafka,
	 * whoever produced it.
	 */
	public void createTopics(List<String> topics) throws Exception {
		this.admin
			.createTopics(topics.stream()
				.map((t) -> new NewTopic(t, 1, (short) 1).configs(Map.of("message.timestamp.type", "LogAppendTime")))
				.toList())
			.all()
			.get(60, TimeUnit.SECONDS);
	}

	/**
	 * The topic's end as a {@code read_committed} consumer sees it (the last stable
	 * offset): it moves only when a transaction commits, and counts commit markers, so it
	 * says nothing about how many records there are.
	 */
	public synchronized long endOffset(String topic) {
		TopicPartition partition = new TopicPartition(topic, 0);
		return this.offsets.endOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition);
	}

	/**
	 * Bytes of the topic's log on the broker (record batches as they came over the wire,
	 * with their headers).
	 */
	public long logBytes(String topic) throws Exception {
		return this.admin.describeLogDirs(List.of(1))
			.allDescriptions()
			.get(30, TimeUnit.SECONDS)
			.values()
			.stream()
			.flatMap((dirs) -> dirs.values().stream())
			.flatMap((dir) -> dir.replicaInfos().entrySet().stream())
			.filter((e) -> e.getKey().topic().equals(topic))
			.mapToLong((e) -> e.getValue().size())
			.sum();
	}

	/**
	 * Drop a topic's records (keeps the offsets counting), so that a long run does not
	 * fill the disk.
	 */
	public void truncate(String topic) throws Exception {
		long end = endOffset(topic);
		this.admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(end)))
			.all()
			.get(60, TimeUnit.SECONDS);
	}

	@Override
	public void close() {
		this.offsets.close(Duration.ofSeconds(5));
		this.admin.close(Duration.ofSeconds(5));
		this.jvm.close();
	}

}
