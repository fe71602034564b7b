package cdcdemo.messages.list;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the message list reads and how much of it it keeps.
 *
 * @param bootstrapServers the Kafka brokers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param topics the topics to show ({@code KAFKA_TOPIC}, comma-separated)
 * @param capacity how many records are kept in memory and shown; older ones drop off
 * @param discoveryInterval how often the topics' partitions are looked up again, so that a topic created after start
 * (or a partition added later) is picked up
 * @param pollTimeout how long one poll waits for new records
 */
@ConfigurationProperties("messages")
record MessagesProperties(@DefaultValue("127.0.0.1:19092") String bootstrapServers,
		@DefaultValue("monolith.public.users") List<String> topics, @DefaultValue("200") int capacity,
		@DefaultValue("2s") Duration discoveryInterval, @DefaultValue("500ms") Duration pollTimeout) {

	MessagesProperties {
		topics = topics.stream().map(String::trim).filter((topic) -> !topic.isEmpty()).distinct().toList();
		if (topics.isEmpty()) {
			throw new IllegalArgumentException("messages.topics (KAFKA_TOPIC) names no topic");
		}
		if (capacity < 1) {
			throw new IllegalArgumentException("messages.capacity must be at least 1, was " + capacity);
		}
	}

}
