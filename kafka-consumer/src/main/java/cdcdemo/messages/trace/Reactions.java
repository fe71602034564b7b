package cdcdemo.messages.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import cdcdemo.events.reactions.Reaction;
import cdcdemo.events.reactions.ReactionJson;
import cdcdemo.events.reactions.ReactionKey;
import cdcdemo.messages.list.ObserverConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The reactions of the platform's consumers, read from the reactions topic as they come
 * and kept by the change event they reacted to, for the newest
 * {@code messages.trace.max-events} events.
 * <p>
 * Like the message list's own reader, an observer: no consumer group (nothing of the
 * consumers' groups changes, and the groups page shows no group of ours), partitions
 * assigned and read from the beginning, so a restarted message list knows every reaction
 * still in the topic. The topic appears when the first consumer that reacts starts; until
 * then, and when it gains partitions, the reader looks for it again every few seconds;
 * while Kafka is down it goes on trying. A record that is not a reaction (or one of a
 * version of the contract other than 1) is skipped and counted, never a reason to stop.
 */
@Component
class Reactions implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Reactions.class);

	private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

	private final TraceProperties properties;

	private final String bootstrapServers;

	private final Map<ReactionKey, List<Reaction>> byEvent;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile boolean running;

	private volatile KafkaConsumer<String, String> consumer;

	private volatile long skipped;

	private Thread thread;

	Reactions(TraceProperties properties, @Value("${messages.bootstrap-servers}") String bootstrapServers) {
		this.properties = properties;
		this.bootstrapServers = bootstrapServers;
		this.byEvent = new LinkedHashMap<>() {
			@Override
			protected boolean removeEldestEntry(Map.Entry<ReactionKey, List<Reaction>> eldest) {
				return size() > properties.maxEvents();
			}
		};
	}

	/**
	 * @param event a change event
	 * @return what the consumers did because of it, oldest first
	 */
	synchronized List<Reaction> of(ReactionKey event) {
		return List.copyOf(this.byEvent.getOrDefault(event, List.of()));
	}

	/**
	 * @return how many records of the topic were not reactions
	 */
	long skipped() {
		return this.skipped;
	}

	/**
	 * Add a reaction read from the topic.
	 * @param value the record's value
	 * @return the reaction, empty if the value is not one
	 */
	Optional<Reaction> add(String value) {
		Optional<Reaction> reaction = parse(value);
		reaction.ifPresentOrElse(this::add, () -> this.skipped++);
		return reaction;
	}

	private synchronized void add(Reaction reaction) {
		List<Reaction> reactions = this.byEvent.computeIfAbsent(reaction.event().key(), (event) -> new ArrayList<>());
		reactions.add(reaction);
		reactions.sort(Comparator.comparing(Reaction::at));
	}

	private Optional<Reaction> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		try {
			Reaction reaction = ReactionJson.read(value);
			if (reaction.v() != Reaction.VERSION || reaction.event() == null || reaction.event().topic() == null
					|| reaction.kind() == null || reaction.at() == null) {
				return Optional.empty();
			}
			return Optional.of(reaction);
		}
		catch (IllegalArgumentException ex) {
			log.debug("Not a reaction: {}", ex.toString());
			return Optional.empty();
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::run, "reactions-reader");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.stopped.countDown();
		KafkaConsumer<String, String> reading = this.consumer;
		if (reading != null) {
			reading.wakeup();
		}
		try {
			this.thread.join(Duration.ofSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		try (KafkaConsumer<String, String> reading = new KafkaConsumer<>(config(), new StringDeserializer(),
				new StringDeserializer())) {
			this.consumer = reading;
			Map<Integer, TopicPartition> assigned = new HashMap<>();
			long lookedAt = 0;
			while (this.running) {
				try {
					if (assigned.isEmpty() || System.nanoTime() - lookedAt > LOOK_AGAIN.toNanos() * 6) {
						lookedAt = System.nanoTime();
						assignNew(reading, assigned);
					}
					if (assigned.isEmpty()) {
						if (this.stopped.await(LOOK_AGAIN.toMillis(), TimeUnit.MILLISECONDS)) {
							return;
						}
						continue;
					}
					for (ConsumerRecord<String, String> record : reading.poll(Duration.ofSeconds(1))) {
						add(record.value());
					}
				}
				catch (RetriableException ex) {
					// Kafka is down or the topic is moving: the client reconnects on the
					// next
					// call
					log.debug("Reactions not read this time: {}", ex.toString());
				}
			}
		}
		catch (WakeupException ex) {
			if (this.running) {
				throw ex;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.error("The reactions reader stopped: {}", ex.toString(), ex);
		}
	}

	private void assignNew(KafkaConsumer<String, String> reading, Map<Integer, TopicPartition> assigned) {
		List<PartitionInfo> partitions = reading.partitionsFor(this.properties.topic(), LOOK_AGAIN);
		Collection<TopicPartition> added = new ArrayList<>();
		for (PartitionInfo info : (partitions != null) ? partitions : List.<PartitionInfo>of()) {
			if (!assigned.containsKey(info.partition())) {
				TopicPartition partition = new TopicPartition(info.topic(), info.partition());
				assigned.put(info.partition(), partition);
				added.add(partition);
			}
		}
		if (!added.isEmpty()) {
			reading.assign(assigned.values());
			reading.seekToBeginning(added);
			log.info("Reading the reactions of {} partition(s) of {}", assigned.size(), this.properties.topic());
		}
	}

	private Map<String, Object> config() {
		return ObserverConsumers.config(this.bootstrapServers, "message-list-reactions");
	}

}
