package cdcdemo.onboarding.system;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record too large for the dead-letter topic is dead-lettered cut short instead of
 * failing on every attempt (and blocking the records behind it); others go as they are.
 */
class TruncatingWhenTooLargeTests {

	private final List<ConsumerRecord<?, ?>> published = new ArrayList<>();

	private final KafkaErrorHandling.TruncatingWhenTooLarge recoverer = new KafkaErrorHandling.TruncatingWhenTooLarge(
			(record, ex) -> this.published.add(record), 1_048_576);

	@Test
	void deadLettersTheStartOfARecordTooLargeForTheDeadLetterTopic() {
		this.recoverer.accept(new ConsumerRecord<>("users", 0, 196, "poison", "x".repeat(1_048_000)),
				new IllegalStateException("not JSON"));

		assertThat(this.published).singleElement().satisfies((record) -> {
			assertThat(record.offset()).isEqualTo(196);
			assertThat(record.key()).isEqualTo("poison");
			assertThat((String) record.value()).hasSize(KafkaErrorHandling.TruncatingWhenTooLarge.KEPT_BYTES);
			assertThat(new String(
					record.headers().lastHeader(KafkaErrorHandling.TruncatingWhenTooLarge.TRUNCATED_HEADER).value()))
				.isEqualTo("1048000");
		});
	}

	@Test
	void deadLettersOtherRecordsAsTheyAre() {
		ConsumerRecord<String, String> record = new ConsumerRecord<>("users", 0, 1, "k", "x".repeat(200_000));
		this.recoverer.accept(record, new IllegalStateException());
		assertThat(this.published).containsExactly(record);
	}

}
