package cdcdemo.bridge.connector;

class ConnectorNotFoundException extends RuntimeException {

	ConnectorNotFoundException(String name) {
		super("no connector named '" + name + "'");
	}

}
