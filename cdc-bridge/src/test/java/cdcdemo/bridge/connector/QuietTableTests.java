package cdcdemo.bridge.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

import cdcdemo.testsupport.kafka.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A quiet captured table on a busy server, on a real PostgreSQL: 500,000 rows written to
 * a table outside the publication (by the monolith's role, in the captured database)
 * while {@code users} stays idle. The declared connector's slot follows the WAL all the
 * same, through the logical decoding messages its heartbeats write, and no message
 * reaches a topic.
 */
class QuietTableTests extends BridgeSystemTest {

	private static final Logger log = LoggerFactory.getLogger(QuietTableTests.class);

	static final long WAL_SEGMENT = 16L * 1024 * 1024;

	@Test
	void theSlotOfAQuietTableFollowsTheWalOfABusyServer() throws Exception {
		BridgeApi api = new BridgeApi(this.port, this.mapper);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(api.info("monolith").path("status").asString()).isEqualTo("available"));
		int usersEvents = TopicReader.readAll(this.kafka.bootstrapServers(), "monolith.public.users").size();

		this.monolith.sql("create table unrelated (id bigint primary key, payload text not null)").update();
		List<Long> retained = new ArrayList<>();
		for (int batch = 0; batch < 10; batch++) {
			this.monolith.sql("insert into unrelated select i, repeat('x', 100) from generate_series(?, ?) i")
				.params(batch * 50_000L + 1, (batch + 1) * 50_000L)
				.update();
			retained.add(api.info("monolith").path("retainedWalBytes").asLong());
		}
		long written = walBytesWritten();
		log.info("500,000 unrelated rows ({} bytes of WAL in total so far); the quiet slot's retained WAL after each "
				+ "50,000: {}", written, retained);

		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(api.info("monolith").path("retainedWalBytes").asLong())
				.as("WAL the quiet connector's slot holds after the unrelated writes stopped")
				.isLessThan(WAL_SEGMENT));
		log.info("retained WAL once the writes stopped: {} bytes",
				api.info("monolith").path("retainedWalBytes").asLong());
		assertThat(TopicReader.readAll(this.kafka.bootstrapServers(), "monolith.public.users"))
			.as("the slot keeper's messages are not published")
			.hasSize(usersEvents);
		try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", this.kafka.bootstrapServers()))) {
			assertThat(admin.listTopics().names().get()).doesNotContain("monolith.message");
		}
		assertThat(api.info("monolith").path("status").asString()).isEqualTo("available");
	}

	private long walBytesWritten() {
		return JdbcClient.create(this.postgres.dataSource("users"))
			.sql("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")
			.query(Long.class)
			.single();
	}

}
