package cdcdemo.onboarding.system;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A record too large for the dead-letter topic is dead-lettered cut short instead of failing on every attempt (and
 * blocking the records behind it); other failures still fail.
 */
class TruncatingWhenTooLargeTests {

	private final List<ConsumerRecord<?, ?>> published = new ArrayList<>();

	@Test
	void deadLettersTheStartOfARecordTooLargeForTheDeadLetterTopic() {
		KafkaErrorHandling.TruncatingWhenTooLarge recoverer = new KafkaErrorHandling.TruncatingWhenTooLarge(
				(record, ex) -> {
					if (((String) record.value()).length() > 100_000) {
						throw new KafkaException("Dead-letter publication failed",
								new RecordTooLargeException("larger than max.request.size"));
					}
					this.published.add(record);
				});
		String huge = "x".repeat(1_048_000);

		recoverer.accept(new ConsumerRecord<>("users", 0, 196, "poison", huge), new IllegalStateException("not JSON"));

		assertThat(this.published).singleElement().satisfies((record) -> {
			assertThat(record.offset()).isEqualTo(196);
			assertThat(record.key()).isEqualTo("poison");
			assertThat((String) record.value()).hasSize(KafkaErrorHandling.TruncatingWhenTooLarge.KEPT_BYTES);
			assertThat(new String(record.headers()
				.lastHeader(KafkaErrorHandling.TruncatingWhenTooLarge.TRUNCATED_HEADER)
				.value())).isEqualTo("1048000");
		});
	}

	@Test
	void letsOtherFailuresThrough() {
		KafkaErrorHandling.TruncatingWhenTooLarge recoverer = new KafkaErrorHandling.TruncatingWhenTooLarge(
				(record, ex) -> {
					throw new KafkaException("broker gone");
				});
		assertThatExceptionOfType(KafkaException.class)
			.isThrownBy(() -> recoverer.accept(new ConsumerRecord<>("users", 0, 1, "k", "x".repeat(200_000)),
					new IllegalStateException()));
		assertThat(this.published).isEmpty();
	}

}
