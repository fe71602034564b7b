package cdcdemo.bridge.connector.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the Kafka store ready for a run of a connector, before its {@link EventChannel}
 * opens: the offsets topic exists, the connector's topics take its largest event and are
 * created with its partitions, and the broker's transactions decide the delivery.
 * <p>
 * With partitions asked for, each missing topic is created with that many (and the
 * broker's default replication). Debezium keys each event by the row's primary key and
 * the producer's default partitioner hashes the key, so every event of one row goes to
 * one partition and stays in order there. A topic that exists keeps its count, whatever
 * was asked: adding partitions would move keys to other partitions, and a reader would
 * then see a row's later events before its earlier ones. A count other than the one asked
 * is reported as a warning instead, and the connector starts anyway.
 */
final class KafkaStore {

	private static final Logger log = LoggerFactory.getLogger(KafkaStore.class);

	/**
	 * The KIP-890 transaction protocol, which fixes the correctness bugs of earlier
	 * versions (KAFKA-17754).
	 */
	private static final short TRANSACTIONS_V2 = 2;

	private KafkaStore() {
	}

	/**
	 * The delivery a run gets, and why it is not the one asked for (or {@code null}).
	 *
	 * @param delivery the delivery
	 * @param warning the reason for a fallback, and the topics whose partition count is
	 * not the one asked, or {@code null}
	 */
	record Prepared(Delivery delivery, String warning) {
	}

	/**
	 * Prepare the store.
	 * @param connector the connector's name
	 * @param producerConfig the producer's settings, for the bootstrap servers
	 * @param wanted the delivery asked for; exactly-once falls back to at-least-once on a
	 * broker whose transactions are older than version 2
	 * @param offsetsTopic the topic of the engine's source offsets, created if missing
	 * @param topics the topics of the connector's change events
	 * @param maxEventBytes their {@code max.message.bytes}; {@code null} leaves them to
	 * the broker's defaults
	 * @param partitions the partitions of those created; {@code null} leaves them to the
	 * broker's default
	 * @return the delivery decided
	 */
	static Prepared prepare(String connector, Map<String, Object> producerConfig, Delivery wanted, String offsetsTopic,
			List<String> topics, Integer maxEventBytes, Integer partitions) {
		Object bootstrap = producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
		Delivery delivery = wanted;
		List<String> warnings = new ArrayList<>();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) EventChannel.BROKER_TIMEOUT.toMillis(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) EventChannel.BROKER_TIMEOUT.toMillis() * 2 / 3))) {
			OffsetsTopic.create(admin, offsetsTopic);
			if (maxEventBytes != null || partitions != null) {
				Set<String> existing = admin.listTopics().names().get();
				createMissing(admin, topics, existing, maxEventBytes, partitions);
				if (maxEventBytes != null) {
					allowEventsOf(admin, topics, existing, maxEventBytes);
				}
				if (partitions != null) {
					String other = otherPartitionCounts(admin, topics, existing, partitions);
					if (other != null) {
						warnings.add(other);
						log.warn("Connector {}: {}", connector, other);
					}
				}
			}
			if (wanted == Delivery.EXACTLY_ONCE) {
				short version = transactionVersion(admin);
				if (version < TRANSACTIONS_V2) {
					delivery = Delivery.AT_LEAST_ONCE;
					String warning = "the Kafka store runs transactions version " + version + " (KIP-890 version 2 is "
							+ "needed, Kafka 4.0 or later): delivery is at-least-once, consumers must deduplicate";
					warnings.add(0, warning);
					log.warn("Connector {}: {}", connector, warning);
				}
			}
		}
		catch (ExecutionException ex) {
			throw new KafkaException("cannot prepare the Kafka store at " + bootstrap, ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("interrupted while preparing the Kafka store", ex);
		}
		return new Prepared(delivery, warnings.isEmpty() ? null : String.join("; ", warnings));
	}

	/**
	 * Create the topics that do not exist with {@code max.message.bytes} at the limit and
	 * the partitions asked (each {@code null} for the broker's default): a topic another
	 * bridge created meanwhile is left as it is.
	 */
	private static void createMissing(Admin admin, List<String> topics, Set<String> existing, Integer maxEventBytes,
			Integer partitions) throws InterruptedException, ExecutionException {
		Map<String, String> configs = (maxEventBytes != null)
				? Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxEventBytes)) : Map.of();
		List<NewTopic> missing = topics.stream()
			.filter((topic) -> !existing.contains(topic))
			.map((topic) -> new NewTopic(topic, Optional.ofNullable(partitions), Optional.empty()).configs(configs))
			.toList();
		if (!missing.isEmpty()) {
			try {
				admin.createTopics(missing).all().get();
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Raise {@code max.message.bytes} to the limit on the topics that existed: the
	 * producer's {@code max.request.size} and the topics' limit then agree, and an event
	 * under the limit is taken end to end.
	 */
	private static void allowEventsOf(Admin admin, List<String> topics, Set<String> existing, int maxEventBytes)
			throws InterruptedException, ExecutionException {
		String limit = Integer.toString(maxEventBytes);
		Map<ConfigResource, Collection<AlterConfigOp>> raise = new HashMap<>();
		for (String topic : topics) {
			if (existing.contains(topic)) {
				raise.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
						List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, limit),
								AlterConfigOp.OpType.SET)));
			}
		}
		if (!raise.isEmpty()) {
			admin.incrementalAlterConfigs(raise).all().get();
		}
	}

	/**
	 * The topics that existed with another partition count than the one asked, which they
	 * keep.
	 * @return a warning naming each with its count, or {@code null} if there is none
	 */
	private static String otherPartitionCounts(Admin admin, List<String> topics, Set<String> existing, int partitions)
			throws InterruptedException, ExecutionException {
		List<String> before = topics.stream().filter(existing::contains).toList();
		if (before.isEmpty()) {
			return null;
		}
		Map<String, TopicDescription> described = admin.describeTopics(before).allTopicNames().get();
		List<String> other = before.stream()
			.filter((topic) -> described.get(topic).partitions().size() != partitions)
			.map((topic) -> "topic " + topic + " has " + described.get(topic).partitions().size() + " partition(s)")
			.toList();
		if (other.isEmpty()) {
			return null;
		}
		return String.join(", ", other) + ", not the " + partitions + " asked: an existing topic keeps its count "
				+ "(adding partitions would move rows' keys to other partitions and break their order for readers); "
				+ "the connector's partitions apply to the topics it creates from now on";
	}

	private static short transactionVersion(Admin admin) throws InterruptedException, ExecutionException {
		FinalizedVersionRange range = admin.describeFeatures()
			.featureMetadata()
			.get()
			.finalizedFeatures()
			.get("transaction.version");
		return (range != null) ? range.maxVersionLevel() : 0;
	}

}
