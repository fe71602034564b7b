package cdcdemo.onboarding.user;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import cdcdemo.testsupport.kafka.TopicReader;
import cdcdemo.testsupport.kafka.TopicWriter;
import cdcdemo.testsupport.servers.RealServersExtension;
import cdcdemo.testsupport.servers.RealServersExtension.Server;
import cdcdemo.testsupport.servers.StartedServers;

import static org.awaitility.Awaitility.await;

/**
 * The real servers a test class runs the service against (PostgreSQL, a Kafka broker, an
 * SMTP catcher: the class's own, from test-support's {@link RealServersExtension}, so
 * that its mailbox and topic hold only what it sent), with a writer of change events and
 * look-ups of the emails caught and of the records the topics hold. A JUnit extension:
 * registered on a static field, it makes the change-event topic before the class's
 * application starts, and at the end stops the application's listener and scheduler; the
 * servers stop after that, so that nothing in the application goes on using servers that
 * are gone.
 */
public final class TestServers implements BeforeAllCallback, AfterAllCallback {

	static final String TOPIC = "monolith.public.users";

	static final String REACTIONS_TOPIC = "platform.reactions";

	private final int partitions;

	private StartedServers servers;

	private TopicWriter writer;

	/**
	 * @param partitions the partitions of the change-event topic
	 */
	public TestServers(int partitions) {
		this.partitions = partitions;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.servers = RealServersExtension.start(context, false, Server.POSTGRES, Server.KAFKA, Server.SMTP);
		this.writer = TopicWriter.to(this.servers.kafka().bootstrapServers());
		this.writer.createTopic(TOPIC, this.partitions);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		ApplicationContext application = SpringExtension.getApplicationContext(context);
		application.getBean(KafkaListenerEndpointRegistry.class).stop();
		application.getBean("schedulerLifecycle", SmartLifecycle.class).stop();
		this.writer.close();
	}

	/**
	 * The settings that point the service at these servers.
	 */
	Map<String, String> properties() {
		return Map.of("spring.datasource.url", this.servers.postgres().jdbcUrl("onboarding"),
				"spring.kafka.bootstrap-servers", this.servers.kafka().bootstrapServers(), "spring.mail.port",
				Integer.toString(this.servers.smtp().port()), "onboarding.topic", TOPIC);
	}

	public void register(DynamicPropertyRegistry registry) {
		properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	void send(String key, String value) {
		this.writer.send(TOPIC, key, value);
	}

	/**
	 * @return every record of the change-event topic, partition after partition
	 */
	List<ConsumerRecord<String, String>> records() {
		return TopicReader.readAll(this.servers.kafka().bootstrapServers(), TOPIC);
	}

	/**
	 * @return every record of the reactions topic, partition after partition
	 */
	List<ConsumerRecord<String, String>> reactions() {
		return TopicReader.readAll(this.servers.kafka().bootstrapServers(), REACTIONS_TOPIC);
	}

	/**
	 * Sends many records at once, as a connector publishes a large transaction, and
	 * returns once all are written.
	 * @param records the keys and values, in order
	 */
	void sendAll(List<Map.Entry<String, String>> records) {
		this.writer.sendAll(records.stream()
			.map((record) -> new ProducerRecord<>(TOPIC, record.getKey(), record.getValue()))
			.toList());
	}

	/**
	 * Every message caught so far, in arrival order.
	 */
	List<MimeMessage> mails() {
		return this.servers.smtp().messages();
	}

	List<MimeMessage> mailsTo(String address) {
		return this.servers.smtp()
			.messages()
			.stream()
			.filter((message) -> recipients(message).contains(address))
			.toList();
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
