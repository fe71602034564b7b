package cdcdemo.cli.bridge;

/**
 * A command that could not do what it was asked, with the message for the user and the
 * exit code for scripts. The application prints the message alone, without a stack trace:
 * it is meant to say what to do next.
 */
public final class CommandFailure extends RuntimeException {

	private final ExitCode exitCode;

	public CommandFailure(ExitCode exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	public ExitCode exitCode() {
		return this.exitCode;
	}

}
