package cdcdemo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cdcdemo.platform.LocalPlatformApplication;
import cdcdemo.platform.PlatformProperties;
import cdcdemo.platform.apps.PlatformApps;
import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.mail.ReceivedMail;
import cdcdemo.platform.postgres.PostgresServer;
import cdcdemo.platform.postgres.RolePasswords;

/**
 * The whole platform, started once per test JVM exactly as the README's run command
 * starts it (the local-platform application, with the apps as separate processes), but on
 * free ports and a fresh data directory.
 */
final class RunningPlatform implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningPlatform(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * The platform shared by every test of this JVM; it stops when the JVM's tests are
	 * done.
	 * @param extensionContext any test's context
	 * @return the running platform
	 */
	static RunningPlatform shared(ExtensionContext extensionContext) {
		return extensionContext.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.computeIfAbsent(RunningPlatform.class, (key) -> start(), RunningPlatform.class);
	}

	private static RunningPlatform start() {
		Exit.setHaltProcedure((code, message) -> {
			throw new IllegalStateException("Kafka halt: " + message);
		});
		try {
			Path dataDir = Files.createTempDirectory("cdc-platform-e2e");
			ConfigurableApplicationContext context = new SpringApplicationBuilder(LocalPlatformApplication.class).run(
					"--platform.home=..", "--platform.data-dir=" + dataDir, "--server.port=0",
					"--platform.postgres-port=0", "--platform.kafka-port=0", "--platform.kafka-controller-port=0",
					"--platform.smtp-port=0", "--platform.apps.users-app-port=0",
					"--platform.apps.kafka-consumer-port=0", "--platform.apps.onboarding-port=0",
					"--platform.apps.cdc-bridge-port=0", "--platform.apps.domain-stats-port=0");
			return new RunningPlatform(context);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url(String module) {
		return this.context.getBean(PlatformApps.class).app(module).url();
	}

	/**
	 * @return the modules of the running apps
	 */
	List<String> modules() {
		return List.copyOf(this.context.getBean(PlatformApps.class).apps().keySet());
	}

	/**
	 * A connection pool to one of the platform's databases, as the PostgreSQL superuser.
	 * @param database the database
	 * @return its data source
	 */
	DataSource superuserDataSource(String database) {
		return this.context.getBean(PostgresServer.class).dataSource(database);
	}

	/**
	 * @return the file of the platform's generated passwords (the README's
	 * {@code .platform-data/secrets.properties})
	 */
	Path secretsFile() {
		return this.context.getBean(PlatformProperties.class).secretsFile();
	}

	/**
	 * @return the password of the user {@code admin} of the admin apps, which the
	 * platform generated (the banner prints it)
	 */
	String adminPassword() {
		return this.context.getBean(PostgresServer.class).password(RolePasswords.PLATFORM_ADMIN);
	}

	int postgresPort() {
		return this.context.getBean(PostgresServer.class).port();
	}

	String kafkaBootstrapServers() {
		return this.context.getBean(KafkaServer.class).bootstrapServers();
	}

	String mailPageUrl() {
		return "http://localhost:" + this.context.getEnvironment().getProperty("local.server.port");
	}

	List<ReceivedMail> mailTo(String address) {
		return this.context.getBean(MailCatcher.class)
			.received()
			.stream()
			.filter((mail) -> mail.to().contains(address))
			.toList();
	}

	KafkaConsumer<String, String> usersTopicConsumer() {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				kafkaBootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
		TopicPartition partition = new TopicPartition(PlatformApps.USERS_TOPIC, 0);
		consumer.assign(List.of(partition));
		consumer.seekToBeginning(List.of(partition));
		return consumer;
	}

	/**
	 * Everything on the users topic so far, read without a consumer group.
	 * @return the records in offset order
	 */
	List<ConsumerRecord<String, String>> usersTopic() {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = usersTopicConsumer()) {
			TopicPartition partition = new TopicPartition(PlatformApps.USERS_TOPIC, 0);
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			while (consumer.position(partition) < end) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
		}
		return records;
	}

	Optional<Path> logOf(String module) {
		return Optional.of(this.context.getBean(PlatformApps.class).app(module).log());
	}

	@Override
	public void close() {
		this.context.close();
	}

}
