package cdcdemo.platform;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import cdcdemo.platform.apps.AppProcess;
import cdcdemo.platform.apps.PlatformApps;
import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.postgres.PostgresServer;
import cdcdemo.platform.postgres.RolePasswords;

/**
 * The servers, then the apps. Spring closes them in reverse order on Ctrl-C: the apps
 * stop before the broker and the database they use.
 */
@Configuration(proxyBeanMethods = false)
class InfrastructureConfiguration {

	@Bean(destroyMethod = "close")
	PostgresServer postgresServer(PlatformProperties properties) {
		return PostgresServer.start(properties.dataDirPath().resolve("postgres"), properties.postgresPort(),
				RolePasswords.loadOrCreate(properties.secretsFile()));
	}

	@Bean(destroyMethod = "close")
	KafkaServer kafkaServer(PlatformProperties properties) {
		return KafkaServer.start(properties.dataDirPath().resolve("kafka"), properties.kafkaPort(),
				properties.kafkaControllerPort());
	}

	@Bean(destroyMethod = "close")
	MailCatcher mailCatcher(PlatformProperties properties) {
		return MailCatcher.start(properties.smtpPort());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnBooleanProperty(name = "platform.apps.enabled", matchIfMissing = true)
	PlatformApps platformApps(PlatformProperties properties, PostgresServer postgres, KafkaServer kafka,
			MailCatcher mail, Environment environment) {
		return PlatformApps.start(properties, postgres, kafka, mail, pagesUrl(environment));
	}

	/**
	 * Where this server's pages are, for the apps' links to them: known before the server
	 * starts unless its port is 0 (any free one, as the tests ask).
	 */
	static String pagesUrl(Environment environment) {
		int port = environment.getProperty("server.port", Integer.class, 8080);
		return (port != 0) ? "http://localhost:" + port : null;
	}

	@Bean
	ReadyBanner readyBanner(PlatformProperties properties, PostgresServer postgres, KafkaServer kafka, MailCatcher mail,
			ObjectProvider<PlatformApps> apps) {
		return new ReadyBanner(properties, postgres, kafka, mail, apps);
	}

	/** Prints where everything is, once the apps are healthy. */
	static final class ReadyBanner {

		private final PlatformProperties properties;

		private final PostgresServer postgres;

		private final KafkaServer kafka;

		private final MailCatcher mail;

		private final ObjectProvider<PlatformApps> apps;

		ReadyBanner(PlatformProperties properties, PostgresServer postgres, KafkaServer kafka, MailCatcher mail,
				ObjectProvider<PlatformApps> apps) {
			this.properties = properties;
			this.postgres = postgres;
			this.kafka = kafka;
			this.mail = mail;
			this.apps = apps;
		}

		@EventListener
		void onReady(ApplicationReadyEvent event) {
			String mailPage = "http://localhost:"
					+ event.getApplicationContext().getEnvironment().getProperty("local.server.port");
			StringBuilder text = new StringBuilder("\n\n  The CDC platform is up. Open:\n");
			text.append(String.format("    %-32s %s%n", "platform home (apps, health)", mailPage + "/platform"));
			PlatformApps platform = this.apps.getIfAvailable();
			if (platform != null) {
				line(text, "users-app (the monolith)", platform.app("users-app"));
				line(text, "kafka-consumer (message list)", platform.app("kafka-consumer"));
				line(text, "onboarding-service", platform.app("onboarding-service"));
				line(text, "cdc-bridge", platform.app("cdc-bridge"));
				line(text, "domain-stats (users per domain)", platform.app("domain-stats"));
			}
			text.append(String.format("    %-32s %s%n", "mail catcher", mailPage));
			if (platform != null) {
				text.append(String.format("    %-32s %s%n", "the apps' state (JSON)", mailPage + "/platform/apps"));
			}
			text.append(String.format("%n  Servers: PostgreSQL 127.0.0.1:%d, Kafka %s, SMTP 127.0.0.1:%d%n",
					this.postgres.port(), this.kafka.bootstrapServers(), this.mail.port()));
			// where the admin password is, not the password: the output may be kept in a
			// log
			text.append(
					String.format(
							"  Log in to cdc-bridge, kafka-consumer and onboarding-service as admin; the password:"
									+ " sed -n 's/^%s=//p' %s%n",
							RolePasswords.PLATFORM_ADMIN, this.properties.secretsFile()));
			text.append(String.format("  Database passwords (every role, the superuser postgres included): %s%n",
					this.properties.secretsFile()));
			text.append("  Press Ctrl-C to stop everything.\n");
			System.out.println(text);
		}

		private static void line(StringBuilder text, String label, AppProcess app) {
			text.append(String.format("    %-32s %s%n", label, app.url()));
		}

	}

}
