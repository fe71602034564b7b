package cdcdemo.messages.list;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partitions the {@link TopicReader}'s consumer reads, and from where. Without a
 * group nobody assigns them: they are looked up, topic by topic, until each topic exists,
 * and added to the assignment as they appear. The configured topics are read from the
 * beginning, which is what fills the {@link KeyIndex}; a watched topic from where it
 * ended when the viewer chose it. Used on the reader's thread only.
 */
class PartitionAssignment {

	private static final Logger log = LoggerFactory.getLogger(PartitionAssignment.class);

	private final KafkaConsumer<String, String> consumer;

	private final MessagesProperties properties;

	private final KeyIndex index;

	private final Set<String> watched;

	private final Map<TopicPartition, Long> watchedFrom;

	private final Set<TopicPartition> assigned = new HashSet<>();

	private final Set<TopicPartition> indexed = new HashSet<>();

	private final Set<String> missingTopicsLogged = new HashSet<>();

	/**
	 * @param watched the topics watched besides the configured ones, shared with the
	 * reader
	 * @param watchedFrom where a newly watched topic's partitions start, shared with the
	 * reader; an entry is taken out when its partition is assigned
	 */
	PartitionAssignment(KafkaConsumer<String, String> consumer, MessagesProperties properties, KeyIndex index,
			Set<String> watched, Map<TopicPartition, Long> watchedFrom) {
		this.consumer = consumer;
		this.properties = properties;
		this.index = index;
		this.watched = watched;
		this.watchedFrom = watchedFrom;
	}

	boolean isEmpty() {
		return this.assigned.isEmpty();
	}

	Set<TopicPartition> assigned() {
		return this.assigned;
	}

	void discoverPartitions() {
		List<TopicPartition> found = new ArrayList<>();
		List<String> topics = new ArrayList<>(this.properties.topics());
		topics.addAll(this.watched);
		for (String topic : topics) {
			List<PartitionInfo> partitions = partitionsFor(topic);
			if (partitions.isEmpty()) {
				if (this.missingTopicsLogged.add(topic)) {
					log.info("Topic {} does not exist (yet); looking again every {}", topic,
							this.properties.discoveryInterval());
				}
				continue;
			}
			partitions.forEach((info) -> found.add(new TopicPartition(info.topic(), info.partition())));
		}
		List<TopicPartition> added = found.stream().filter((partition) -> !this.assigned.contains(partition)).toList();
		if (!added.isEmpty()) {
			this.assigned.addAll(added);
			// positions of partitions already assigned are kept
			this.consumer.assign(this.assigned);
			List<TopicPartition> fromStart = added.stream()
				.filter((partition) -> this.properties.topics().contains(partition.topic()))
				.toList();
			List<TopicPartition> fromEnd = added.stream()
				.filter((partition) -> !fromStart.contains(partition))
				.toList();
			// an empty collection would mean every assigned partition
			if (!fromStart.isEmpty()) {
				this.consumer.seekToBeginning(fromStart);
				fromStart.forEach(this.index::startFromBeginning);
				this.indexed.addAll(fromStart);
			}
			List<TopicPartition> atTheirEnd = new ArrayList<>();
			for (TopicPartition partition : fromEnd) {
				Long from = this.watchedFrom.remove(partition);
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

	/**
	 * Tells the {@link KeyIndex} that every offset below the consumer's position in each
	 * indexed partition has been read, including transaction markers that are no record.
	 */
	void readUpToPositions() {
		for (TopicPartition partition : this.indexed) {
			readUpTo(partition);
		}
	}

	private void readUpTo(TopicPartition partition) {
		try {
			this.index.readUpTo(partition, this.consumer.position(partition, Duration.ZERO));
		}
		catch (TimeoutException ex) {
			// no position yet: nothing fetched from this partition so far
		}
	}

}
