package cdcdemo.messages.list;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

/**
 * The newest records of each topic read live, in memory only: the topic itself is the
 * durable copy (older records are read from Kafka on request, see {@link TopicArchive}),
 * and every start reads the configured topics again from the beginning. Newest means last
 * received; within a partition that is offset order. The capacity is per topic, so that a
 * busy topic does not push a quiet one out.
 */
@Component
class RecentMessages {

	private final int capacity;

	private final Map<String, Deque<Entry>> byTopic = new HashMap<>();

	private long sequence;

	RecentMessages(MessagesProperties properties) {
		this.capacity = properties.capacity();
	}

	synchronized void add(Message message) {
		Deque<Entry> messages = this.byTopic.computeIfAbsent(message.topic(), (topic) -> new ArrayDeque<>());
		messages.addFirst(new Entry(this.sequence++, message));
		while (messages.size() > this.capacity) {
			messages.removeLast();
		}
	}

	List<Message> newestFirst() {
		return newestFirst((message) -> true);
	}

	synchronized List<Message> newestFirst(Predicate<Message> filter) {
		return this.byTopic.values()
			.stream()
			.flatMap(Deque::stream)
			.sorted(Comparator.comparingLong(Entry::sequence).reversed())
			.map(Entry::message)
			.filter(filter)
			.toList();
	}

	int capacity() {
		return this.capacity;
	}

	private record Entry(long sequence, Message message) {
	}

}
