package cdcdemo.cli.bridge;

/**
 * The exit codes a script can tell apart. {@code 2}, a bad flag, is picocli's own and
 * never thrown.
 */
public enum ExitCode {

	/**
	 * Anything else: a connector that failed or was not ready in time, an answer the CLI
	 * did not expect.
	 */
	OTHER(1),

	/**
	 * The bridge refused the request, naming each field at fault, or the action does not
	 * apply to the connector in its state (a skip with nothing to skip).
	 */
	REFUSED(3),

	/** The bridge asked for a login, or refused the one given. */
	LOGIN_FAILED(4),

	/** No such connector (or topic). */
	NOT_FOUND(5),

	/** No answer from the bridge (or from Kafka). */
	UNREACHABLE(6),

	/**
	 * The login's role may not do this: a viewer's pause, an operator's destroy.
	 */
	NOT_ALLOWED(7);

	private final int code;

	ExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

}
