package cdcdemo.cli.connectors;

import java.io.Console;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code DELETE /api/connectors/NAME}, once the name is typed a second time: destroying
 * drops the replication slot, and the changes it held are gone.
 */
@Command(name = "connectors:destroy",
		description = { "Destroy a connector, once its name is given again.",
				"Its replication slot is dropped (and its publication, if the bridge made it); its topics are kept.",
				"Confirm with --confirm NAME, or by typing the name on a terminal." })
class DestroyCommand extends ConnectorCommand {

	@Parameters(index = "0", paramLabel = "NAME", description = "The connector.")
	String name;

	@Option(names = "--confirm", paramLabel = "NAME", description = "The connector's name again, to confirm.")
	String confirm;

	@Override
	public void run() {
		String confirmation = (this.confirm != null) ? this.confirm : typed();
		if (!this.name.equals(confirmation)) {
			throw new ParameterException(this.spec.commandLine(),
					(confirmation == null)
							? "destroying " + this.name
									+ " drops its replication slot; to confirm, run again with --confirm " + this.name
							: "--confirm " + confirmation + " does not match " + this.name + "; nothing was destroyed");
		}
		JsonNode answer = bridge().delete(path(this.name));
		if (this.output.json()) {
			this.output.printJson(answer);
			return;
		}
		this.output.out().println(answer.path("message").asString());
		this.output.out().flush();
	}

	private String typed() {
		Console console = System.console();
		if (console == null) {
			return null;
		}
		String line = console.readLine("Destroying %s drops its replication slot. Type its name to confirm: ",
				this.name);
		return (line != null) ? line.strip() : null;
	}

}
