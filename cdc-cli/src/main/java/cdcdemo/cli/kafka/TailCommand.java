package cdcdemo.cli.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import cdcdemo.cli.bridge.CommandFailure;
import cdcdemo.cli.bridge.ExitCode;
import cdcdemo.cli.bridge.Json;
import cdcdemo.cli.output.Output;

/**
 * A topic's events as they arrive, read by a real Kafka consumer. It reads committed
 * records only ({@code isolation.level=read_committed}), what a consumer of the topic
 * sees, and joins no consumer group: it assigns itself every partition, so it starts at
 * once and leaves no offsets behind.
 */
@Command(name = "kafka:tail",
		description = { "Print a topic's events as they arrive.",
				"One line each: offset, op, key, and the row after the change (before it, for a delete),",
				"shortened. With --json, one JSON record per line. Ctrl-C stops." })
class TailCommand implements Runnable {

	private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

	@Mixin
	Output output;

	@Parameters(index = "0", paramLabel = "TOPIC", description = "The topic, e.g. monolith.public.users.")
	String topic;

	@Option(names = "--store", paramLabel = "BOOTSTRAP",
			defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:19092}",
			description = "The Kafka cluster, host:port[,host:port] (env KAFKA_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
	String store;

	@Option(names = "--from-beginning", description = "Start with the oldest record held, not with the next one.")
	boolean fromBeginning;

	@Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
	Long max;

	@Override
	public void run() {
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties())) {
			List<TopicPartition> partitions = partitions(consumer);
			consumer.assign(partitions);
			if (this.fromBeginning) {
				consumer.seekToBeginning(partitions);
			}
			else {
				consumer.seekToEnd(partitions);
			}
			partitions.forEach(consumer::position);
			this.output.err()
				.println("Tailing " + this.topic + " on " + this.store
						+ ((this.fromBeginning) ? " from the beginning" : " from the next event") + "; Ctrl-C stops");
			this.output.err().flush();
			long seen = 0;
			while (this.max == null || seen < this.max) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					print(record, partitions.size() > 1);
					seen++;
					if (this.max != null && seen >= this.max) {
						break;
					}
				}
			}
		}
		catch (KafkaException ex) {
			throw new CommandFailure(ExitCode.OTHER, "reading " + this.topic + " failed: " + ex.getMessage());
		}
	}

	private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
		List<PartitionInfo> partitions;
		try {
			partitions = consumer.partitionsFor(this.topic, METADATA_TIMEOUT);
		}
		catch (TimeoutException ex) {
			throw new CommandFailure(ExitCode.UNREACHABLE, "cannot reach Kafka at " + this.store + ": no answer in "
					+ METADATA_TIMEOUT.toSeconds() + "s (give its address with --store or KAFKA_BOOTSTRAP_SERVERS)");
		}
		if (partitions == null || partitions.isEmpty()) {
			throw new CommandFailure(ExitCode.NOT_FOUND,
					"no topic " + this.topic + " on " + this.store + " (cdc kafka:topics lists them)");
		}
		return partitions.stream().map((p) -> new TopicPartition(p.topic(), p.partition())).toList();
	}

	private void print(ConsumerRecord<byte[], byte[]> record, boolean showPartition) {
		if (this.output.json()) {
			JsonNode line = ChangeEventLine.record(record.partition(), record.offset(), record.key(), record.value());
			this.output.out().println(Json.MAPPER.writeValueAsString(line));
		}
		else {
			String position = (showPartition ? record.partition() + "/" : "") + record.offset();
			this.output.out().println(ChangeEventLine.format(position, record.key(), record.value()));
		}
		this.output.out().flush();
	}

	private Properties properties() {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.store);
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "cdc-cli-tail");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		return properties;
	}

}
