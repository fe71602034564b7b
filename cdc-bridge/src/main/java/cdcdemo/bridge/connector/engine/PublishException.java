package cdcdemo.bridge.connector.engine;

import org.apache.kafka.common.KafkaException;

/**
 * Thrown into the engine when Kafka did not take the connector's events: the engine stops
 * without committing, and the connector either starts again from its last committed
 * position or, for a {@link PublishFailure#permanent()} failure, stays failed.
 */
class PublishException extends KafkaException {

	private final transient PublishFailure failure;

	PublishException(PublishFailure failure) {
		super(failure.reason(), failure.cause());
		this.failure = failure;
	}

	PublishFailure failure() {
		return this.failure;
	}

}
