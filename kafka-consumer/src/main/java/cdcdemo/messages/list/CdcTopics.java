package cdcdemo.messages.list;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The CDC topics on the broker, for the topic selector: every topic but Kafka's internal
 * ones and those that carry no change events (offsets, heartbeats, dead letters; see
 * {@code messages.excluded-topics}). The configured topics always come first, even before
 * they exist. The answer is cached for a few seconds, because the page and every request
 * naming a topic ask.
 */
@Component
class CdcTopics implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(CdcTopics.class);

	private static final Duration CACHE_FOR = Duration.ofSeconds(5);

	private final MessagesProperties properties;

	private final Pattern excluded;

	private Admin admin;

	private List<CdcTopic> cached;

	private long cachedUntil;

	CdcTopics(MessagesProperties properties) {
		this.properties = properties;
		this.excluded = properties.excludedTopicPattern();
	}

	/**
	 * The topics to offer, configured ones first.
	 * @return the topics
	 */
	synchronized List<CdcTopic> list() {
		if (this.cached != null && System.nanoTime() - this.cachedUntil < 0) {
			return this.cached;
		}
		Map<String, Integer> onBroker = describe();
		List<CdcTopic> topics = new ArrayList<>();
		for (String topic : this.properties.topics()) {
			topics.add(new CdcTopic(topic, onBroker.getOrDefault(topic, 0), true));
		}
		onBroker.forEach((topic, partitions) -> {
			if (!this.properties.topics().contains(topic) && !this.excluded.matcher(topic).matches()) {
				topics.add(new CdcTopic(topic, partitions, false));
			}
		});
		topics.sort(Comparator.comparing((CdcTopic topic) -> !topic.configured()).thenComparing(CdcTopic::name));
		this.cached = List.copyOf(topics);
		this.cachedUntil = System.nanoTime() + CACHE_FOR.toNanos();
		return this.cached;
	}

	/**
	 * Whether a viewer may read this topic: a configured topic or a CDC topic on the
	 * broker.
	 * @param topic the topic name
	 * @return whether it is offered
	 */
	boolean offers(String topic) {
		return this.properties.topics().contains(topic)
				|| list().stream().anyMatch((candidate) -> candidate.name().equals(topic));
	}

	private Map<String, Integer> describe() {
		Map<String, Integer> partitions = new TreeMap<>();
		try {
			Admin admin = admin();
			Set<String> names = admin.listTopics().names().get(5, TimeUnit.SECONDS);
			if (!names.isEmpty()) {
				Map<String, TopicDescription> descriptions = admin.describeTopics(names)
					.allTopicNames()
					.get(5, TimeUnit.SECONDS);
				descriptions.forEach((name, description) -> partitions.put(name, description.partitions().size()));
			}
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			log.warn("Could not list the topics at {}: {}", this.properties.bootstrapServers(), ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return partitions;
	}

	private Admin admin() {
		if (this.admin == null) {
			this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
					this.properties.bootstrapServers(), AdminClientConfig.CLIENT_ID_CONFIG, "message-list-topics",
					AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
					5_000));
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(5));
			this.admin = null;
		}
	}

	/**
	 * A topic a viewer can select.
	 *
	 * @param name the topic
	 * @param partitions how many partitions it has, 0 if it does not exist (yet)
	 * @param configured whether it is one of the configured topics ({@code KAFKA_TOPIC}),
	 * shown by default
	 */
	record CdcTopic(String name, int partitions, boolean configured) {
	}

}
