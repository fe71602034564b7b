package cdcdemo.messages.list;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
@Component
class TopicReader implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

	private final MessagesProperties properties;

	private final MessageMapper mapper;

	private final RecentMessages messages;

	private final MessageStream stream;

	private final KeyIndex index;

	private static final int MAX_WATCHED_TOPICS = 20;

	private final Set<String> watched = ConcurrentHashMap.newKeySet();

	/**
	 * Where a newly watched topic's partitions start: their end offsets when the viewer
	 * chose the topic. A lazy {@code seekToEnd} would resolve at the reader's next poll,
	 * and every record written in between (after the page's catch-up, before that poll)
	 * would reach neither the page nor the stream.
	 */
	private final Map<TopicPartition, Long> watchedFrom = new ConcurrentHashMap<>();

	private volatile Run run;

	TopicReader(MessagesProperties properties, MessageMapper mapper, RecentMessages messages, MessageStream stream,
			KeyIndex index) {
		this.index = index;
		this.properties = properties;
		this.mapper = mapper;
		this.messages = messages;
		this.stream = stream;
	}

	@Override
	public void start() {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
				new StringDeserializer());
		Run run = new Run(consumer);
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
		Run run = this.run;
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
		Run run = this.run;
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
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.properties.bootstrapServers());
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "message-list");
		// no group.id: never a group member, never a commit
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// looking up a missing topic must not create it with the broker's defaults before
		// cdc-bridge does
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		// the bridge writes in transactions: show a record once its transaction
		// committed, never an aborted one
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return config;
	}

	/**
	 * One run of the poll loop, from {@link #start()} to {@link #stop()}.
	 */
	private final class Run {

		private final KafkaConsumer<String, String> consumer;

		private final CountDownLatch stopping = new CountDownLatch(1);

		private final CountDownLatch stopped = new CountDownLatch(1);

		private final Set<TopicPartition> assigned = new HashSet<>();

		private final Set<TopicPartition> indexed = new HashSet<>();

		private final Set<String> missingTopicsLogged = new HashSet<>();

		private volatile boolean running = true;

		private volatile boolean discoverSoon;

		void discoverSoon() {
			this.discoverSoon = true;
		}

		Run(KafkaConsumer<String, String> consumer) {
			this.consumer = consumer;
		}

		void loop() {
			Duration interval = TopicReader.this.properties.discoveryInterval();
			long nextDiscovery = System.nanoTime();
			try {
				while (this.running) {
					if (this.discoverSoon || System.nanoTime() - nextDiscovery >= 0) {
						this.discoverSoon = false;
						discoverPartitions();
						nextDiscovery = System.nanoTime() + interval.toNanos();
					}
					if (this.assigned.isEmpty()) {
						this.stopping.await(interval.toMillis(), TimeUnit.MILLISECONDS);
					}
					else {
						poll();
					}
				}
			}
			catch (WakeupException ex) {
				// stop() woke the consumer up
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				close();
			}
		}

		private void discoverPartitions() {
			List<TopicPartition> found = new ArrayList<>();
			List<String> topics = new ArrayList<>(TopicReader.this.properties.topics());
			topics.addAll(TopicReader.this.watched);
			for (String topic : topics) {
				List<PartitionInfo> partitions = partitionsFor(topic);
				if (partitions.isEmpty()) {
					if (this.missingTopicsLogged.add(topic)) {
						log.info("Topic {} does not exist (yet); looking again every {}", topic,
								TopicReader.this.properties.discoveryInterval());
					}
					continue;
				}
				partitions.forEach((info) -> found.add(new TopicPartition(info.topic(), info.partition())));
			}
			List<TopicPartition> added = found.stream()
				.filter((partition) -> !this.assigned.contains(partition))
				.toList();
			if (!added.isEmpty()) {
				this.assigned.addAll(added);
				// positions of partitions already assigned are kept
				this.consumer.assign(this.assigned);
				List<TopicPartition> fromStart = added.stream()
					.filter((partition) -> TopicReader.this.properties.topics().contains(partition.topic()))
					.toList();
				List<TopicPartition> fromEnd = added.stream()
					.filter((partition) -> !fromStart.contains(partition))
					.toList();
				// an empty collection would mean every assigned partition
				if (!fromStart.isEmpty()) {
					this.consumer.seekToBeginning(fromStart);
					fromStart.forEach(TopicReader.this.index::startFromBeginning);
					this.indexed.addAll(fromStart);
				}
				List<TopicPartition> atTheirEnd = new ArrayList<>();
				for (TopicPartition partition : fromEnd) {
					Long from = TopicReader.this.watchedFrom.remove(partition);
					if (from != null) {
						this.consumer.seek(partition, from);
					}
					else {
						atTheirEnd.add(partition);
					}
				}
				if (!atTheirEnd.isEmpty()) {
					this.consumer.seekToEnd(atTheirEnd);
				}
				log.info("Reading partitions {} from the beginning and {} from the end", fromStart, fromEnd);
			}
		}

		private List<PartitionInfo> partitionsFor(String topic) {
			try {
				List<PartitionInfo> partitions = this.consumer.partitionsFor(topic, Duration.ofSeconds(5));
				return (partitions != null) ? partitions : List.of();
			}
			catch (WakeupException ex) {
				throw ex;
			}
			catch (KafkaException ex) {
				log.warn("Could not look up the partitions of {}: {}", topic, ex.getMessage());
				return List.of();
			}
		}

		private void poll() {
			try {
				for (ConsumerRecord<String, String> record : this.consumer
					.poll(TopicReader.this.properties.pollTimeout())) {
					publish(record);
				}
				for (TopicPartition partition : this.indexed) {
					readUpTo(partition);
				}
			}
			catch (WakeupException ex) {
				throw ex;
			}
			catch (KafkaException ex) {
				log.warn("Polling {} failed, trying again: {}", this.assigned, ex.getMessage());
			}
		}

		/**
		 * Every offset below the position has been read, including transaction markers
		 * that are no record.
		 */
		private void readUpTo(TopicPartition partition) {
			try {
				TopicReader.this.index.readUpTo(partition, this.consumer.position(partition, Duration.ZERO));
			}
			catch (TimeoutException ex) {
				// no position yet: nothing fetched from this partition so far
			}
		}

		private void publish(ConsumerRecord<String, String> record) {
			TopicPartition partition = new TopicPartition(record.topic(), record.partition());
			Message message;
			try {
				message = TopicReader.this.mapper.mapInOrder(record);
			}
			catch (RuntimeException ex) {
				log.warn("Skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), ex.toString());
				TopicReader.this.index.add(partition, record.offset(), TopicReader.this.mapper.keyId(record.key()));
				return;
			}
			TopicReader.this.index.add(partition, record.offset(), message.keyId());
			try {
				TopicReader.this.messages.add(message);
				TopicReader.this.stream.publish(message);
			}
			catch (RuntimeException ex) {
				log.warn("Skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), ex.toString());
			}
		}

		private void close() {
			try {
				this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
			}
			catch (RuntimeException ex) {
				log.warn("Closing the consumer failed: {}", ex.getMessage());
			}
			finally {
				this.stopped.countDown();
			}
		}

		void stop() {
			this.running = false;
			this.stopping.countDown();
			this.consumer.wakeup();
			try {
				if (!this.stopped.await(10, TimeUnit.SECONDS)) {
					log.warn("The reader thread did not stop within 10 seconds");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
