package cdcdemo.onboarding.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.util.FileSystemUtils;

import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.postgres.PostgresServer;

import static org.awaitility.Awaitility.await;

/**
 * The real servers a test class runs the service against (PostgreSQL, a Kafka broker, an
 * SMTP catcher), with a producer for change events and look-ups of the emails caught. A
 * JUnit extension: registered on a static field, it starts the servers before the class's
 * application starts, and at the end stops the application's listener and scheduler
 * before the servers, so that nothing in the application goes on using servers that are
 * gone.
 */
final class TestServers implements BeforeAllCallback, AfterAllCallback {

	static final String TOPIC = "monolith.public.users";

	private final int partitions;

	private Path dir;

	private PostgresServer postgres;

	private KafkaServer kafka;

	private MailCatcher mail;

	private KafkaProducer<String, String> producer;

	/**
	 * @param partitions the partitions of the change-event topic
	 */
	TestServers(int partitions) {
		this.partitions = partitions;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		Exit.setHaltProcedure((code, message) -> {
			throw new IllegalStateException(message);
		});
		this.dir = Files.createTempDirectory("onboarding-tests");
		this.postgres = PostgresServer.start(this.dir.resolve("postgres").resolve("data"), 0);
		this.kafka = KafkaServer.start(this.dir.resolve("kafka"), 0, 0);
		this.mail = MailCatcher.start(0);
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, this.partitions, (short) 1))).all().get();
		}
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers()), new StringSerializer(),
				new StringSerializer());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		ApplicationContext application = SpringExtension.getApplicationContext(context);
		application.getBean(KafkaListenerEndpointRegistry.class).stop();
		application.getBean("schedulerLifecycle", SmartLifecycle.class).stop();
		this.producer.close();
		this.mail.close();
		this.kafka.close();
		this.postgres.close();
		try {
			FileSystemUtils.deleteRecursively(this.dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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

	/**
	 * Sends many records at once, as a connector publishes a large transaction, and
	 * returns once all are written.
	 * @param records the keys and values, in order
	 */
	void sendAll(List<Map.Entry<String, String>> records) {
		records
			.forEach((record) -> this.producer.send(new ProducerRecord<>(TOPIC, record.getKey(), record.getValue())));
		this.producer.flush();
	}

	/**
	 * Every message caught so far, in arrival order.
	 */
	List<MimeMessage> mails() {
		return this.mail.messages();
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

	static Instant received(MimeMessage message) {
		try {
			return message.getReceivedDate().toInstant();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
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

}
