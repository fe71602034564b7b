package cdcdemo.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import cdcdemo.platform.apps.PlatformApps;
import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records that are not change events, written to the users topic among the bridge's: not
 * JSON, JSON of the wrong shape, an event without a user id, and a huge one (2 MB if the
 * broker takes it, else the largest it takes). Each must end up on {@code <topic>.DLT},
 * and every good event around them must still be handled: a welcome for each user who
 * stays, an exit survey for each who leaves.
 */
@Order(1)
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class PoisonMessageTests {

	private static final String DEAD_LETTERS = PlatformApps.USERS_TOPIC + ".DLT";

	private static final int ROUNDS = 4;

	@Test
	void poisonEndsOnTheDeadLetterTopicAndEveryGoodEventIsStillHandled(FaultPlatform platform) throws Exception {
		FaultScenario scenario = new FaultScenario(platform, "poison-messages", 5_000_000);
		long deadLettersStart = TopicReader.endOffset(platform.bootstrapServers(), DEAD_LETTERS);
		Set<String> poison = new java.util.LinkedHashSet<>();
		int hugeBytes = 0;
		Instant lastInjected;
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024, ProducerConfig.ACKS_CONFIG, "all"))) {
			scenario.startWriting();
			for (int round = 1; round <= ROUNDS; round++) {
				scenario.awaitCommitted((double) round / (ROUNDS + 1));
				send(producer, poison, "poison-" + round + "-not-json", "this is {not JSON");
				send(producer, poison, "poison-" + round + "-wrong-shape", "{\"payload\":{\"hello\":\"world\"}}");
				send(producer, poison, "poison-" + round + "-no-id",
						"{\"schema\":null,\"payload\":{\"op\":\"c\",\"before\":null,\"after\":{\"first_name\":\"Nobody\"}}}");
				hugeBytes = sendHuge(producer, poison, "poison-" + round + "-huge", platform);
			}
			lastInjected = Instant.now();
		}
		scenario.awaitWritten();
		Delivery delivery = scenario.awaitDelivered();

		Set<Long> kept = scenario.keptUsers();
		Set<Long> deleted = scenario.deletedUsers();
		Set<String> deadLettered;
		try (TopicReader deadLetters = TopicReader.from(platform.bootstrapServers(), DEAD_LETTERS, deadLettersStart)) {
			Duration limit = Duration.ofMinutes(4).plusMillis(20L * FaultScenario.CHANGES);
			awaitQuietly(limit, () -> poisonKeys(deadLetters).containsAll(poison));
			awaitQuietly(limit, () -> {
				SentMail mail = SentMail.of(platform.mail(), scenario.userIds());
				return mail.all(kept, SentMail.WELCOME) && mail.all(deleted, SentMail.EXIT_SURVEY);
			});
			deadLettered = poisonKeys(deadLetters);
		}
		Duration recovery = Duration.between(lastInjected, Instant.now());
		SentMail mail = SentMail.of(platform.mail(), scenario.userIds());
		Map<String, Object> more = new LinkedHashMap<>();
		more.put("poison", poison.size());
		more.put("dead-lettered", deadLettered.size());
		more.put("huge-bytes", hugeBytes);
		more.put("welcomes-missing", mail.missing(kept, SentMail.WELCOME));
		more.put("exit-surveys-missing", mail.missing(deleted, SentMail.EXIT_SURVEY));
		scenario.report(delivery, recovery, more);

		Assertions.assertCompleteAndInOrder(delivery);
		assertThat(deadLettered).containsExactlyInAnyOrderElementsOf(poison);
		assertThat(mail.missing(kept, SentMail.WELCOME)).as("users who stay without a welcome").isZero();
		assertThat(mail.missing(deleted, SentMail.EXIT_SURVEY)).as("users who left without an exit survey").isZero();
	}

	private static void awaitQuietly(Duration limit, java.util.concurrent.Callable<Boolean> condition) {
		try {
			await().atMost(limit).pollInterval(Duration.ofSeconds(1)).until(condition);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// the report line and the assertions say what is missing
		}
	}

	private static Set<String> poisonKeys(TopicReader deadLetters) {
		return deadLetters.catchUp()
			.stream()
			.map((record) -> record.key())
			.filter((key) -> key != null && key.startsWith("poison-"))
			.collect(Collectors.toSet());
	}

	private static void send(KafkaProducer<String, String> producer, Set<String> poison, String key, String value)
			throws Exception {
		producer.send(new ProducerRecord<>(PlatformApps.USERS_TOPIC, key, value)).get(30, TimeUnit.SECONDS);
		poison.add(key);
	}

	/**
	 * @return the size of the huge value: 2 MB, or the largest the topic takes
	 */
	private static int sendHuge(KafkaProducer<String, String> producer, Set<String> poison, String key,
			FaultPlatform platform) throws Exception {
		int size = 2 * 1024 * 1024;
		try {
			send(producer, poison, key, "x".repeat(size));
			return size;
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof RecordTooLargeException)) {
				throw ex;
			}
		}
		// the record batch must fit max.message.bytes: leave room for the batch and
		// record headers and the key
		size = maxMessageBytes(platform) - 512;
		send(producer, poison, key, "x".repeat(size));
		return size;
	}

	private static int maxMessageBytes(FaultPlatform platform) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
			ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, PlatformApps.USERS_TOPIC);
			return Integer.parseInt(admin.describeConfigs(List.of(topic))
				.all()
				.get(30, TimeUnit.SECONDS)
				.get(topic)
				.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
				.value());
		}
	}

}
