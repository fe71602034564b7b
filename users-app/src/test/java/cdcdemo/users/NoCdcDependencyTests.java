package cdcdemo.users;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The point of the platform: the monolith knows nothing of Kafka or change data capture.
 * This fails as soon as a dependency of users-app brings Kafka, Debezium, Kafka Connect
 * or Spring Kafka, directly or transitively.
 * <p>
 * It cannot look at its own classpath ({@code java.class.path}): the tests borrow
 * local-platform's PostgreSQL, and local-platform runs a Kafka broker. So the build
 * writes the runtime classpath (what the app's jar ships) to
 * {@code target/runtime-classpath.txt}, and the test checks both the jar names on it and
 * what a class loader over it can load. To show the check can fail, the same check is run
 * on the test classpath, where Kafka is.
 */
class NoCdcDependencyTests {

	private static final Path RUNTIME_CLASSPATH = Path.of("target/runtime-classpath.txt");

	private static final List<String> CDC_CLASSES = List.of("org.apache.kafka.clients.producer.KafkaProducer",
			"org.apache.kafka.connect.source.SourceRecord", "io.debezium.engine.DebeziumEngine",
			"org.springframework.kafka.core.KafkaTemplate");

	private static final List<String> CDC_JAR_NAMES = List.of("kafka", "debezium", "connect-api", "connect-runtime");

	@Test
	void theRuntimeClasspathHoldsNoKafkaOrCdcJar() throws IOException {
		List<String> jars = runtimeClasspath();
		assertThat(jars).as("the runtime classpath, from the build").hasSizeGreaterThan(20);
		assertThat(jars).anySatisfy((jar) -> assertThat(jar).contains("spring-data-jdbc"));
		assertThat(jars)
			.noneSatisfy((jar) -> assertThat(fileName(jar)).containsAnyOf(CDC_JAR_NAMES.toArray(String[]::new)));
	}

	@Test
	void theRuntimeClasspathHoldsNotTheHeaderOfThePlatformsApps() throws IOException {
		assertThat(runtimeClasspath()).noneSatisfy((jar) -> assertThat(fileName(jar)).contains("platform-web"));
		try (URLClassLoader runtime = classLoader(runtimeClasspath())) {
			assertThat(ClassUtils.isPresent("cdcdemo.platformweb.PlatformLinks", runtime)).isFalse();
		}
	}

	@Test
	void noKafkaOrCdcClassCanBeLoadedFromTheRuntimeClasspath() throws IOException {
		try (URLClassLoader runtime = classLoader(runtimeClasspath())) {
			assertThat(ClassUtils.isPresent("org.springframework.data.jdbc.core.JdbcAggregateTemplate", runtime))
				.as("the class loader sees the app's own dependencies")
				.isTrue();
			assertThat(CDC_CLASSES).noneMatch((name) -> ClassUtils.isPresent(name, runtime));
		}
	}

	@Test
	void theCheckFindsKafkaWhereItIs() throws IOException {
		List<String> testClasspath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
		try (URLClassLoader tests = classLoader(testClasspath)) {
			assertThat(ClassUtils.isPresent("org.apache.kafka.clients.producer.KafkaProducer", tests))
				.as("the test classpath has Kafka through local-platform, so the check above is not vacuous")
				.isTrue();
		}
	}

	private static List<String> runtimeClasspath() throws IOException {
		assertThat(RUNTIME_CLASSPATH).as("written by the maven-dependency-plugin in generate-test-resources").exists();
		List<String> entries = new ArrayList<>(
				Arrays.asList(Files.readString(RUNTIME_CLASSPATH).strip().split(File.pathSeparator)));
		entries.add("target/classes");
		return entries;
	}

	private static URLClassLoader classLoader(List<String> entries) {
		URL[] urls = entries.stream().filter((entry) -> !entry.isBlank()).map((entry) -> {
			try {
				return Path.of(entry).toUri().toURL();
			}
			catch (MalformedURLException ex) {
				throw new IllegalStateException(ex);
			}
		}).toArray(URL[]::new);
		return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
	}

	private static String fileName(String entry) {
		return Path.of(entry).getFileName().toString();
	}

}
