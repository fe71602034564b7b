package cdcdemo.cli;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import tools.jackson.databind.JsonNode;

import cdcdemo.cli.RunningBridge.Background;
import cdcdemo.cli.RunningBridge.Run;
import cdcdemo.cli.bridge.Json;
import cdcdemo.testsupport.TestLogins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every command of the CLI end to end, through picocli as {@code ./cdc} runs it, against
 * a real bridge over a real PostgreSQL and Kafka broker: what it prints, and the exit
 * code a script sees for each kind of failure.
 */
@Tag("system")
class CdcCliTests {

	@RegisterExtension
	static final RunningBridge bridge = new RunningBridge();

	@Test
	void managesAConnectorFromCreateToDestroy() {
		String source = bridge.postgres().jdbcUrl("users");
		Run refused = bridge.cdc("connectors:create", "audit", "--source", source, "--user", "cdc_bridge", "--password",
				"cdc_bridge", "--table", "public.users", "--table", "public.missing", "--exclude",
				"public.users.password", "--publication", "monolith_publication");
		assertThat(refused.exitCode()).isEqualTo(3);
		assertThat(refused.err()).contains("refused: Invalid connector:")
			.contains("  tables[1]: table public.missing does not exist (or cdc_bridge cannot see it)");

		Run created = bridge.cdc("connectors:create", "audit", "--source", source, "--user", "cdc_bridge", "--password",
				"cdc_bridge", "--table", "public.users", "--exclude", "public.users.password", "--publication",
				"monolith_publication", "--partitions", "2");
		assertThat(created.exitCode()).as(created.err()).isZero();
		assertThat(created.out()).startsWith("Creating audit: creating")
			.contains("Follow its snapshot with: cdc connectors:wait audit");

		Run waited = bridge.cdc("connectors:wait", "audit", "--timeout", "90s");
		assertThat(waited.exitCode()).as(waited.err()).isZero();
		assertThat(waited.out()).contains("audit is available: streaming audit.public.users");

		Run listed = bridge.cdc("connectors:list");
		assertThat(listed.exitCode()).isZero();
		assertThat(listed.out().lines().toList()).first().asString().startsWith("NAME").contains("STATUS", "SNAPSHOT");
		assertThat(listed.out()).containsPattern("(?m)^audit\\s+available\\s+public\\.users\\s")
			.containsPattern("(?m)^monolith\\s+");

		Run info = bridge.cdc("connectors:info", "audit");
		assertThat(info.exitCode()).isZero();
		assertThat(info.out()).contains("=== audit")
			.containsPattern("Status:\\s+available")
			.containsPattern("Tables:\\s+public.users -> audit.public.users")
			.containsPattern("Excluded columns:\\s+public.users.password")
			.containsPattern("Snapshot:\\s+completed, (\\d+)/\\1 rows")
			.containsPattern("Partitions:\\s+2 per topic it creates");

		Run paused = bridge.cdc("connectors:pause", "audit");
		assertThat(paused.exitCode()).isZero();
		assertThat(paused.out()).startsWith("audit: paused");
		Run waitWhilePaused = bridge.cdc("connectors:wait", "audit");
		assertThat(waitWhilePaused.exitCode()).isEqualTo(1);
		assertThat(waitWhilePaused.err()).contains("audit is paused; resume it with: cdc connectors:resume audit");

		Run resumed = bridge.cdc("connectors:resume", "audit");
		assertThat(resumed.exitCode()).isZero();
		assertThat(resumed.out()).startsWith("audit: ");
		Run waitedAgain = bridge.cdc("connectors:wait", "audit", "--progress", "bar");
		assertThat(waitedAgain.exitCode()).as(waitedAgain.err()).isZero();
		assertThat(waitedAgain.out()).contains("\r").contains("audit is available");

		Run updated = bridge.cdc("connectors:update", "audit", "--setting", "tombstones.on.delete=false");
		assertThat(updated.exitCode()).as(updated.err()).isZero();
		assertThat(updated.out()).startsWith("Updated audit: ").contains("settings: tombstones.on.delete=false");
		Run nothingToUpdate = bridge.cdc("connectors:update", "audit");
		assertThat(nothingToUpdate.exitCode()).isEqualTo(2);
		assertThat(nothingToUpdate.err()).contains("nothing to change");
		assertThat(bridge.cdc("connectors:wait", "audit").exitCode()).isZero();

		Run snapshot = bridge.cdc("connectors:snapshot", "audit", "--table", "public.users");
		assertThat(snapshot.exitCode()).as(snapshot.err()).isZero();
		assertThat(snapshot.out()).startsWith("Snapshot of public.users requested");

		Run unconfirmed = bridge.cdc("connectors:destroy", "audit");
		assertThat(unconfirmed.exitCode()).isEqualTo(2);
		assertThat(unconfirmed.err()).contains("to confirm, run again with --confirm audit");
		Run mistyped = bridge.cdc("connectors:destroy", "audit", "--confirm", "audi");
		assertThat(mistyped.exitCode()).isEqualTo(2);
		assertThat(mistyped.err()).contains("does not match audit; nothing was destroyed");
		assertThat(bridge.cdc("connectors:info", "audit").exitCode()).isZero();

		Run destroyed = bridge.cdc("connectors:destroy", "audit", "--confirm", "audit");
		assertThat(destroyed.exitCode()).as(destroyed.err()).isZero();
		assertThat(destroyed.out()).startsWith("Connector audit destroyed");
		assertThat(bridge.cdc("connectors:info", "audit").exitCode()).isEqualTo(5);
	}

	@Test
	void skipsAChangeKafkaRefusedOrPublishesItOnceTheLimitIsRaised() {
		bridge.sql("create table notes (id bigint primary key, body text not null)");
		bridge.sql("create publication notes_publication for table notes");
		String source = bridge.postgres().jdbcUrl("users");
		Run created = bridge.cdc("connectors:create", "notes", "--source", source, "--user", "cdc_bridge", "--password",
				"cdc_bridge", "--table", "public.notes", "--publication", "notes_publication");
		assertThat(created.exitCode()).as(created.err()).isZero();
		assertThat(bridge.cdc("connectors:wait", "notes", "--timeout", "90s").exitCode()).isZero();
		bridge.sql("insert into notes values (1, repeat('x', 2200000))");
		bridge.sql("insert into notes values (2, 'small')");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> bridge.cdc("connectors:info", "notes").out().contains("Refused change:"));
		Run info = bridge.cdc("connectors:info", "notes");
		assertThat(info.out()).containsPattern("Status:\\s+failed")
			.containsPattern("Refused change:\\s+notes.public.notes key \\{\"id\":1\\}, \\d+ bytes")
			.contains("skip it: cdc connectors:skip notes");
		Run noSnapshot = bridge.cdc("connectors:snapshot-stop", "monolith");
		assertThat(noSnapshot.exitCode()).isEqualTo(3);
		assertThat(noSnapshot.err()).contains("refused: monolith is taking no snapshot");
		Run nothingElse = bridge.cdc("connectors:skip", "monolith");
		assertThat(nothingElse.exitCode()).isEqualTo(3);
		assertThat(nothingElse.err()).contains("refused: monolith has no event to skip");

		Run skipped = bridge.cdc("connectors:skip", "notes");
		assertThat(skipped.exitCode()).as(skipped.err()).isZero();
		assertThat(skipped.out()).startsWith("Skipped the change on notes.public.notes with key {\"id\":1}")
			.contains("notes.public.notes.DLT");
		assertThat(bridge.cdc("connectors:wait", "notes", "--timeout", "60s").exitCode()).isZero();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(bridge.cdc("connectors:info", "notes").out())
				.containsPattern("Skipped changes:\\s+notes.public.notes key \\{\"id\":1\\}"));

		// the next one too large is published once the limit is raised, rather than
		// skipped
		bridge.sql("insert into notes values (3, repeat('y', 1500000))");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> bridge.cdc("connectors:info", "notes").out().contains("key {\"id\":3}"));
		Run raised = bridge.cdc("connectors:update", "notes", "--max-event-bytes", "4000000");
		assertThat(raised.exitCode()).as(raised.err()).isZero();
		assertThat(bridge.cdc("connectors:wait", "notes", "--timeout", "60s").exitCode()).isZero();
		assertThat(bridge.cdc("connectors:info", "notes").out()).contains("events up to 4000000 bytes")
			.doesNotContain("Refused change:");
		assertThat(bridge.cdc("connectors:destroy", "notes", "--confirm", "notes").exitCode()).isZero();
	}

	@Test
	void tailsTheChangesMadeInPostgres() {
		Background tail = bridge.cdcInBackground("kafka:tail", "monolith.public.users", "--store",
				bridge.bootstrapServers(), "--max", "1");
		await().atMost(Duration.ofSeconds(30)).until(() -> tail.err().toString().contains("Tailing"));
		assertThat(tail.exitCode()).isNotDone();

		bridge.insertUser("Barbara", "Liskov");

		await().atMost(Duration.ofSeconds(60)).until(tail.exitCode()::isDone);
		assertThat(tail.exitCode().join()).as(tail.err().toString()).isZero();
		List<String> lines = tail.out().toString().lines().toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).matches("\\d+  c  \\{\"id\":\\d+}  after: id=\\d+ first_name=Barbara last_name=Liskov "
				+ "email=barbara@example.com");
	}

	@Test
	void tailsFromTheBeginningAsJson() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> bridge.cdc("connectors:wait", "monolith", "--timeout", "5s").exitCode() == 0);
		Run tail = bridge.cdc("kafka:tail", "monolith.public.users", "--store", bridge.bootstrapServers(),
				"--from-beginning", "--max", "2", "--json");
		assertThat(tail.exitCode()).as(tail.err()).isZero();
		List<JsonNode> records = tail.out().lines().map(Json.MAPPER::readTree).toList();
		assertThat(records).hasSize(2);
		assertThat(records).allSatisfy((record) -> {
			assertThat(record.path("value").path("payload").path("op").asString()).isEqualTo("r");
			assertThat(record.path("value").path("payload").path("after").has("password")).isFalse();
		});
		assertThat(records.get(0).path("offset").asLong()).isZero();
	}

	@Test
	void refusesToTailATopicThatDoesNotExist() {
		Run tail = bridge.cdc("kafka:tail", "no.such.topic", "--store", bridge.bootstrapServers());
		assertThat(tail.exitCode()).isEqualTo(5);
		assertThat(tail.err()).contains("no topic no.such.topic on " + bridge.bootstrapServers());
	}

	@Test
	void listsTopicsWithTheirRates() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> bridge.cdc("kafka:topics").out().contains("monolith.public.users"));
		Run topics = bridge.cdc("kafka:topics");
		assertThat(topics.exitCode()).isZero();
		assertThat(topics.out().lines().toList()).first()
			.asString()
			.matches("TOPIC\\s+PARTITIONS\\s+MESSAGES\\s+MESSAGES/S\\s+BYTES/S");
		assertThat(topics.out())
			.containsPattern("(?m)^monolith\\.public\\.users\\s+1\\s+\\d+\\s+\\d+\\.\\d\\s+\\d+\\.\\d$");
	}

	@Test
	void printsTheApiJsonWithJson() {
		JsonNode connectors = Json.MAPPER.readTree(bridge.cdc("connectors:list", "--json").out());
		assertThat(connectors.isArray()).isTrue();
		assertThat(connectors.findValuesAsString("name")).contains("monolith");

		JsonNode monolith = Json.MAPPER.readTree(bridge.cdc("connectors:info", "monolith", "--json").out());
		assertThat(monolith.path("tables").path(0).path("topic").asString()).isEqualTo("monolith.public.users");
		assertThat(monolith.path("excludedColumns").path(0).asString()).isEqualTo("public.users.password");

		JsonNode topics = Json.MAPPER.readTree(bridge.cdc("kafka:topics", "--json").out());
		assertThat(topics.isArray()).isTrue();
		assertThat(topics.path(0).has("messagesPerSecond")).isTrue();
	}

	@Test
	void saysWhichConnectorIsUnknown() {
		Run info = bridge.cdc("connectors:info", "nope");
		assertThat(info.exitCode()).isEqualTo(5);
		assertThat(info.err()).contains("nope");
		assertThat(bridge.cdc("connectors:pause", "nope").exitCode()).isEqualTo(5);
		assertThat(bridge.cdc("connectors:snapshot-stop", "nope").exitCode()).isEqualTo(5);
	}

	@Test
	void failsALoginTheBridgeRefuses() {
		Run wrongPassword = RunningBridge.run("--bridge", bridge.url(), "--user", TestLogins.OPERATOR.user(),
				"--password", "wrong", "connectors:list");
		assertThat(wrongPassword.exitCode()).isEqualTo(4);
		assertThat(wrongPassword.err()).startsWith("login failed: the bridge refused user 'operator'");

		Run noLogin = RunningBridge.run("--bridge", bridge.url(), "connectors:list");
		assertThat(noLogin.exitCode()).isEqualTo(4);
		assertThat(noLogin.err()).startsWith("login failed: the bridge asks for a login; give --user and --password");
	}

	@Test
	void refusesWhatTheLoginsRoleMayNotDo() {
		Run viewerPause = RunningBridge.run("--bridge", bridge.url(), "--user", TestLogins.VIEWER.user(), "--password",
				TestLogins.VIEWER.password(), "connectors:pause", "nope");
		assertThat(viewerPause.exitCode()).isEqualTo(7);
		assertThat(viewerPause.err()).startsWith("not allowed: viewer (role viewer) may not do this");

		Run operatorDestroy = RunningBridge.run("--bridge", bridge.url(), "--user", TestLogins.OPERATOR.user(),
				"--password", TestLogins.OPERATOR.password(), "connectors:destroy", "nope", "--confirm", "nope");
		assertThat(operatorDestroy.exitCode()).isEqualTo(7);
		assertThat(operatorDestroy.err()).contains("destroying and revealing masked values need admin");
	}

	@Test
	void saysWhenTheBridgeCannotBeReached() {
		Run run = RunningBridge.run("--bridge", "http://127.0.0.1:1", "connectors:list");
		assertThat(run.exitCode()).isEqualTo(6);
		assertThat(run.err()).startsWith("cannot reach the bridge at http://127.0.0.1:1: connection refused");
	}

	@Test
	void rejectsABadFlagWithUsage() {
		Run run = RunningBridge.run("connectors:list", "--nope");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("Unknown option: '--nope'").contains("Usage: cdc connectors:list");

		Run badTimeout = RunningBridge.run("connectors:wait", "audit", "--timeout", "soon");
		assertThat(badTimeout.exitCode()).isEqualTo(2);
		assertThat(badTimeout.err()).contains("'soon' is not a duration; write it like 90s, 5m or 1h");

		Run badUrl = RunningBridge.run("--bridge", "localhost:8083", "connectors:list");
		assertThat(badUrl.exitCode()).isEqualTo(2);
		assertThat(badUrl.err()).contains("--bridge must be an http(s) URL");
	}

	@Test
	void describesEveryCommand() {
		Run help = RunningBridge.run("--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.out()).contains("connectors:create", "connectors:list", "connectors:info", "connectors:update",
				"connectors:pause", "connectors:resume", "connectors:wait", "connectors:snapshot",
				"connectors:snapshot-stop", "connectors:skip", "connectors:destroy", "kafka:topics", "kafka:tail",
				"4 login failed");
	}

}
