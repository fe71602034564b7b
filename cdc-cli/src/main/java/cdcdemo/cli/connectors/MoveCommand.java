package cdcdemo.cli.connectors;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code POST /api/connectors/NAME/move}. */
@Command(name = "connectors:move",
		description = { "Move a running connector to another engine: a Kafka Connect cluster of the bridge's,",
				"or back to the bridge's embedded engine. It stops at a committed position, that position is",
				"handed over (Kafka Connect's offsets API), and it goes on there with the same slot and topics:",
				"no snapshot again, no change lost." })
class MoveCommand extends ConnectorCommand {

	@Parameters(index = "0", paramLabel = "NAME", description = "The connector.")
	String name;

	@Option(names = "--engine", required = true, paramLabel = "ENGINE", description = "kafka-connect or embedded.")
	String engine;

	@Option(names = "--cluster", paramLabel = "CLUSTER",
			description = "With kafka-connect: which of the bridge's clusters (optional when it has one).")
	String cluster;

	@Override
	public void run() {
		Map<String, String> request = new LinkedHashMap<>();
		request.put("engine", this.engine);
		if (this.cluster != null) {
			request.put("cluster", this.cluster);
		}
		printConnector(bridge().post(path(this.name) + "/move", request));
	}

}
