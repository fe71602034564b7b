package cdcdemo.cli.bridge;

import java.net.URI;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where the bridge is and who logs in: the global options, given before the command
 * ({@code cdc --bridge URL
 * connectors:list}). They are global rather than repeated on every command because
 * {@code connectors:create} has a {@code --user} and {@code --password} of its own, for
 * the source database.
 */
public final class BridgeOptions {

	/**
	 * The name under which the root command declares these options
	 * ({@code @Mixin(name = ...)}).
	 */
	public static final String MIXIN_NAME = "bridge";

	@Option(names = "--bridge", paramLabel = "URL", defaultValue = "${env:CDC_BRIDGE_URL:-http://localhost:8083}",
			description = "The bridge's address (env CDC_BRIDGE_URL; default ${DEFAULT-VALUE}).")
	private String url;

	@Option(names = "--user", paramLabel = "USER", defaultValue = "${env:CDC_USER}",
			description = "Log in to the bridge as USER, with HTTP Basic (env CDC_USER).")
	private String user;

	@Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:CDC_PASSWORD}",
			description = "The bridge login's password (env CDC_PASSWORD).")
	private String password;

	/**
	 * The options of the command line a subcommand belongs to.
	 * @param spec the subcommand's spec
	 * @return the root command's bridge options
	 */
	public static BridgeOptions of(CommandSpec spec) {
		return (BridgeOptions) spec.root().mixins().get(MIXIN_NAME).userObject();
	}

	/**
	 * A client for the bridge these options name.
	 * @param spec the command asking, for a usage error if the address is not an HTTP URL
	 * @return the client
	 */
	public BridgeClient client(CommandSpec spec) {
		URI uri;
		try {
			uri = URI.create(this.url.endsWith("/") ? this.url : this.url + "/");
		}
		catch (IllegalArgumentException ex) {
			uri = null;
		}
		if (uri == null || uri.getHost() == null
				|| !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
			throw new ParameterException(spec.commandLine(),
					"--bridge must be an http(s) URL such as http://localhost:8083, not '" + this.url + "'");
		}
		if (this.password != null && this.user == null) {
			throw new ParameterException(spec.commandLine(), "--password needs --user (or CDC_USER)");
		}
		return new BridgeClient(uri, this.user, this.password);
	}

}
