package cdcdemo.bridge.connector;

/**
 * No connector of that name (answered 404).
 */
public class ConnectorNotFoundException extends RuntimeException {

	public ConnectorNotFoundException(String name) {
		super("no connector named '" + name + "'");
	}

}
