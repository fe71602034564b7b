package cdcdemo.messages.list;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import cdcdemo.messages.masking.View;

import org.springframework.stereotype.Component;

/**
 * The newest records of each topic read live, in memory only: the topic itself is the
 * durable copy (older records are read from Kafka on request, see {@link TopicArchive}),
 * and every start reads the configured topics again from the beginning. Newest means last
 * received; within a partition that is offset order. The capacity is per topic, so that a
 * busy topic does not push a quiet one out. Each record is kept as an admin sees it and
 * as everyone else does (masked), so that neither a list nor its filter ever looks at
 * values the user may not see.
 */
@Component
class RecentMessages {

	private final int capacity;

	private final Map<String, Deque<Entry>> byTopic = new HashMap<>();

	private long sequence;

	RecentMessages(MessagesProperties properties) {
		this.capacity = properties.capacity();
	}

	/**
	 * Keeps a record.
	 * @param clear the record in clear
	 * @param masked the same record with its masked fields masked
	 */
	synchronized void add(Message clear, Message masked) {
		Deque<Entry> messages = this.byTopic.computeIfAbsent(clear.topic(), (topic) -> new ArrayDeque<>());
		messages.addFirst(new Entry(this.sequence++, clear, masked));
		while (messages.size() > this.capacity) {
			messages.removeLast();
		}
	}

	/**
	 * The records kept, newest first.
	 * @param view what the user sees; the filter is applied to that
	 * @param filter which records to return
	 * @return the records as the view shows them
	 */
	synchronized List<Message> newestFirst(View view, Predicate<Message> filter) {
		return this.byTopic.values()
			.stream()
			.flatMap(Deque::stream)
			.sorted(Comparator.comparingLong(Entry::sequence).reversed())
			.map((entry) -> view.isClear() ? entry.clear() : entry.masked())
			.filter(filter)
			.toList();
	}

	int capacity() {
		return this.capacity;
	}

	private record Entry(long sequence, Message clear, Message masked) {
	}

}
