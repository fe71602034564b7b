package cdcdemo.bridge.connector.engine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.bridge.connector.definition.SkippedEvent;

/**
 * The change events an operator chose to skip, and what stands in their place: a small
 * reference record on the topic's dead-letter topic ({@code <topic>.DLT}), sent in the
 * same transaction as the events around it, so the connector goes on with the next change
 * and the skip is recorded where consumers look for what they did not get. Nothing is
 * skipped without that explicit action; an event is recognised by its topic, key, source
 * position (LSN) and size.
 */
final class SkippedEvents {

	static final String DLT_SUFFIX = ".DLT";

	private final List<SkippedEvent> skips;

	SkippedEvents(List<SkippedEvent> skips) {
		this.skips = List.copyOf(skips);
	}

	/**
	 * The record to send for an event: the event itself, or the reference record that
	 * replaces a skipped one.
	 * @param record the event
	 * @return what to send
	 */
	ProducerRecord<byte[], byte[]> replacement(ProducerRecord<byte[], byte[]> record) {
		if (this.skips.isEmpty()) {
			return record;
		}
		int bytes = length(record.key()) + length(record.value());
		for (SkippedEvent skip : this.skips) {
			// the size and topic first: they cost nothing, and only a match is worth
			// parsing the event for
			if (skip.bytes() == bytes && skip.topic().equals(record.topic())
					&& matches(skip, PublishFailure.describe(record))) {
				return reference(record, skip);
			}
		}
		return record;
	}

	private static boolean matches(SkippedEvent skip, RefusedEvent event) {
		return skip.topic().equals(event.topic()) && skip.key().equals(event.key())
				&& Objects.equals(skip.lsn(), event.lsn());
	}

	private static ProducerRecord<byte[], byte[]> reference(ProducerRecord<byte[], byte[]> record, SkippedEvent skip) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("skipped", true);
		value.put("topic", skip.topic());
		value.put("key", skip.key());
		value.put("lsn", skip.lsn());
		value.put("bytes", skip.bytes());
		value.put("reason", skip.reason());
		value.put("by", skip.by());
		value.put("at", skip.at().toString());
		RecordHeaders headers = new RecordHeaders();
		headers.add("cdc-skipped-topic", skip.topic().getBytes(StandardCharsets.UTF_8));
		headers.add("cdc-skipped-by", skip.by().getBytes(StandardCharsets.UTF_8));
		return new ProducerRecord<>(record.topic() + DLT_SUFFIX, null, record.key(),
				JsonMapper.shared().writeValueAsBytes(value), headers);
	}

	private static int length(byte[] bytes) {
		return (bytes != null) ? bytes.length : 0;
	}

}
