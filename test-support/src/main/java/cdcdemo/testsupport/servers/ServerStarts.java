package cdcdemo.testsupport.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.utils.Exit;

import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.postgres.PostgresServer;

/**
 * How a test starts one of local-platform's servers, written once: in a new temporary
 * directory, on free ports. {@link RealServersExtension} starts its servers here; so can
 * a test whose servers belong to something else (the beans of a Spring context, a broker
 * a test stops and starts again).
 */
public final class ServerStarts {

	private ServerStarts() {
	}

	/**
	 * A PostgreSQL server on a new data directory, bootstrapped.
	 * @param name the start of the directory's name
	 * @return the running server; its data directory is {@code <dir>/data}
	 */
	public static PostgresServer postgres(String name) {
		return PostgresServer.start(directory(name).resolve("data"), 0);
	}

	/**
	 * A Kafka broker on a new log directory and free ports.
	 * @param name the start of the directory's name
	 * @return the running broker
	 */
	public static KafkaServer kafka(String name) {
		return kafka(directory(name), 0, 0);
	}

	/**
	 * A Kafka broker on this log directory and these ports: for a test that stops its
	 * broker and starts it again where it was.
	 * @param logDir the log directory, formatted on first use
	 * @param port the client port, 0 for any free one
	 * @param controllerPort the controller port, 0 for any free one
	 * @return the running broker
	 */
	public static KafkaServer kafka(Path logDir, int port, int controllerPort) {
		// a broker in the test JVM that fails must fail the test, not halt the JVM
		Exit.setHaltProcedure((code, message) -> {
			throw new IllegalStateException("Kafka halt: " + message);
		});
		return KafkaServer.start(logDir, port, controllerPort);
	}

	/**
	 * An SMTP catcher on a free port.
	 * @return the running server
	 */
	public static MailCatcher smtp() {
		return MailCatcher.start(0);
	}

	/**
	 * A new temporary directory.
	 * @param name the start of its name
	 * @return the directory
	 */
	public static Path directory(String name) {
		try {
			return Files.createTempDirectory(name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
