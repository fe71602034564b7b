package cdcdemo.onboarding.user;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cdcdemo.onboarding.system.Replica;
import cdcdemo.testsupport.TestLogins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change-event topic of three partitions read by three consumers of one replica
 * ({@code onboarding.consumers=3}), on real servers: the users, keyed by id as the bridge
 * keys them, land on every partition; each user's create and update are applied in their
 * order (the address of the update is the one kept) and each user is welcomed once; the
 * dashboard, over HTTP as a viewer, shows each partition owned by a consumer of this
 * replica, a different one each, with no lag left once everything is handled; and the
 * gauge {@code onboarding.partitions.owned} counts the three.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "onboarding.consumers=3")
@DirtiesContext
@Tag("system")
class PartitionsTests {

	private static final int PARTITIONS = 3;

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	@RegisterExtension
	static final TestServers servers = new TestServers(PARTITIONS);

	@LocalServerPort
	int port;

	@Autowired
	ObjectMapper objectMapper;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Replica replica;

	private final HttpClient http = HttpClient.newBuilder().authenticator(TestLogins.VIEWER.authenticator()).build();

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		servers.register(registry);
	}

	@Test
	void threeConsumersShareThePartitionsKeepEachUsersOrderAndWelcomeEachUserOnce() {
		ChangeEvents events = new ChangeEvents(this.objectMapper);
		List<Long> users = LongStream.rangeClosed(3001, 3030).boxed().toList();
		Map<Integer, List<Long>> byPartition = users.stream()
			.collect(Collectors.groupingBy((id) -> partitionOf(events.key(id))));
		assertThat(byPartition).as("the partitions the users' keys land on").containsOnlyKeys(0, 1, 2);

		for (long id : users) {
			servers.send(events.key(id), events.created(id, "User" + id, "Spread", id + "@before.example"));
			servers.send(events.key(id), events.updated(id, "User" + id, "Spread", id + "@after.example"));
		}

		assertThat(servers.records()).extracting(ConsumerRecord::partition)
			.containsOnly(0, 1, 2)
			.hasSize(2 * users.size());
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(users)
				.allSatisfy((id) -> assertThat(welcomes(id)).as("welcomes of user %d", id).isNotZero()));
		await().atMost(TIMEOUT).untilAsserted(() -> {
			Elements rows = dashboardPartitions();
			assertThat(rows).extracting((row) -> row.attr("data-partition")).containsExactly("0", "1", "2");
			assertThat(rows).extracting((row) -> row.attr("data-replica")).containsOnly("this");
			assertThat(rows).extracting((row) -> row.selectFirst("td.owner").text())
				.allSatisfy((owner) -> assertThat(owner).startsWith(this.replica.name() + "-"))
				.doesNotHaveDuplicates();
			assertThat(rows).extracting((row) -> row.selectFirst("td.lag").text()).containsOnly("0");
		});
		assertThat(users).allSatisfy((id) -> {
			assertThat(welcomes(id)).as("welcomes of user %d", id).isOne();
			assertThat(knownEmail(id)).as("address of user %d", id).contains(id + "@after.example");
		});
		assertThat(this.meters.get("onboarding.partitions.owned").tag("topic", TestServers.TOPIC).gauge().value())
			.isEqualTo(PARTITIONS);
	}

	private static int partitionOf(String key) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
	}

	private long welcomes(long id) {
		return servers.mails()
			.stream()
			.filter((mail) -> TestServers.subject(mail).equals("Welcome, User" + id + "!"))
			.count();
	}

	private Optional<String> knownEmail(long id) {
		return this.jdbc.sql("select email from known_user where user_id = ?").param(id).query(String.class).optional();
	}

	private Elements dashboardPartitions() throws IOException, InterruptedException {
		HttpResponse<String> page = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		Element table = Jsoup.parse(page.body()).getElementById("partitions");
		assertThat(table)
			.as("the partitions table (%s)", Jsoup.parse(page.body()).select("#partitions-unavailable").text())
			.isNotNull();
		return table.select("tr.partition");
	}

}
