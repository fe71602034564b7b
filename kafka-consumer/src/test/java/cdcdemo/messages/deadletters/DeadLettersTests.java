package cdcdemo.messages.deadletters;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cdcdemo.platform.kafka.KafkaServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.HeadlessChromium;
import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.servers.RealServers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters on a real broker, written by Spring Kafka's own
 * {@link DeadLetterPublishingRecoverer} as onboarding-service writes them: shown with the
 * exception headers, republished once to the original topic (where a consumer then
 * handles the record) by an operator but not by a viewer, refused with 409 and the reason
 * the second time, and refused without the form's CSRF token. Over HTTP and in headless
 * Chromium.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=monolith.public.users", "messages.discovery-interval=200ms" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class DeadLettersTests {

	private static final String USERS = "monolith.public.users";

	private static final String DLT = USERS + ".DLT";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	static KafkaServer kafka;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private final HttpClient http = client(TestLogins.ADMIN);

	/**
	 * Three records on the users topic; the consumer gives up on two poison ones (offsets
	 * 1 and 2), which land on the DLT at offsets 0 and 1.
	 */
	@BeforeAll
	static void startKafkaWithDeadLetters(KafkaServer server) throws Exception {
		kafka = server;
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(USERS, 1, (short) 1), new NewTopic(DLT, 1, (short) 1))).all().get();
		}
		DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
		KafkaTemplate<Object, Object> template = new KafkaTemplate<>(factory);
		template.send(USERS, "{\"id\":1}", "{\"fine\":true}").get();
		template.send(USERS, "{\"id\":2}", "{\"poison\":\"<script>alert(1)</script>\"}").get();
		template.send(USERS, "{\"id\":3}", "{\"poison\":3}").get();
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(record.topic() + ".DLT", -1));
		try (KafkaConsumer<String, String> consumer = consumer()) {
			consumer.assign(List.of(new TopicPartition(USERS, 0)));
			consumer.seek(new TopicPartition(USERS, 0), 1);
			List<ConsumerRecord<String, String>> poison = new ArrayList<>();
			while (poison.size() < 2) {
				consumer.poll(Duration.ofMillis(200)).forEach(poison::add);
			}
			for (ConsumerRecord<String, String> record : poison) {
				recoverer.accept(record,
						new IllegalArgumentException("no email in event at offset " + record.offset()));
			}
		}
		factory.destroy();
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("messages.bootstrap-servers", () -> kafka.bootstrapServers());
	}

	@Test
	void showsEachDeadLetterWithTheExceptionHeadersAndItsOriginalPosition() throws Exception {
		JsonNode letters = object("/api/dead-letters?topic=" + USERS);

		assertThat(letters.valueStream().map((d) -> d.get("originalOffset").asLong())).contains(1L, 2L);
		JsonNode first = letters.valueStream().filter((d) -> d.get("offset").asLong() == 0).findFirst().orElseThrow();
		assertThat(first.get("exceptionClass").asString()).isEqualTo("java.lang.IllegalArgumentException");
		assertThat(first.get("exceptionMessage").asString()).contains("no email in event at offset 1");
		assertThat(first.get("originalTopic").asString()).isEqualTo(USERS);
		assertThat(first.get("originalPartition").asLong()).isZero();
		assertThat(first.get("originalOffset").asLong()).isEqualTo(1);
		assertThat(first.get("key").asString()).isEqualTo("{\"id\":2}");
		assertThat(get("/api/dead-letters?topic=no.such.topic").statusCode()).isEqualTo(404);
		assertThat(get("/api/dead-letters?topic=" + DLT).statusCode()).isEqualTo(400);
	}

	@Test
	void republishesADeadLetterOnceSoThatItIsHandledAndRefusesASecondTimeWithTheReason() throws Exception {
		try (KafkaConsumer<String, String> handler = consumer()) {
			TopicPartition users = new TopicPartition(USERS, 0);
			handler.assign(List.of(users));
			handler.seekToEnd(List.of(users));
			handler.position(users);

			HttpResponse<String> refused = post(client(TestLogins.VIEWER),
					Map.of("topic", USERS, "partition", "0", "offset", "1"), true);
			assertThat(refused.statusCode()).as("a viewer's republish").isEqualTo(403);
			assertThat(republishedOffset(1)).isNull();

			HttpClient operator = client(TestLogins.OPERATOR);
			HttpResponse<String> republished = post(operator, Map.of("topic", USERS, "partition", "0", "offset", "1"),
					true);
			assertThat(republished.statusCode()).isEqualTo(302);
			String page = get(operator, republished.headers().firstValue("Location").orElseThrow()).body();
			assertThat(page).contains("Republished " + DLT + "/0/1 to " + USERS + "/0/3");

			ConsumerRecord<String, String> handled = await().atMost(TIMEOUT).until(() -> {
				for (ConsumerRecord<String, String> record : handler.poll(Duration.ofMillis(200))) {
					return record;
				}
				return null;
			}, (record) -> record != null);
			assertThat(handled.key()).isEqualTo("{\"id\":3}");
			assertThat(handled.value()).isEqualTo("{\"poison\":3}");
			assertThat(new String(handled.headers().lastHeader("message-list-redriven-from").value(),
					StandardCharsets.UTF_8))
				.isEqualTo(DLT + "/0/1");
			assertThat(handled.headers().lastHeader("kafka_dlt-exception-fqcn")).isNull();
		}

		HttpResponse<String> again = post(Map.of("topic", USERS, "partition", "0", "offset", "1"), true);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("was already republished at").contains("to " + USERS + "/0/3");
		assertThat(republishedOffset(1)).isEqualTo(3);
		assertThat(post(Map.of("topic", USERS, "partition", "0", "offset", "9"), true).statusCode()).isEqualTo(404);
	}

	@Test
	void refusesARepublishWithoutTheFormsCsrfToken() throws Exception {
		assertThat(post(Map.of("topic", USERS, "partition", "0", "offset", "0"), false).statusCode()).isEqualTo(403);
		assertThat(republishedOffset(0)).isNull();
	}

	@Test
	void showsDeadLettersInTheBrowserAndRepublishesOneWithTheButton() {
		WebDriver browser = HeadlessChromium.start();
		try {
			TestLogins.ADMIN.logIn(browser, "http://127.0.0.1:" + this.port);
			browser.get("http://127.0.0.1:" + this.port + "/dead-letters?topic=" + USERS);
			WebElement letter = browser.findElement(By.cssSelector(".dead-letter[data-offset='0']"));
			assertThat(letter.findElement(By.cssSelector(".exception-class")).getText())
				.isEqualTo("java.lang.IllegalArgumentException");
			assertThat(letter.findElement(By.cssSelector(".exception-message")).getText())
				.contains("no email in event at offset 1");
			assertThat(letter.findElement(By.cssSelector(".original")).getText())
				.isEqualTo("from " + USERS + " partition 0 offset 1");
			letter.findElement(By.cssSelector("details.value > summary")).click();
			assertThat(letter.findElement(By.cssSelector("pre.raw")).getText()).contains("<script>alert(1)</script>");

			letter.findElement(By.cssSelector("form.republish button")).click();
			await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
				assertThat(browser.findElement(By.id("republished")).getText())
					.startsWith("Republished " + DLT + "/0/0 to " + USERS + "/0/");
				WebElement done = browser.findElement(By.cssSelector(".dead-letter[data-offset='0']"));
				assertThat(done.findElement(By.cssSelector(".redriven")).getText()).startsWith("republished at");
				assertThat(done.findElements(By.cssSelector("form.republish"))).isEmpty();
			});
		}
		finally {
			browser.quit();
		}
	}

	private static KafkaConsumer<String, String> consumer() {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
				new StringDeserializer(), new StringDeserializer());
	}

	/**
	 * @param login who logs in, with HTTP Basic
	 * @return a client that keeps the session cookie, and with it the form's CSRF token
	 */
	private static HttpClient client(TestLogins.Login login) {
		return HttpClient.newBuilder().cookieHandler(new CookieManager()).authenticator(login.authenticator()).build();
	}

	/**
	 * @param offset a dead letter's offset
	 * @return the offset it was republished at, or {@code null}
	 */
	private Long republishedOffset(long offset) throws IOException, InterruptedException {
		JsonNode redriven = object("/api/dead-letters?topic=" + USERS).valueStream()
			.filter((d) -> d.get("offset").asLong() == offset)
			.findFirst()
			.orElseThrow()
			.get("redriven");
		return redriven.isNull() ? null : redriven.get("offset").asLong();
	}

	private HttpResponse<String> post(Map<String, String> form, boolean withToken)
			throws IOException, InterruptedException {
		return post(this.http, form, withToken);
	}

	private HttpResponse<String> post(HttpClient client, Map<String, String> form, boolean withToken)
			throws IOException, InterruptedException {
		StringBuilder body = new StringBuilder();
		form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
			.append(name)
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		if (withToken) {
			Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
				.matcher(get(client, "/dead-letters?topic=" + USERS).body());
			assertThat(token.find()).as("the form's CSRF token").isTrue();
			body.append("&_csrf=").append(URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
		}
		return client.send(HttpRequest.newBuilder(uri("/dead-letters/republish"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build(), BodyHandlers.ofString());
	}

	private JsonNode object(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(this.http, path);
	}

	private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri(path)).build(), BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return path.startsWith("http") ? URI.create(path) : URI.create("http://127.0.0.1:" + this.port + path);
	}

}
