package cdcdemo.events;

/**
 * A record value that is not a change event: not JSON, or JSON without the envelope
 * fields. Not worth a retry.
 */
public class MalformedChangeEventException extends RuntimeException {

	public MalformedChangeEventException(String message) {
		super(message);
	}

	public MalformedChangeEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
