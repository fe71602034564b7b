package cdcdemo.e2e;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.simple.JdbcClient;

import cdcdemo.platform.apps.PlatformApps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's security promises, checked on the running platform. A user's password is
 * stored as a bcrypt hash and neither it nor its hash leaves the users table: not over
 * the replication connection (a probe slot on the bridge's publication receives exactly
 * what the bridge is sent), not in any Kafka record of any topic, not on any page or API
 * of any service, not in any app's log. Every state-changing form refuses a post without
 * its CSRF token, and the bridge's JSON API refuses the bare POST a foreign page could
 * forge.
 */
@ExtendWith(PlatformParameterResolver.class)
@Tag("system")
class SecurityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String PROBE_SLOT = "security_probe";

	/**
	 * Plain requests, with no CSRF token added, logged in as admin where an app asks;
	 * absolute URLs, as the checks visit every app.
	 */
	private UsersAppClient http;

	@BeforeEach
	void logIn(RunningPlatform platform) {
		this.http = new UsersAppClient("", platform.adminPassword());
	}

	@Test
	void aPasswordNeverLeavesTheUsersTable(RunningPlatform platform) throws Exception {
		String email = "secret-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String password = "pw-" + UUID.randomUUID();
		JdbcClient users = JdbcClient.create(platform.superuserDataSource("users"));
		users.sql("select pg_create_logical_replication_slot(?, 'pgoutput')").param(PROBE_SLOT).query().singleRow();
		try {
			assertThat(
					new UsersAppClient(platform.url("users-app"))
						.submit("/users/new", "#user-form",
								Map.of("firstName", "Grace", "lastName", "Hopper", "email", email, "password",
										password))
						.statusCode())
				.isEqualTo(302);
			String hash = users.sql("select password from users where email = ?")
				.param(email)
				.query(String.class)
				.single();
			assertThat(hash).as("bcrypt at cost 10").startsWith("$2a$10$").hasSize(60).doesNotContain(password);
			List<String> secrets = List.of(password, hash, platform.adminPassword());

			byte[] replicated = replicatedSinceProbe(users);
			assertThat(new String(replicated, StandardCharsets.UTF_8)).as("what the publication sends")
				.contains(email)
				.doesNotContain(hash);

			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(platform.mailTo(email)).as("the event went all the way").isNotEmpty());
			await().atMost(TIMEOUT)
				.untilAsserted(
						() -> assertThat(get(platform.url("kafka-consumer") + "/api/messages").body()).contains(email));

			Map<String, String> records = everyRecordOfEveryTopic(platform);
			assertThat(records).as("topics read").containsKey(PlatformApps.USERS_TOPIC);
			assertThat(records.get(PlatformApps.USERS_TOPIC)).contains(email);
			records.forEach((topic, text) -> assertThat(text).as("records of %s", topic).doesNotContain(secrets));

			long id = users.sql("select id from users where email = ?").param(email).query(Long.class).single();
			Map<String, String> pages = everyPage(platform, email, id);
			assertThat(pages.get(platform.url("users-app") + "/users?q=" + email)).contains(email);
			pages.forEach((url, body) -> assertThat(body).as(url).doesNotContain(secrets));

			for (String module : platform.modules()) {
				String log = Files.readString(platform.logOf(module).orElseThrow());
				assertThat(log).as("log of %s", module).isNotEmpty().doesNotContain(secrets);
			}
		}
		finally {
			users.sql("select pg_drop_replication_slot(?)").param(PROBE_SLOT).query().singleRow();
		}
	}

	@Test
	void everyStateChangingFormRefusesAPostWithoutItsToken(RunningPlatform platform) {
		String usersApp = platform.url("users-app");
		assertThat(postForm(usersApp + "/users", "firstName=Eve&lastName=Forger&email=eve%40example.com&password=x")
			.statusCode()).isEqualTo(403);
		assertThat(postForm(usersApp + "/users/1/delete", "").statusCode()).isEqualTo(403);
		assertThat(postForm(usersApp + "/users/1/edit", "firstName=Eve&lastName=Forger&email=eve%40example.com")
			.statusCode()).isEqualTo(403);
		assertThat(get(usersApp + "/users?q=eve@example.com").body()).doesNotContain("data-email=\"eve@example.com\"");
		assertThat(get(usersApp + "/users?q=ada@example.com").body()).as("not deleted")
			.contains("data-email=\"ada@example.com\"");

		String bridge = platform.url("cdc-bridge");
		for (String action : List.of("pause", "resume", "destroy")) {
			assertThat(postForm(bridge + "/connectors/monolith/" + action, "").statusCode()).as(action).isEqualTo(403);
		}
		assertThat(postForm(bridge + "/connectors/monolith/snapshot", "table=public.users").statusCode())
			.isEqualTo(403);
		HttpResponse<String> forged = this.http
			.send(HttpRequest.newBuilder(URI.create(bridge + "/api/connectors/monolith/pause"))
				.header("Content-Type", "text/plain")
				.POST(HttpRequest.BodyPublishers.noBody())
				.build());
		assertThat(forged.statusCode()).as("a bare POST to the bridge's API").isEqualTo(403);
		assertThat(forged.body()).contains("Content-Type: application/json");
		assertThat(get(bridge + "/api/connectors/monolith").body()).contains("\"status\":\"available\"");

		assertThat(postForm(platform.url("onboarding-service") + "/survey/AAAAAAAAAAAAAAAAAAAAAA", "reason=SWITCHED")
			.statusCode()).isEqualTo(403);
	}

	@Test
	void everyAdminSurfaceAsksForALogin(RunningPlatform platform) throws Exception {
		UsersAppClient anonymous = new UsersAppClient("");
		for (String api : List.of(platform.url("cdc-bridge") + "/api/connectors",
				platform.url("kafka-consumer") + "/api/messages")) {
			HttpResponse<String> refused = anonymous.send(HttpRequest.newBuilder(URI.create(api)).build());
			assertThat(refused.statusCode()).as(api).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate")).as(api)
				.hasValue("Basic realm=\"cdc-platform\"");
			assertThat(refused.body()).as(api).contains("Login required").doesNotContain("monolith.public.users");
		}
		for (String page : List.of(platform.url("cdc-bridge") + "/", platform.url("kafka-consumer") + "/",
				platform.url("onboarding-service") + "/", platform.url("onboarding-service") + "/surveys")) {
			HttpResponse<String> redirected = anonymous
				.send(HttpRequest.newBuilder(URI.create(page)).header("Accept", "text/html").build());
			assertThat(redirected.statusCode()).as(page).isEqualTo(302);
			assertThat(redirected.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/login");
		}
		assertThat(anonymous
			.send(HttpRequest.newBuilder(URI.create(platform.url("domain-stats") + "/api/domains")).build())
			.statusCode()).as("domain-stats stays public").isEqualTo(200);
		HttpResponse<String> wrong = anonymous
			.send(HttpRequest.newBuilder(URI.create(platform.url("cdc-bridge") + "/api/connectors"))
				.header("Authorization",
						"Basic " + java.util.Base64.getEncoder().encodeToString("admin:wrong".getBytes()))
				.build());
		assertThat(wrong.statusCode()).as("a wrong password").isEqualTo(401);

		// the login form: the session cookie it sets is the app's own, HttpOnly and
		// SameSite
		UsersAppClient browser = new UsersAppClient(platform.url("cdc-bridge"));
		String token = browser.get("/login").selectFirst("input[name=_csrf]").val();
		HttpResponse<String> loggedIn = browser
			.send(HttpRequest.newBuilder(URI.create(platform.url("cdc-bridge") + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("_csrf="
						+ java.net.URLEncoder.encode(token, StandardCharsets.UTF_8) + "&username=admin&password="
						+ java.net.URLEncoder.encode(platform.adminPassword(), StandardCharsets.UTF_8)))
				.build());
		assertThat(loggedIn.statusCode()).isEqualTo(302);
		assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		assertThat(loggedIn.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("BRIDGE_SESSION=")
				.containsIgnoringCase("HttpOnly")
				.containsIgnoringCase("SameSite=Lax"));
		assertThat(browser.body("/")).contains("admin (admin)", "Log out");
	}

	private byte[] replicatedSinceProbe(JdbcClient users) {
		ByteArrayOutputStream changes = new ByteArrayOutputStream();
		users.sql("""
				select data from pg_logical_slot_get_binary_changes(?, null, null,
				    'proto_version', '1', 'publication_names', 'monolith_publication')""")
			.param(PROBE_SLOT)
			.query((rs, n) -> rs.getBytes("data"))
			.list()
			.forEach(changes::writeBytes);
		return changes.toByteArray();
	}

	/**
	 * Read uncommitted on purpose: records of aborted and unfinished transactions are on
	 * the broker's disk too, and must hold no password either.
	 */
	private Map<String, String> everyRecordOfEveryTopic(RunningPlatform platform) throws Exception {
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				platform.kafkaBootstrapServers(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				ByteArrayDeserializer.class);
		List<TopicPartition> partitions = new ArrayList<>();
		try (Admin admin = Admin.create(config)) {
			var topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
			admin.describeTopics(topics)
				.allTopicNames()
				.get()
				.forEach((name, description) -> description.partitions()
					.forEach((partition) -> partitions.add(new TopicPartition(name, partition.partition()))));
		}
		Map<String, StringBuilder> text = new HashMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					StringBuilder topic = text.computeIfAbsent(record.topic(), (name) -> new StringBuilder());
					for (byte[] bytes : new byte[][] { record.key(), record.value() }) {
						topic.append(bytes != null ? new String(bytes, StandardCharsets.UTF_8) : "").append('\n');
					}
					record.headers()
						.forEach((header) -> topic.append(new String(header.value(), StandardCharsets.UTF_8)));
				}
			}
		}
		Map<String, String> result = new HashMap<>();
		text.forEach((topic, records) -> result.put(topic, records.toString()));
		return result;
	}

	private Map<String, String> everyPage(RunningPlatform platform, String email, long id) {
		String usersApp = platform.url("users-app");
		String consumer = platform.url("kafka-consumer");
		String onboarding = platform.url("onboarding-service");
		String bridge = platform.url("cdc-bridge");
		List<String> urls = List.of(usersApp + "/users", usersApp + "/users?q=" + email,
				usersApp + "/users/" + id + "/edit", usersApp + "/users/" + id + "/delete", consumer + "/",
				consumer + "/api/messages", consumer + "/api/topics", onboarding + "/", onboarding + "/surveys",
				bridge + "/", bridge + "/topics", bridge + "/api/connectors", bridge + "/api/topics",
				platform.mailPageUrl() + "/", platform.mailPageUrl() + "/api/messages");
		Map<String, String> pages = new HashMap<>();
		for (String url : urls) {
			HttpResponse<String> response = get(url);
			assertThat(response.statusCode()).as(url).isEqualTo(200);
			pages.put(url, response.body());
		}
		return pages;
	}

	private HttpResponse<String> get(String url) {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).GET().build());
	}

	private HttpResponse<String> postForm(String url, String body) {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

}
