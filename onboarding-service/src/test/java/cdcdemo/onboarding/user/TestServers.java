package cdcdemo.onboarding.user;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;

import org.springframework.test.context.DynamicPropertyRegistry;

import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.postgres.PostgresServer;

import static org.awaitility.Awaitility.await;

/**
 * The real servers a test class runs the service against (PostgreSQL, a Kafka broker, an SMTP catcher), with a
 * producer for change events and look-ups of the emails caught.
 */
final class TestServers implements AutoCloseable {

	static final String TOPIC = "monolith.public.users";

	final PostgresServer postgres;

	final KafkaServer kafka;

	final MailCatcher mail;

	private final KafkaProducer<String, String> producer;

	private TestServers(Path dir, int partitions) {
		Exit.setHaltProcedure((code, message) -> {
			throw new IllegalStateException(message);
		});
		this.postgres = PostgresServer.start(dir.resolve("postgres").resolve("data"), 0);
		this.kafka = KafkaServer.start(dir.resolve("kafka"), 0, 0);
		this.mail = MailCatcher.start(0);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers()),
				new StringSerializer(), new StringSerializer());
	}

	static TestServers start(Path dir, int partitions) {
		return new TestServers(dir, partitions);
	}

	/**
	 * The settings that point the service at these servers.
	 */
	Map<String, String> properties() {
		return Map.of("spring.datasource.url", this.postgres.jdbcUrl("onboarding"), "spring.kafka.bootstrap-servers",
				this.kafka.bootstrapServers(), "spring.mail.port", Integer.toString(this.mail.port()),
				"onboarding.topic", TOPIC);
	}

	void register(DynamicPropertyRegistry registry) {
		properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	void send(String key, String value) {
		try {
			this.producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	List<MimeMessage> mailsTo(String address) {
		return this.mail.messages().stream().filter((message) -> recipients(message).contains(address)).toList();
	}

	MimeMessage awaitMailTo(String address, String subjectPart) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> mailsTo(address).stream().filter((m) -> subject(m).contains(subjectPart)).toList(),
					(mails) -> !mails.isEmpty())
			.get(0);
	}

	List<String> subjectsTo(String address) {
		return new ArrayList<>(mailsTo(address).stream().map(TestServers::subject).toList());
	}

	static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> recipients(MimeMessage message) {
		try {
			Address[] recipients = message.getAllRecipients();
			return (recipients != null) ? Arrays.stream(recipients).map(Address::toString).toList() : List.of();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
		this.mail.close();
		this.kafka.close();
		this.postgres.close();
	}

}
