package cdcdemo.messages.list;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The newest records, in memory only: the topic itself is the durable copy, and every start reads it again from the
 * beginning. Newest means last received; within a partition that is offset order.
 */
@Component
class RecentMessages {

	private final int capacity;

	private final Deque<Message> messages = new ArrayDeque<>();

	RecentMessages(MessagesProperties properties) {
		this.capacity = properties.capacity();
	}

	synchronized void add(Message message) {
		this.messages.addFirst(message);
		while (this.messages.size() > this.capacity) {
			this.messages.removeLast();
		}
	}

	synchronized List<Message> newestFirst() {
		return new ArrayList<>(this.messages);
	}

	int capacity() {
		return this.capacity;
	}

}
