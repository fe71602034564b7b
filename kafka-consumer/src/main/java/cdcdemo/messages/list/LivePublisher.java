package cdcdemo.messages.list;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cdcdemo.messages.masking.Masking;

/**
 * Where each record the {@link TopicReader} reads goes: into the {@link KeyIndex}, and as
 * a {@link Message} into the {@link RecentMessages} and the {@link MessageStream}, mapped
 * twice: in clear for admins, and masked for everyone else (see {@link Masking}). A
 * record that cannot be mapped or shown is logged and skipped, but still indexed by its
 * key, so that one bad record never stops the poll loop nor leaves a gap in the index.
 */
class LivePublisher {

	private static final Logger log = LoggerFactory.getLogger(LivePublisher.class);

	private final MessageMapper mapper;

	private final RecentMessages messages;

	private final MessageStream stream;

	private final KeyIndex index;

	private final Masking masking;

	LivePublisher(MessageMapper mapper, RecentMessages messages, MessageStream stream, KeyIndex index,
			Masking masking) {
		this.mapper = mapper;
		this.messages = messages;
		this.stream = stream;
		this.index = index;
		this.masking = masking;
	}

	void publish(ConsumerRecord<String, String> record) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		Message message;
		Message masked;
		try {
			message = this.mapper.mapInOrder(record);
			masked = this.mapper.mapAgain(record, this.masking.masked(), message.schemaChange());
		}
		catch (RuntimeException ex) {
			log.warn("Skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), ex.toString());
			this.index.add(partition, record.offset(), this.mapper.keyId(record.key()));
			return;
		}
		this.index.add(partition, record.offset(), message.keyId());
		try {
			this.messages.add(message, masked);
			this.stream.publish(message, masked);
		}
		catch (RuntimeException ex) {
			log.warn("Skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), ex.toString());
		}
	}

}
