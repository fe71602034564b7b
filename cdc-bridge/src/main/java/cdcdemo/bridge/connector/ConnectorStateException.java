package cdcdemo.bridge.connector;

/**
 * An action that does not apply to the connector in its current state (answered 409 with
 * the reason).
 */
public class ConnectorStateException extends RuntimeException {

	public ConnectorStateException(String message) {
		super(message);
	}

}
