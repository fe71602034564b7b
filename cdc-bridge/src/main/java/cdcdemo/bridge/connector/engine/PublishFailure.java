package cdcdemo.bridge.connector.engine;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Why Kafka did not take a connector's events, and whether starting the engine again
 * could cure it.
 *
 * @param reason what happened, for the connector's info and the log
 * @param cause the error
 * @param event the change event Kafka refused, if the failure is about one event
 * ({@code null} otherwise)
 */
record PublishFailure(String reason, Throwable cause, RefusedEvent event) {

	static RefusedEvent describe(ProducerRecord<byte[], byte[]> record) {
		return new RefusedEvent(record.topic(), payload(record.key()).toString(),
				length(record.key()) + length(record.value()), lsn(record.value()));
	}

	/**
	 * What an engine's error says about publishing.
	 * @param error the error the engine stopped with
	 * @return the publisher's own failure inside it, or a permanent one the error is, or
	 * {@code null}
	 */
	static PublishFailure of(Throwable error) {
		for (Throwable t = error; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof PublishException publish) {
				return publish.failure();
			}
		}
		return permanent(error) ? new PublishFailure(rootCause(error), error, null) : null;
	}

	static String rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.toString();
	}

	static PublishFailure of(ProducerRecord<byte[], byte[]> record, Throwable error) {
		RefusedEvent event = describe(record);
		int bytes = event.bytes();
		String message = String.valueOf(error.getMessage());
		String reason = "Kafka refused the change event on " + record.topic() + " with key " + event.key() + " ("
				+ bytes + " bytes): " + (message.endsWith(".") ? message.substring(0, message.length() - 1) : message);
		if (isTooLarge(error)) {
			reason += ". Raise the connector's largest event size (PATCH {\"maxEventBytes\": ...}; the default is Kafka's"
					+ " 1 MiB), or skip this one event (POST .../skip)";
		}
		return new PublishFailure(reason, error, event);
	}

	/**
	 * A failure that a restart would only repeat: the same event is read again and
	 * refused again, or the store refuses this connector altogether (authorization, a
	 * topic it may not create). The connector stops in {@code failed} and waits for its
	 * operator.
	 * @param error the engine's error
	 * @return whether it is permanent
	 */
	static boolean permanent(Throwable error) {
		for (Throwable t = error; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (isTooLarge(t) || t instanceof AuthorizationException || t instanceof AuthenticationException
					|| t instanceof InvalidTopicException || t instanceof UnsupportedVersionException
					|| t instanceof InvalidConfigurationException || t instanceof PolicyViolationException) {
				return true;
			}
		}
		return false;
	}

	boolean permanent() {
		return permanent(this.cause);
	}

	private static boolean isTooLarge(Throwable t) {
		return t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException;
	}

	private static int length(byte[] bytes) {
		return (bytes != null) ? bytes.length : 0;
	}

	private static JsonNode payload(byte[] json) {
		if (json == null) {
			return JsonMapper.shared().nullNode();
		}
		try {
			return JsonMapper.shared().readTree(json).path("payload");
		}
		catch (JacksonException ex) {
			return JsonMapper.shared().getNodeFactory().textNode("(not JSON)");
		}
	}

	private static Long lsn(byte[] value) {
		JsonNode lsn = payload(value).path("source").path("lsn");
		return lsn.isNumber() ? lsn.asLong() : null;
	}

}
