package cdcdemo.messages.list;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the message list reads and how much of it it keeps; what it masks is
 * {@code cdcdemo.messages.masking}'s.
 *
 * @param bootstrapServers the Kafka brokers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param topics the topics shown by default and read live from the beginning
 * ({@code KAFKA_TOPIC}, comma-separated)
 * @param capacity how many records per topic are kept in memory and shown live; older
 * ones are read from Kafka on request
 * @param discoveryInterval how often the topics' partitions are looked up again, so that
 * a topic created after start (or a partition added later) is picked up
 * @param pollTimeout how long one poll waits for new records
 * @param historyMaxRecords how many records a key's history reads at most, so that one
 * click cannot read a huge topic
 * @param readTimeout how long one read from Kafka for a page, a history or a value may
 * take
 * @param keyIndexMaxRecords how many records the key index holds at most, over all
 * partitions (about 8 bytes per record and 16 per distinct key, see {@code KeyIndex}); a
 * row's history scans what the index does not cover
 * @param excludedTopics which topics of the broker are not offered as CDC topics: Kafka's
 * and Connect's internal topics, heartbeats, dead letters
 */
@ConfigurationProperties("messages")
record MessagesProperties(@DefaultValue("127.0.0.1:19092") String bootstrapServers,
		@DefaultValue("monolith.public.users") List<String> topics, @DefaultValue("200") int capacity,
		@DefaultValue("2s") Duration discoveryInterval, @DefaultValue("500ms") Duration pollTimeout,
		@DefaultValue("100000") int historyMaxRecords, @DefaultValue("15s") Duration readTimeout,
		@DefaultValue("5000000") long keyIndexMaxRecords,
		@DefaultValue(DEFAULT_EXCLUDED_TOPICS) String excludedTopics) {

	static final String DEFAULT_EXCLUDED_TOPICS = "^_.*|.*heartbeat.*|.*offsets?$|.*-configs?$|.*-status$"
			+ "|.*[.-](DLT|dlt|DLQ|dlq)$|.*\\.DLT\\.redriven$|.*-retry(-\\d+)?$";

	MessagesProperties {
		topics = topics.stream().map(String::trim).filter((topic) -> !topic.isEmpty()).distinct().toList();
		if (topics.isEmpty()) {
			throw new IllegalArgumentException("messages.topics (KAFKA_TOPIC) names no topic");
		}
		if (capacity < 1) {
			throw new IllegalArgumentException("messages.capacity must be at least 1, was " + capacity);
		}
		Pattern.compile(excludedTopics);
	}

	Pattern excludedTopicPattern() {
		return Pattern.compile(this.excludedTopics);
	}

	/**
	 * Settings for a test or a tool: defaults for everything but the essentials.
	 * @param bootstrapServers the brokers
	 * @param topics the topics
	 * @param capacity the capacity per topic
	 * @return the settings
	 */
	static MessagesProperties of(String bootstrapServers, List<String> topics, int capacity) {
		return new MessagesProperties(bootstrapServers, topics, capacity, Duration.ofSeconds(2), Duration.ofMillis(500),
				100_000, Duration.ofSeconds(15), 5_000_000, DEFAULT_EXCLUDED_TOPICS);
	}

}
