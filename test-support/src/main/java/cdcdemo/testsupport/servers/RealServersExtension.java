package cdcdemo.testsupport.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.util.FileSystemUtils;

import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.postgres.PostgresServer;

/**
 * Starts the servers a test class asks for with {@link RealServers}, once: a shared
 * server lives in the root context's store (started by the first class that asks for it,
 * closed when the JVM's tests are over), a server of a class's own in that class's store
 * (closed after its last test, after its {@code @AfterAll} methods and the
 * {@code afterAll} of the extensions registered after this one). Its temporary directory
 * goes with it.
 * <p>
 * A module's own extension can ask for servers too, through
 * {@link #start(ExtensionContext, boolean, Server...)}.
 * <p>
 * The servers are only touched when asked for, so a module that runs only a broker can
 * leave PostgreSQL's and GreenMail's jars off its classpath.
 */
public final class RealServersExtension implements BeforeAllCallback, ParameterResolver {

	/** The servers there are. */
	public enum Server {

		POSTGRES("cdcdemo.platform.postgres.PostgresServer"), KAFKA("cdcdemo.platform.kafka.KafkaServer"),
		SMTP("cdcdemo.platform.mail.MailCatcher");

		private final String type;

		Server(String type) {
			this.type = type;
		}

	}

	private static final Namespace NAMESPACE = Namespace.create(RealServersExtension.class);

	/**
	 * The servers of the class that started last: a {@code @DynamicPropertySource} method
	 * runs when that class's application context is made, after its {@code beforeAll}.
	 */
	private static volatile StartedServers current;

	@Override
	public void beforeAll(ExtensionContext context) {
		RealServers wanted = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RealServers.class)
			.orElseThrow(() -> new IllegalStateException(
					context.getRequiredTestClass().getName() + " runs RealServersExtension without @RealServers"));
		start(context, wanted.shared(), servers(wanted));
	}

	private static Server[] servers(RealServers wanted) {
		return Stream
			.of(wanted.postgres() ? Server.POSTGRES : null, wanted.kafka() ? Server.KAFKA : null,
					wanted.smtp() ? Server.SMTP : null)
			.filter(Objects::nonNull)
			.toArray(Server[]::new);
	}

	/**
	 * Starts servers for a test class, or finds them started.
	 * @param context the class's context (or one of its tests')
	 * @param shared whether the JVM's shared servers will do, or the class needs its own
	 * @param servers the servers
	 * @return the servers, also what {@link #current()} answers from now on
	 */
	public static StartedServers start(ExtensionContext context, boolean shared, Server... servers) {
		ExtensionContext classContext = classContext(context);
		Store store = shared ? classContext.getRoot().getStore(NAMESPACE) : classContext.getStore(NAMESPACE);
		StartedServers started = classContext.getStore(NAMESPACE)
			.computeIfAbsent(StartedServers.class, (key) -> new StartedServers(), StartedServers.class);
		for (Server server : servers) {
			Object running = switch (server) {
				case POSTGRES ->
					store.computeIfAbsent(Server.POSTGRES, (key) -> Running.postgres(), Running.class).server();
				case KAFKA -> store.computeIfAbsent(Server.KAFKA, (key) -> Running.kafka(), Running.class).server();
				case SMTP -> store.computeIfAbsent(Server.SMTP, (key) -> Running.smtp(), Running.class).server();
			};
			started.put(server, running);
		}
		current = started;
		return started;
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext classContext = context;
		while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
			classContext = classContext.getParent().get();
		}
		return classContext;
	}

	/**
	 * @return the servers of the test class running now
	 */
	public static StartedServers current() {
		StartedServers started = current;
		if (started == null) {
			throw new IllegalStateException("no test class has started servers: annotate it with @RealServers");
		}
		return started;
	}

	/**
	 * @return the PostgreSQL server of the test class running now
	 */
	public static PostgresServer postgres() {
		return current().postgres();
	}

	/**
	 * @return the Kafka broker of the test class running now
	 */
	public static KafkaServer kafka() {
		return current().kafka();
	}

	/**
	 * @return the SMTP catcher of the test class running now
	 */
	public static MailCatcher smtp() {
		return current().smtp();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return server(parameterContext).isPresent();
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Server server = server(parameterContext).orElseThrow();
		StartedServers started = classContext(extensionContext).getStore(NAMESPACE)
			.get(StartedServers.class, StartedServers.class);
		Object running = (started != null) ? started.get(server) : null;
		if (running == null) {
			throw new ParameterResolutionException(
					"@RealServers of " + extensionContext.getRequiredTestClass().getName() + " did not ask for "
							+ server.name().toLowerCase() + ", which " + parameterContext.getParameter() + " needs");
		}
		return running;
	}

	/** By the type's name: comparing classes would load PostgreSQL's for a broker. */
	private static Optional<Server> server(ParameterContext parameterContext) {
		String type = parameterContext.getParameter().getType().getName();
		return Arrays.stream(Server.values()).filter((server) -> server.type.equals(type)).findFirst();
	}

	/** A server and its directory, deleted when it stops. */
	private record Running(AutoCloseable server, Path directory) implements AutoCloseable {

		static Running postgres() {
			Path directory = ServerStarts.directory("test-postgres");
			return new Running(PostgresServer.start(directory.resolve("data"), 0), directory);
		}

		static Running kafka() {
			Path directory = ServerStarts.directory("test-kafka");
			return new Running(ServerStarts.kafka(directory, 0, 0), directory);
		}

		static Running smtp() {
			return new Running(ServerStarts.smtp(), null);
		}

		@Override
		public void close() throws Exception {
			try {
				this.server.close();
			}
			finally {
				if (this.directory != null) {
					try {
						FileSystemUtils.deleteRecursively(this.directory);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
			}
		}

	}

}
