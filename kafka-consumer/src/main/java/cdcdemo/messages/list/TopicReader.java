package cdcdemo.messages.list;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.messages.masking.Masking;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the configured topics from the beginning, on one thread that Spring starts with
 * the context and stops on shutdown ({@link KafkaConsumer#wakeup()} ends a waiting poll
 * at once).
 * <p>
 * Why the plain {@link KafkaConsumer} and not a Spring Kafka listener container: a
 * container always consumes in a consumer group. A group shares the partitions among its
 * members and commits offsets, so with the wrong group id this page would take records
 * away from onboarding-service, and even with its own group it would remember what it has
 * read and show nothing after a restart. This page is a pure observer: no
 * {@code group.id}, no commits, partitions taken with {@link KafkaConsumer#assign} and
 * rewound with {@link KafkaConsumer#seekToBeginning}. Manual assignment also means
 * discovering the partitions ourselves, which is what lets the page start before the
 * topic exists: discovery is retried until the topic appears, and the application stays
 * healthy meanwhile.
 * <p>
 * A viewer who selects another CDC topic makes the reader {@link #watch(String) watch} it
 * too; such a topic is read from its end (its past is paged from Kafka by
 * {@link TopicArchive}), the configured ones from the beginning. Reading from the
 * beginning is also what fills the {@link KeyIndex}: every record read goes into it.
 * <p>
 * This class starts and stops the reader and takes the topics to watch; one run of the
 * poll loop is a {@link PollLoop}, which asks the {@link PartitionAssignment} what to
 * read and hands every record to the {@link LivePublisher}.
 */
@Component
class TopicReader implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

	private final MessagesProperties properties;

	private final MessageMapper mapper;

	private final RecentMessages messages;

	private final MessageStream stream;

	private final KeyIndex index;

	private final Masking masking;

	private static final int MAX_WATCHED_TOPICS = 20;

	private final Set<String> watched = ConcurrentHashMap.newKeySet();

	/**
	 * Where a newly watched topic's partitions start: their end offsets when the viewer
	 * chose the topic. A lazy {@code seekToEnd} would resolve at the reader's next poll,
	 * and every record written in between (after the page's catch-up, before that poll)
	 * would reach neither the page nor the stream.
	 */
	private final Map<TopicPartition, Long> watchedFrom = new ConcurrentHashMap<>();

	private volatile PollLoop run;

	TopicReader(MessagesProperties properties, MessageMapper mapper, RecentMessages messages, MessageStream stream,
			KeyIndex index, Masking masking) {
		this.index = index;
		this.masking = masking;
		this.properties = properties;
		this.mapper = mapper;
		this.messages = messages;
		this.stream = stream;
	}

	@Override
	public void start() {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
				new StringDeserializer());
		PartitionAssignment assignment = new PartitionAssignment(consumer, this.properties, this.index, this.watched,
				this.watchedFrom);
		LivePublisher publisher = new LivePublisher(this.mapper, this.messages, this.stream, this.index, this.masking);
		PollLoop run = new PollLoop(consumer, this.properties, assignment, publisher);
		Thread thread = new Thread(run::loop, "topic-reader");
		thread.setDaemon(true);
		this.run = run;
		thread.start();
		log.info("Reading {} from the beginning at {}, without a consumer group", this.properties.topics(),
				this.properties.bootstrapServers());
	}

	/**
	 * Read a topic live from now on, besides the configured ones.
	 * @param topic an existing topic
	 * @return whether the topic is read live (at most {@value #MAX_WATCHED_TOPICS} extra
	 * topics are)
	 */
	boolean watch(String topic) {
		if (this.properties.topics().contains(topic) || this.watched.contains(topic)) {
			return true;
		}
		if (this.watched.size() >= MAX_WATCHED_TOPICS) {
			return false;
		}
		this.watchedFrom.putAll(endOffsets(topic));
		this.watched.add(topic);
		PollLoop run = this.run;
		if (run != null) {
			run.discoverSoon();
		}
		log.info("Reading {} live from its end as well", topic);
		return true;
	}

	/**
	 * The topic's end offsets now, read with a consumer of the reader's settings; none if
	 * it cannot be asked.
	 */
	private Map<TopicPartition, Long> endOffsets(String topic) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
				new StringDeserializer())) {
			List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
			if (infos == null) {
				return Map.of();
			}
			List<TopicPartition> partitions = infos.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			return consumer.endOffsets(partitions, Duration.ofSeconds(5));
		}
		catch (KafkaException ex) {
			log.warn("Could not read the end offsets of {}: {}; reading it from its end when the reader gets to it",
					topic, ex.getMessage());
			return Map.of();
		}
	}

	@Override
	public void stop() {
		PollLoop run = this.run;
		if (run != null) {
			run.stop();
			this.run = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.run != null;
	}

	private Map<String, Object> consumerConfig() {
		return ObserverConsumers.config(this.properties.bootstrapServers(), "message-list");
	}

}
