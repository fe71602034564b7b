package cdcdemo.cli.connectors;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

import cdcdemo.cli.bridge.BridgeClient;
import cdcdemo.cli.bridge.BridgeOptions;
import cdcdemo.cli.bridge.Json;
import cdcdemo.cli.output.Output;

/**
 * What the {@code connectors:*} commands share: the bridge client, {@code --json}, and
 * reading a connector.
 */
abstract class ConnectorCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Mixin
	Output output;

	BridgeClient bridge() {
		return BridgeOptions.of(this.spec).client(this.spec);
	}

	static String path(String name) {
		return "api/connectors/" + BridgeClient.segment(name);
	}

	static Connector connector(JsonNode answer) {
		return Json.MAPPER.treeToValue(answer, Connector.class);
	}

	/** Print the answer as JSON with {@code --json}, or as a line about the connector. */
	void printConnector(JsonNode answer) {
		if (this.output.json()) {
			this.output.printJson(answer);
		}
		else {
			this.output.out().println(ConnectorView.statusLine(connector(answer)));
			this.output.out().flush();
		}
	}

}
