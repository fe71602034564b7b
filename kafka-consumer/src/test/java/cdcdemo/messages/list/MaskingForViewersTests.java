package cdcdemo.messages.list;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.testsupport.HeadlessChromium;
import cdcdemo.testsupport.TestLogins;
import cdcdemo.testsupport.TestLogins.Login;
import cdcdemo.testsupport.kafka.TopicWriter;
import cdcdemo.testsupport.servers.RealServers;
import cdcdemo.testsupport.servers.RealServersExtension;
import static cdcdemo.messages.list.ChangeEventRecords.event;
import static cdcdemo.messages.list.ChangeEventRecords.key;
import static cdcdemo.messages.list.ChangeEventRecords.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The masked fields on a real broker, over every path a record's data leaves the server
 * by: a viewer's (and an operator's) page, API answers, exports, history, whole values,
 * dead letters and live stream hold no clear email at all, and searching for one finds
 * nothing; an admin's hold them all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "messages.topics=monolith.public.users", "messages.discovery-interval=200ms" })
@Tag("system")
@RealServers(kafka = true, shared = false)
class MaskingForViewersTests {

	private static final String USERS = "monolith.public.users";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String ALICE = "alice@example.com";

	private static final String ALICE_NEW = "alice@wonderland.org";

	private static final String BOB = "bob@example.com";

	private static final String CAROL = "carol@example.com";

	private static final String DAVE = "dave@example.com";

	private static final String CAROL_KEY = "{\"payload\":{\"email\":\"" + CAROL + "\"}}";

	private static final List<String> CLEAR = List.of(ALICE, ALICE_NEW, BOB, CAROL, DAVE);

	static TopicWriter kafka;

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	/**
	 * Alice created and her email changed (offsets 0, 1); Bob with his email in a jsonb
	 * column and none in the email column (2); Carol keyed by her email (3); a dead
	 * letter whose value, header and exception message hold Dave's.
	 */
	@BeforeAll
	static void startKafkaWithRecords() {
		kafka = TopicWriter.to(RealServersExtension.kafka().bootstrapServers());
		kafka.createTopics(USERS, USERS + ".DLT");
		kafka.send(USERS, key(1), event("c", "null", row(1, "Alice", ALICE)));
		kafka.send(USERS, key(1), event("u", row(1, "Alice", ALICE), row(1, "Alice", ALICE_NEW)));
		kafka.send(USERS, key(2),
				event("c", "null", "{\"id\":2,\"first_name\":\"Bob\",\"email\":null,\"profile\":\"{\\\"email\\\":\\\""
						+ BOB + "\\\"}\"}"));
		kafka.send(USERS, CAROL_KEY, event("c", "null", row(3, "Carol", CAROL)));
		kafka.send(USERS + ".DLT", key(4), event("c", "null", row(4, "Dave", DAVE)),
				Map.of("kafka_dlt-exception-message", "no account for " + DAVE, "kafka_dlt-original-topic", USERS,
						"email", DAVE));
	}

	@AfterAll
	static void stopKafka() {
		if (kafka != null) {
			kafka.close();
		}
	}

	@DynamicPropertySource
	static void kafkaProperties(DynamicPropertyRegistry registry) {
		registry.add("messages.bootstrap-servers", () -> kafka.bootstrapServers());
	}

	@Test
	void sendsAViewerAndAnOperatorNoClearMaskedValueOnAnyPath() throws Exception {
		awaitTheLiveList();
		for (Login login : List.of(TestLogins.VIEWER, TestLogins.OPERATOR)) {
			for (String path : paths()) {
				String body = get(login, path);
				assertThat(body).as("%s GET %s", login.user(), path).doesNotContain(CLEAR).contains("masked:");
			}
		}
	}

	@Test
	void sendsAnAdminEveryValueInClear() throws Exception {
		awaitTheLiveList();
		for (String path : paths()) {
			assertThat(get(TestLogins.ADMIN, path)).as("GET %s", path).containsAnyOf(CLEAR.toArray(String[]::new));
		}
		assertThat(get(TestLogins.ADMIN, "/api/export?topic=" + USERS)).contains(ALICE, ALICE_NEW, BOB, CAROL);
		assertThat(get(TestLogins.ADMIN, "/api/dead-letters?topic=" + USERS)).contains(DAVE, "no account for");
	}

	@Test
	void findsNothingForAViewerWhoSearchesForAMaskedValue() throws Exception {
		awaitTheLiveList();

		assertThat(this.json.readTree(get(TestLogins.VIEWER, "/api/messages?text=" + encode(ALICE)))).isEmpty();
		assertThat(offsets(get(TestLogins.VIEWER, "/api/messages?topic=" + USERS + "&partition=0&text=alice@")))
			.isEmpty();
		assertThat(get(TestLogins.VIEWER, "/api/export?topic=" + USERS + "&text=" + encode(ALICE))).isEmpty();
		assertThat(this.json.readTree(get(TestLogins.VIEWER, "/api/messages?key=" + encode(CAROL)))).isEmpty();
		assertThat(offsets(get(TestLogins.ADMIN, "/api/messages?topic=" + USERS + "&partition=0&text=alice@")))
			.containsExactly(1L, 0L);
		assertThat(offsets(get(TestLogins.VIEWER, "/api/messages?topic=" + USERS + "&partition=0&text=Alice")))
			.as("the first name is not masked")
			.containsExactly(1L, 0L);
	}

	@Test
	void showsAViewerThatAnUpdateChangedAnEmailAndFollowsAKeyThatHoldsOne() throws Exception {
		JsonNode alice = this.json
			.readTree(get(TestLogins.VIEWER, "/api/history?topic=" + USERS + "&key=" + encode(key(1))));
		JsonNode email = alice.at("/events/1/columns/3");
		assertThat(email.get("name").asString()).isEqualTo("email");
		assertThat(email.get("changed").asBoolean()).isTrue();
		assertThat(email.get("before").asString()).startsWith("masked:").isNotEqualTo(email.get("after").asString());

		String shownKey = await().atMost(TIMEOUT)
			.until(() -> this.json.readTree(get(TestLogins.VIEWER, "/api/messages?table=users&text=Carol")),
					(found) -> found.size() == 1)
			.get(0)
			.get("key")
			.asString();
		assertThat(shownKey).doesNotContain(CAROL).contains("masked:");
		JsonNode carol = this.json
			.readTree(get(TestLogins.VIEWER, "/api/history?topic=" + USERS + "&key=" + encode(shownKey)));
		assertThat(carol.get("events")).hasSize(1);
		JsonNode guessed = this.json
			.readTree(get(TestLogins.VIEWER, "/api/history?topic=" + USERS + "&key=" + encode(CAROL_KEY)));
		assertThat(guessed.get("events")).as("a guessed clear key finds nothing").isEmpty();
	}

	@Test
	void streamsEachSubscriberTheRecordAsItsRoleSeesIt() throws Exception {
		awaitTheLiveList();
		List<String> viewer = new CopyOnWriteArrayList<>();
		List<String> admin = new CopyOnWriteArrayList<>();
		try (Stream<String> viewerStream = stream(TestLogins.VIEWER, viewer);
				Stream<String> adminStream = stream(TestLogins.ADMIN, admin)) {
			kafka.send(USERS, key(5), event("c", "null", row(5, "Erin", "erin@example.com")));

			await().atMost(TIMEOUT).until(() -> erin(viewer) != null && erin(admin) != null);
			assertThat(erin(viewer)).doesNotContain("erin@example.com").contains("masked:");
			assertThat(erin(admin)).contains("erin@example.com");
		}
	}

	@Test
	void showsAViewerTheMarkersAndNoRevealButtonInTheBrowser() {
		WebDriver browser = HeadlessChromium.start();
		try {
			TestLogins.VIEWER.logIn(browser, "http://127.0.0.1:" + this.port);
			browser.get("http://127.0.0.1:" + this.port + "/");
			await().atMost(TIMEOUT)
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(browser
					.findElement(By.cssSelector("#events li.event[data-offset='0'] tr[data-column='email'] td.after"))
					.getText()).startsWith("masked:"));
			assertThat(browser.findElements(By.id("reveal"))).isEmpty();
			assertThat(
					browser.findElement(By.cssSelector("tr[data-column='email'] td.after span")).getCssValue("filter"))
				.isEqualTo("none");
			assertThat(browser.getPageSource()).doesNotContain(CLEAR);
		}
		finally {
			browser.quit();
		}
	}

	private List<String> paths() {
		return List.of("/", "/api/messages", "/api/messages?topic=" + USERS + "&partition=0",
				"/api/seek?topic=" + USERS + "&seek=oldest", "/?topic=" + USERS + "&seek=oldest",
				"/api/export?topic=" + USERS, "/api/export?topic=" + USERS + "&format=csv",
				"/api/history?topic=" + USERS + "&key=" + encode(key(1)),
				"/api/value?topic=" + USERS + "&partition=0&offset=1", "/dead-letters?topic=" + USERS,
				"/api/dead-letters?topic=" + USERS);
	}

	private void awaitTheLiveList() {
		await().atMost(TIMEOUT).until(() -> this.json.readTree(get(TestLogins.ADMIN, "/api/messages")).size() >= 4);
	}

	private static String erin(List<String> lines) {
		return lines.stream().filter((line) -> line.contains("Erin")).findFirst().orElse(null);
	}

	/**
	 * Opens {@code /stream} and collects its lines on another thread until the returned
	 * stream is closed.
	 */
	private Stream<String> stream(Login login, List<String> lines) throws IOException, InterruptedException {
		HttpResponse<Stream<String>> response = client(login).send(request("/stream"), BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		Stream<String> body = response.body();
		Thread reader = new Thread(() -> {
			try {
				body.forEach(lines::add);
			}
			catch (RuntimeException ex) {
				// closed by the test
			}
		}, "stream-" + login.user());
		reader.setDaemon(true);
		reader.start();
		return body;
	}

	private List<Long> offsets(String page) {
		return this.json.readTree(page).get("messages").valueStream().map((m) -> m.get("offset").asLong()).toList();
	}

	private String get(Login login, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = client(login).send(request(path), BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s GET %s", login.user(), path).isEqualTo(200);
		return response.body();
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build();
	}

	private static HttpClient client(Login login) {
		return HttpClient.newBuilder().authenticator(login.authenticator()).build();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
