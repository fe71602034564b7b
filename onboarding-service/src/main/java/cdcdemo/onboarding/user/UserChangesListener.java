package cdcdemo.onboarding.user;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import cdcdemo.events.ChangeEventReader;

/**
 * Reads the change events of the monolith's {@code users} table. Values stay strings until the
 * {@link ChangeEventReader} maps them, so a value that is not a change event fails here, in the listener, where the
 * error handler can send it to the dead-letter topic, rather than in a deserializer.
 */
@Component
class UserChangesListener {

	private static final Logger log = LoggerFactory.getLogger(UserChangesListener.class);

	private final ChangeEventReader reader;

	private final UserLifecycle lifecycle;

	UserChangesListener(ObjectMapper objectMapper, UserLifecycle lifecycle) {
		this.reader = new ChangeEventReader(objectMapper);
		this.lifecycle = lifecycle;
	}

	@KafkaListener(id = "user-changes", groupId = "onboarding-service",
			topics = "#{'${onboarding.topic:monolith.public.users}'.split(',')}")
	void onChange(ConsumerRecord<String, String> record) {
		this.reader.read(record.value(), UserRow.class)
			.ifPresentOrElse(this.lifecycle::apply,
					() -> log.debug("Ignoring the tombstone at {}-{}@{}", record.topic(), record.partition(),
							record.offset()));
	}

}
