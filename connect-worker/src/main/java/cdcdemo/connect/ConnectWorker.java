package cdcdemo.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect distributed worker, started from Maven Central artifacts alone: the
 * Debezium PostgreSQL connector is a dependency of this module, so it is on the worker's
 * classpath and the worker needs no {@code plugin.path} and no image of a Connect or
 * Debezium registry. Its settings are a properties file (the argument: a file, else a
 * resource of this jar, such as the default {@code worker.properties}), each overridden
 * by a {@code CONNECT_*} environment variable ({@code CONNECT_GROUP_ID} is
 * {@code group.id}), the way compose configures containers. Several workers with the same
 * {@code group.id} form one cluster and share its connectors' tasks.
 */
final class ConnectWorker {

	static final String PREFIX = "CONNECT_";

	private static final Logger log = LoggerFactory.getLogger(ConnectWorker.class);

	private ConnectWorker() {
	}

	public static void main(String[] args) {
		if (args.length != 1) {
			System.err.println("Usage: ConnectWorker <worker.properties>");
			System.exit(2);
		}
		Map<String, String> settings = settings(load(args[0]), System.getenv());
		Connect<?> connect = new ConnectDistributed().startConnect(settings);
		log.info("Kafka Connect worker of group {} listening on {} (advertised as {}), Kafka {}",
				settings.get("group.id"), settings.get("listeners"), connect.rest().advertisedUrl(),
				settings.get("bootstrap.servers"));
		// Connect's shutdown hook stops the worker on SIGTERM; this returns then
		connect.awaitStop();
	}

	/**
	 * The worker's settings: the file's, each overridden by its {@code CONNECT_*}
	 * variable.
	 * @param file the settings of the file
	 * @param environment the environment variables
	 * @return the settings, sorted by name
	 */
	static Map<String, String> settings(Properties file, Map<String, String> environment) {
		Map<String, String> settings = new TreeMap<>();
		file.stringPropertyNames().forEach((name) -> settings.put(name, file.getProperty(name)));
		environment.forEach((variable, value) -> {
			if (variable.startsWith(PREFIX) && variable.length() > PREFIX.length()) {
				settings.put(property(variable), value);
			}
		});
		return settings;
	}

	/**
	 * @param variable say {@code CONNECT_BOOTSTRAP_SERVERS}
	 * @return the property it overrides, say {@code bootstrap.servers}
	 */
	static String property(String variable) {
		return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
	}

	private static Properties load(String name) {
		Properties properties = new Properties();
		Path file = Path.of(name);
		try (InputStream in = Files.isRegularFile(file) ? Files.newInputStream(file)
				: ConnectWorker.class.getClassLoader().getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("No file or resource " + name);
			}
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

}
