package cdcdemo.onboarding.user;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.mail.ReceivedMail;
import cdcdemo.platform.postgres.PostgresServer;
import cdcdemo.testsupport.kafka.TopicReader;
import cdcdemo.testsupport.servers.RealServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on real servers: change events go in through a Kafka broker, emails
 * come out at an SMTP catcher, and what the service remembers is looked up in its
 * PostgreSQL database. One application context serves every test; each test uses its own
 * user ids, and because the topic has one partition, an email for a later event proves
 * that every earlier event has been handled.
 */
@SpringBootTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@Tag("system")
@RealServers(postgres = true, kafka = true, smtp = true, shared = false)
class UserLifecycleEmailsTests {

	private static final String TOPIC = "monolith.public.users";

	private static final String DEAD_LETTER_TOPIC = TOPIC + ".DLT";

	static PostgresServer postgres;

	static KafkaServer kafka;

	static MailCatcher mail;

	static KafkaProducer<String, String> producer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	HealthEndpoint health;

	ChangeEvents events;

	@BeforeAll
	static void startServers(PostgresServer postgresServer, KafkaServer kafkaServer, MailCatcher mailCatcher) {
		postgres = postgresServer;
		kafka = kafkaServer;
		mail = mailCatcher;
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
				new StringSerializer(), new StringSerializer());
	}

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> postgres.jdbcUrl("onboarding"));
		registry.add("spring.kafka.bootstrap-servers", () -> kafka.bootstrapServers());
		registry.add("spring.mail.port", () -> mail.port());
		registry.add("onboarding.topic", () -> TOPIC);
	}

	@AfterAll
	static void stopServers(@Autowired KafkaListenerEndpointRegistry listeners,
			@Autowired @Qualifier("schedulerLifecycle") SmartLifecycle scheduler) {
		// the listener and the scheduler must let go of the servers before they go away
		// (the servers stop after the class's @AfterAll methods)
		listeners.stop();
		scheduler.stop();
		producer.close();
	}

	@BeforeEach
	void events() {
		this.events = new ChangeEvents(this.objectMapper);
	}

	@Test
	void welcomesACreatedUserOnceEvenWhenTheEventComesTwice() {
		send(101, this.events.created(101, "Ada", "Lovelace", "ada@example.com"));
		send(101, this.events.created(101, "Ada", "Lovelace", "ada@example.com"));
		send(102, this.events.created(102, "Charles", "Babbage", "charles@example.com"));

		// Charles's welcome proves both of Ada's events were handled; the scheduler's
		// threads may still send Ada's
		// welcome after his (emails due together go out in parallel), but nothing can
		// schedule a second one
		awaitMailTo("charles@example.com");
		awaitMailTo("ada@example.com");
		List<MimeMessage> toAda = mailsTo("ada@example.com");
		assertThat(toAda).hasSize(1);
		assertThat(subject(toAda.get(0))).startsWith("Welcome").contains("Ada");
		assertThat(text(toAda.get(0))).contains("Hi Ada");
		assertThat(ReceivedMail.textOf(toAda.get(0), "text/html")).contains("<strong>Welcome aboard!</strong>");
		assertThat(from(toAda.get(0))).isEqualTo("onboarding@example.com");
		assertThat(knownEmail(101)).contains("ada@example.com");
	}

	@Test
	void sendsNothingForASnapshotReadButAnExitSurveyOnDeleteThenForgetsTheUser() {
		send(201, this.events.snapshotRead(201, "Grace", "Hopper", "grace@example.com"));
		send(201, this.events.deleted(201));
		send(201, null);

		MimeMessage survey = awaitMailTo("grace@example.com");
		assertThat(mailsTo("grace@example.com")).hasSize(1);
		assertThat(subject(survey)).containsIgnoringCase("sorry to see you go").contains("Grace");
		assertThat(text(survey)).contains("Hi Grace").contains("why you left");
		await().untilAsserted(() -> assertThat(knownEmail(201)).isEmpty());
		assertThat(this.jdbc.sql("select kind, recipient from sent_email where user_id = 201")
			.query((rs, n) -> rs.getString("kind") + "=" + rs.getString("recipient"))
			.list()).containsExactly("exit-survey=null");
		assertThat(this.jdbc.sql("select step from journey_step where user_id = 201").query(String.class).list())
			.as("a user from the snapshot gets no onboarding journey")
			.containsExactly("exit-survey");
	}

	@Test
	void asksTheLatestAddressAfterAnUpdate() {
		send(301, this.events.created(301, "Alan", "Turing", "alan@old.example.com"));
		MimeMessage welcome = awaitMailTo("alan@old.example.com");
		send(301, this.events.updated(301, "Alan", "Turing", "alan@new.example.com"));
		send(301, this.events.deleted(301));

		MimeMessage survey = awaitMailTo("alan@new.example.com");
		assertThat(subject(survey)).containsIgnoringCase("sorry to see you go");
		assertThat(subject(welcome)).startsWith("Welcome");
		assertThat(mailsTo("alan@old.example.com")).hasSize(1);
		assertThat(mailsTo("alan@new.example.com")).hasSize(1);
	}

	@Test
	void sendsAMalformedValueToTheDeadLetterTopicAndGoesOn() {
		producer.send(new ProducerRecord<>(TOPIC, this.events.key(401), "this is not a change event"));
		send(402, this.events.created(402, "Hedy", "Lamarr", "hedy@example.com"));

		awaitMailTo("hedy@example.com");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(deadLetters()).extracting(ConsumerRecord::value)
				.contains("this is not a change event"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(this.jdbc.sql("select count(*) from dead_letter").query(Long.class).single())
						.isPositive());
	}

	@Test
	void ignoresTombstones() {
		send(501, null);
		send(502, this.events.created(502, "Katherine", "Johnson", "katherine@example.com"));

		awaitMailTo("katherine@example.com");
		assertThat(deadLetters()).extracting(ConsumerRecord::key).doesNotContain(this.events.key(501));
	}

	@Test
	void retriesWhileTheMailServerIsDownAndStaysHealthy(CapturedOutput output) {
		mail.stop();
		try {
			send(601, this.events.created(601, "Margaret", "Hamilton", "margaret@example.com"));
			await().atMost(Duration.ofSeconds(60))
				.until(() -> this.jdbc.sql("select attempts from journey_step where user_id = 601 and step = 'welcome'")
					.query(Integer.class)
					.optional()
					.orElse(0) >= 2);
			assertThat(output.getOut()).contains("Sending step welcome to user 601 failed");
			assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
		}
		finally {
			mail.start();
		}
		awaitMailTo("margaret@example.com");
		assertThat(mailsTo("margaret@example.com")).hasSize(1);
	}

	private void send(long id, String value) {
		try {
			producer.send(new ProducerRecord<>(TOPIC, this.events.key(id), value)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Optional<String> knownEmail(long id) {
		return this.jdbc.sql("select email from known_user where user_id = ?").param(id).query(String.class).optional();
	}

	private static MimeMessage awaitMailTo(String address) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(address), (mails) -> !mails.isEmpty()).get(0);
	}

	private static List<MimeMessage> mailsTo(String address) {
		return mail.messages().stream().filter((message) -> recipients(message).contains(address)).toList();
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

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String from(MimeMessage message) {
		try {
			return message.getFrom()[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(MimeMessage message) {
		return ReceivedMail.textOf(message, "text/plain");
	}

	/**
	 * Everything on the dead-letter topic so far, read from the start to the current end.
	 */
	private static List<ConsumerRecord<String, String>> deadLetters() {
		return TopicReader.readAll(kafka.bootstrapServers(), DEAD_LETTER_TOPIC);
	}

}
