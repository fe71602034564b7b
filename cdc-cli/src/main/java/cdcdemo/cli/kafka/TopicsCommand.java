package cdcdemo.cli.kafka;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

import cdcdemo.cli.bridge.BridgeOptions;
import cdcdemo.cli.output.Output;
import cdcdemo.cli.output.TextTable;

/** {@code GET /api/topics}, as a table in the spirit of {@code heroku kafka:topics}. */
@Command(name = "kafka:topics",
		description = { "List the topics of the bridge's Kafka cluster, with their rates.",
				"Partitions, messages held, and messages and bytes appended per second",
				"(between the bridge's last two samples)." })
class TopicsCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Mixin
	Output output;

	@Override
	public void run() {
		JsonNode topics = BridgeOptions.of(this.spec).client(this.spec).get("api/topics");
		if (this.output.json()) {
			this.output.printJson(topics);
			return;
		}
		TextTable table = new TextTable("TOPIC", "PARTITIONS#", "MESSAGES#", "MESSAGES/S#", "BYTES/S#");
		for (JsonNode topic : topics) {
			table.row(topic.path("name").asString(), topic.path("partitions").asInt(), topic.path("messages").asLong(),
					String.format("%.1f", topic.path("messagesPerSecond").asDouble()),
					String.format("%.1f", topic.path("bytesPerSecond").asDouble()));
		}
		table.print(this.output.out());
	}

}
