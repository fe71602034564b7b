package cdcdemo.domains.stats;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.ObjectMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

import cdcdemo.events.ChangeEvent;
import cdcdemo.events.ChangeEventReader;
import cdcdemo.events.reactions.EventRef;
import cdcdemo.events.reactions.ReactionKinds;
import cdcdemo.reactions.Reactions;

/**
 * Reads the change events of the {@code users} table into {@link DomainCounts}, and
 * announces each count an event changes on the reactions topic.
 * <p>
 * <b>Why the state is rebuilt at each start.</b> The counts live only in memory, so
 * instead of a consumer group with committed offsets (which would resume after a restart
 * with the counts gone) the listener assigns itself every partition of the topic and
 * reads it from the beginning each time it starts: no group, no commits, no database, and
 * every instance has the whole picture. This is correct only while the topic keeps each
 * row's latest event: with a compacted topic, or an unlimited {@code retention.ms}. With
 * a time-limited retention (Kafka's default is 7 days), users whose last event has
 * expired are missing after a restart; then keep the state in your own table and use a
 * consumer group instead (see onboarding-service). The price of rebuilding is the
 * start-up time, which grows with the topic, and counts that are incomplete until the
 * listener has caught up.
 * <p>
 * <b>Reactions.</b> {@link Reactions} (module cdc-reactions) publishes a
 * {@code count-changed} per domain whose count moved, keyed by the event: the message
 * list shows it under that event. It names the domain and the count, never the address.
 * Only events newer than this instance are announced: the rebuild at start-up reads every
 * event again, and announcing those would repeat, at each restart, what was announced
 * when they were new. There is no transaction here, so a reaction is sent as soon as the
 * count has moved; a consumer with a database calls {@link Reactions} inside its
 * transaction, and the reaction goes out after the commit.
 * <p>
 * Values stay strings until the {@link ChangeEventReader} maps them, so a value that is
 * not a change event fails here, where the error handler sees it (see
 * {@code KafkaErrorHandling}). A tombstone (the {@code null} value after each delete)
 * reads as empty and is ignored.
 */
@Component
class UserChangesListener {

	private final ChangeEventReader reader;

	private final DomainCounts counts;

	private final Reactions reactions;

	private final long startedAt = System.currentTimeMillis();

	UserChangesListener(ObjectMapper objectMapper, DomainCounts counts, Reactions reactions) {
		this.reader = new ChangeEventReader(objectMapper);
		this.counts = counts;
		this.reactions = reactions;
	}

	@KafkaListener(id = "domain-stats", idIsGroup = false, topicPartitions = @TopicPartition(topic = "${domains.topic}",
			partitions = "#{@partitionFinder.partitions('${domains.topic}')}",
			partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0", seekPosition = "BEGINNING")))
	void onChange(ConsumerRecord<String, String> record) {
		this.reader.read(record.value(), UserRow.class).ifPresent((event) -> {
			Map<String, Long> changed = this.counts.apply(event);
			if (record.timestamp() >= this.startedAt) {
				announce(record, event, changed);
			}
		});
	}

	private void announce(ConsumerRecord<String, String> record, ChangeEvent<UserRow> event,
			Map<String, Long> changed) {
		EventRef ref = EventRef.of(record.topic(), record.partition(), record.offset(), event.source());
		changed.forEach((domain, users) -> this.reactions.announce(ref, ReactionKinds.COUNT_CHANGED,
				domain + " has " + users + " user(s)", Map.of("domain", domain, "users", users)));
	}

}
