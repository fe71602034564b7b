package cdcdemo.onboarding.dashboard;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import cdcdemo.onboarding.system.OnboardingProperties;

/**
 * The consumers of the change-event topic that run in this replica, and the partitions
 * each owns right now, as Spring Kafka's listener containers know them: no call to Kafka,
 * so this answers while Kafka does not. The count of those partitions is the gauge
 * {@code onboarding.partitions.owned} (tag {@code topic}): with several replicas, their
 * gauges add up to the topic's partitions once the group is balanced.
 */
@Component
class OwnedPartitions {

	private final KafkaListenerEndpointRegistry registry;

	private final List<String> topics;

	OwnedPartitions(KafkaListenerEndpointRegistry registry, OnboardingProperties properties, MeterRegistry meters) {
		this.registry = registry;
		this.topics = List.of(properties.topic().split(","));
		for (String topic : this.topics) {
			Gauge.builder("onboarding.partitions.owned", this, (owned) -> owned.count(topic))
				.description("Partitions of the change-event topic that this replica's consumers own")
				.tag("topic", topic)
				.register(meters);
		}
	}

	/**
	 * @return the topics the service reads
	 */
	List<String> topics() {
		return this.topics;
	}

	/**
	 * @return the group the consumers of the topics are in, empty if none runs here
	 */
	Optional<String> groupId() {
		return containers().stream().map(MessageListenerContainer::getGroupId).findFirst();
	}

	/**
	 * @return the client id of each consumer of this replica, running or idle, with the
	 * partitions of the topics it owns
	 */
	Map<String, List<TopicPartition>> byClientId() {
		Map<String, List<TopicPartition>> owned = new TreeMap<>();
		for (MessageListenerContainer container : containers()) {
			Map<String, Collection<TopicPartition>> assignments = container.getAssignmentsByClientId();
			if (assignments != null) {
				assignments.forEach((clientId, partitions) -> owned.put(clientId, (partitions != null)
						? List.copyOf(partitions).stream().filter((tp) -> this.topics.contains(tp.topic())).toList()
						: List.of()));
			}
		}
		return owned;
	}

	private double count(String topic) {
		return byClientId().values().stream().flatMap(List::stream).filter((tp) -> tp.topic().equals(topic)).count();
	}

	private List<MessageListenerContainer> containers() {
		return this.registry.getAllListenerContainers()
			.stream()
			.filter((container) -> readsOurTopics(container.getContainerProperties().getTopics()))
			.toList();
	}

	private boolean readsOurTopics(String[] topics) {
		return topics != null && Arrays.stream(topics).anyMatch(this.topics::contains);
	}

}
