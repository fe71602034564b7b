package cdcdemo.bridge.alerts;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * What the alerts ask the bridge's Kafka: the dead letter topics' end offsets, and when a
 * heartbeat topic last got a record. Both from offsets (the newest timestamp is one of
 * them), never by reading records.
 */
@Component
class KafkaTopics implements DisposableBean {

	private static final long TIMEOUT_SECONDS = 5;

	private final Admin admin;

	KafkaTopics(KafkaProperties kafka) {
		this.admin = Admin.create(kafka.buildAdminProperties());
	}

	/**
	 * @param names which topics
	 * @return each such topic's end offsets, summed over its partitions
	 */
	Map<String, Long> endOffsets(Predicate<String> names) {
		Set<String> topics = call(() -> this.admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).stream()
			.filter(names)
			.collect(Collectors.toSet());
		Map<String, Long> ends = new HashMap<>();
		offsets(topics, OffsetSpec.latest())
			.forEach((partition, info) -> ends.merge(partition.topic(), info.offset(), Long::sum));
		return ends;
	}

	/**
	 * @param topic a topic
	 * @return the newest timestamp of its records, or {@code null} if it has none (or is
	 * not there yet)
	 */
	Instant lastRecordAt(String topic) {
		Set<String> existing = call(() -> this.admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
		if (!existing.contains(topic)) {
			return null;
		}
		return offsets(Set.of(topic), OffsetSpec.maxTimestamp()).values()
			.stream()
			.filter((info) -> info.offset() >= 0 && info.timestamp() >= 0)
			.map((info) -> Instant.ofEpochMilli(info.timestamp()))
			.max(Instant::compareTo)
			.orElse(null);
	}

	private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(Set<String> topics, OffsetSpec spec) {
		if (topics.isEmpty()) {
			return Map.of();
		}
		Map<String, TopicDescription> descriptions = call(
				() -> this.admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
		List<TopicPartition> partitions = descriptions.values()
			.stream()
			.flatMap((d) -> d.partitions().stream().map((p) -> new TopicPartition(d.name(), p.partition())))
			.toList();
		return call(() -> this.admin.listOffsets(partitions.stream().collect(Collectors.toMap((p) -> p, (p) -> spec)))
			.all()
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
	}

	private interface KafkaCall<T> {

		T get() throws InterruptedException, ExecutionException, TimeoutException;

	}

	private static <T> T call(KafkaCall<T> call) {
		try {
			return call.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not answer: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void destroy() {
		// bounded: with Kafka down at shutdown a pending call would hold the exit
		this.admin.close(java.time.Duration.ofSeconds(2));
	}

}
