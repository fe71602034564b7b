package cdcdemo.bridge.alerts;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.TestPropertySource;

import cdcdemo.bridge.connector.BridgeApi;
import cdcdemo.bridge.connector.BridgeSystemTest;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.mail.ReceivedMail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alerts with real triggers, on real servers: the declared connector paused while
 * rows are written (its slot's retained WAL passes a 1 MiB threshold), a connector whose
 * slot is dropped behind its back (it fails), and a record on a dead letter topic. Each
 * transition arrives once in a real SMTP server ({@link MailCatcher}) and at a real
 * webhook ({@link WebhookReceiver}); a second webhook answers 500, which the history
 * shows without stopping the other channels or the checks.
 */
@TestPropertySource(properties = { "cdc.alerts.check-interval=1s", "cdc.alerts.retained-wal-over=1MB",
		"cdc.alerts.email.to=ops@localhost" })
@Import(AlertsSystemTests.Receivers.class)
class AlertsSystemTests extends BridgeSystemTest {

	private static final Pattern RETAINED = Pattern.compile("holds back ([0-9,]+) bytes of WAL \\(over 1,048,576\\)");

	@Autowired
	MailCatcher mail;

	@Autowired
	WebhookReceiver webhooks;

	@TestConfiguration(proxyBeanMethods = false)
	static class Receivers {

		@Bean(destroyMethod = "close")
		MailCatcher mailCatcher() {
			return MailCatcher.start(0);
		}

		@Bean(destroyMethod = "close")
		WebhookReceiver webhookReceiver() throws IOException {
			return WebhookReceiver.start();
		}

		@Bean
		DynamicPropertyRegistrar alertReceivers(MailCatcher mail, WebhookReceiver webhooks) {
			return (registry) -> {
				registry.add("spring.mail.port", mail::port);
				registry.add("cdc.alerts.webhooks", () -> webhooks.url("/hook") + "," + webhooks.url("/broken"));
			};
		}

	}

	@Test
	void aPausedConnectorUnderLoadAlertsOnItsRetainedWalAndResolvesOnceResumed() {
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(api.info("monolith").path("status").asString()).isEqualTo("available"));
		this.monolith.sql("create table alert_filler (id bigserial primary key, payload text not null)").update();
		api.call("POST", "/api/connectors/monolith/pause", null, 200);
		ReceivedMail fired;
		try {
			fired = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
				this.monolith
					.sql("insert into alert_filler (payload) select repeat('x', 200) from generate_series(1, 2000)")
					.update();
				return mail("FIRED retained-wal: monolith");
			}, (found) -> !found.isEmpty()).get(0);
		}
		finally {
			api.call("POST", "/api/connectors/monolith/resume", null, 200);
		}
		assertThat(fired.to()).isEqualTo("ops@localhost");
		Matcher retained = RETAINED.matcher(fired.text());
		assertThat(retained.find()).as("the retained size in %s", fired.text()).isTrue();
		assertThat(Long.parseLong(retained.group(1).replace(",", ""))).isGreaterThan(1 << 20);
		assertThat(fired.text()).contains("connector monolith's slot", "Rule: retained-wal", "State: fired");

		JsonNode hook = await().atMost(Duration.ofSeconds(30))
			.until(() -> hooks("retained-wal", "monolith", "fired"), (found) -> !found.isEmpty())
			.get(0);
		assertThat(hook.path("message").asString()).contains(retained.group(0));
		assertThat(hook.path("at").asString()).isNotBlank();
		assertThat(hook.has("delivery")).as("the webhook gets the transition, not its delivery").isFalse();

		JsonNode alerts = api.call("GET", "/api/alerts", null, 200);
		JsonNode entry = history(alerts, "retained-wal", "monolith", "fired");
		assertThat(entry.path("delivery").asString())
			.startsWith("failed: webhook 127.0.0.1:" + this.webhooks.port() + ": 500")
			.contains("(sent: email to ops@localhost, webhook 127.0.0.1:" + this.webhooks.port() + ")");

		ReceivedMail resolved = await().atMost(Duration.ofMinutes(2))
			.until(() -> mail("RESOLVED retained-wal: monolith"), (found) -> !found.isEmpty())
			.get(0);
		assertThat(resolved.text()).contains("connector monolith's slot holds back", "(threshold 1,048,576)");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(hooks("retained-wal", "monolith", "resolved")).hasSize(1));
		assertThat(mail("FIRED retained-wal: monolith")).as("told once, not at every check").hasSize(1);
		assertThat(hooks("retained-wal", "monolith", "fired")).hasSize(1);
		assertThat(api.call("GET", "/api/alerts", null, 200).path("firing").toString()).doesNotContain("retained-wal");
		this.monolith.sql("drop table alert_filler").update();
	}

	@Test
	void aConnectorThatFailsAlertsWithItsReasonAndResolvesWhenDestroyed() {
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		this.monolith.sql("create table ledgers (id bigint primary key, body text not null)").update();
		this.monolith.sql("create publication ledgers_publication for table ledgers").update();
		api.call("POST", "/api/connectors",
				Map.of("name", "ledgers", "source",
						Map.of("jdbcUrl", this.postgres.jdbcUrl("users"), "user", "cdc_bridge", "password",
								"cdc_bridge"),
						"tables", List.of("public.ledgers"), "publication", "ledgers_publication"),
				201);
		assertThat(api.call("GET", "/api/connectors/ledgers/wait?timeout=60s", null, 200).path("status").asString())
			.isEqualTo("available");
		// a DBA ends the connector's walsender and drops its slot: it fails for good
		JdbcClient dba = JdbcClient.create(this.postgres.dataSource("users"));
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
			dba.sql("select pg_terminate_backend(active_pid) from pg_replication_slots where slot_name = 'ledgers'"
					+ " and active")
				.query()
				.listOfRows();
			return !dba
				.sql("select pg_drop_replication_slot(slot_name) from pg_replication_slots"
						+ " where slot_name = 'ledgers' and not active")
				.query()
				.listOfRows()
				.isEmpty();
		});
		this.monolith.sql("insert into ledgers values (1, 'after the drop')").update();

		ReceivedMail failed = await().atMost(Duration.ofMinutes(2))
			.until(() -> mail("FIRED connector-failed: ledgers"), (found) -> !found.isEmpty())
			.get(0);
		// the first failure may be one the engine retries; the firing alert keeps the
		// latest reason
		assertThat(failed.text()).contains("connector ledgers failed (since ");
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(api.call("GET", "/api/alerts", null, 200).path("firing").toString())
				.contains("replication slot ledgers is gone"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(hooks("connector-failed", "ledgers", "fired")).hasSize(1));

		api.call("DELETE", "/api/connectors/ledgers", null, 200);
		ReceivedMail gone = await().atMost(Duration.ofSeconds(60))
			.until(() -> mail("RESOLVED connector-failed: ledgers"), (found) -> !found.isEmpty())
			.get(0);
		assertThat(gone.text()).contains("connector ledgers is gone");
		assertThat(mail("FIRED connector-failed: ledgers")).hasSize(1);
	}

	@Test
	void recordsOnADeadLetterTopicAlertAndResolveAtTheNextQuietCheck() throws Exception {
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		String topic = "monolith.public.users.DLT";
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.kafka.bootstrapServers()))) {
			if (!admin.listTopics().names().get().contains(topic)) {
				admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
			}
		}
		// a check after the topic's creation has seen it empty: the record is new to the
		// next one
		Instant created = Instant.now();
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> Instant.parse(api.call("GET", "/api/alerts", null, 200).path("lastCheck").asString())
				.isAfter(created.plusSeconds(1)));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", this.kafka.bootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "{\"id\":1}", "a change a consumer could not process")).get();
		}
		ReceivedMail fired = await().atMost(Duration.ofSeconds(60))
			.until(() -> mail("FIRED dead-letters: " + topic), (found) -> !found.isEmpty())
			.get(0);
		assertThat(fired.text()).contains(topic + " has new dead letters: its end offsets moved by 1");
		JsonNode hook = await().atMost(Duration.ofSeconds(30))
			.until(() -> hooks("dead-letters", "monolith", "fired"), (found) -> !found.isEmpty())
			.get(0);
		assertThat(hook.path("topic").asString()).isEqualTo(topic);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(mail("RESOLVED dead-letters: " + topic)).hasSize(1));
	}

	private List<ReceivedMail> mail(String subject) {
		return this.mail.received().stream().filter((m) -> m.subject().endsWith(subject)).toList();
	}

	private List<JsonNode> hooks(String rule, String connector, String state) {
		return this.webhooks.received()
			.stream()
			.filter((h) -> h.path("rule").asString().equals(rule) && h.path("connector").asString().equals(connector)
					&& h.path("state").asString().equals(state))
			.toList();
	}

	private static JsonNode history(JsonNode alerts, String rule, String connector, String state) {
		for (JsonNode entry : alerts.path("history")) {
			if (entry.path("rule").asString().equals(rule) && entry.path("connector").asString().equals(connector)
					&& entry.path("state").asString().equals(state)) {
				return entry;
			}
		}
		throw new AssertionError("no " + rule + " " + state + " for " + connector + " in " + alerts);
	}

}
