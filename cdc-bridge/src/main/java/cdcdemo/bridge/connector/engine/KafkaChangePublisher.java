package cdcdemo.bridge.connector.engine;

import java.util.List;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.Header;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Hands each batch of change events to the connector's {@link EventChannel} and marks
 * them processed at once: Kafka makes them visible (exactly-once) or acknowledges them
 * (at-least-once) at the next commit, which the engine asks for through
 * {@link DebeziumEngine.RecordCommitter#markBatchFinished()} under its commit policy, and
 * which writes the position of exactly the events marked so far. So nothing waits for
 * Kafka between batches, and several batches are in flight until the commit. If Kafka
 * refuses an event, {@link EventChannel#send} throws: the engine stops without
 * committing, and what it sent since the last commit is aborted (exactly-once) or sent
 * again (at-least-once).
 */
class KafkaChangePublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<byte[], byte[]>> {

	private final EventChannel channel;

	private final SkippedEvents skipped;

	KafkaChangePublisher(EventChannel channel, SkippedEvents skipped) {
		this.channel = channel;
		this.skipped = skipped;
	}

	@Override
	public void handleBatch(List<ChangeEvent<byte[], byte[]>> events,
			DebeziumEngine.RecordCommitter<ChangeEvent<byte[], byte[]>> committer) throws InterruptedException {
		for (ChangeEvent<byte[], byte[]> event : events) {
			RecordHeaders headers = new RecordHeaders();
			for (Header<byte[]> header : event.<byte[]>headers()) {
				headers.add(header.getKey(), header.getValue());
			}
			ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(event.destination(), event.partition(),
					event.key(), event.value(), headers);
			this.channel.send(this.skipped.replacement(record));
			committer.markProcessed(event);
		}
		committer.markBatchFinished();
	}

}
