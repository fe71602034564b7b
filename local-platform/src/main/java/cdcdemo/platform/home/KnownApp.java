package cdcdemo.platform.home;

import java.util.List;
import java.util.function.ToIntFunction;

import cdcdemo.platform.PlatformProperties;
import cdcdemo.platform.PlatformProperties.Apps;

/**
 * The apps the platform runs, in start order, with what each is for: the home page's
 * list.
 *
 * @param module the app's module, as {@code /platform/apps} names it
 * @param description what it is, in a line
 * @param configuredPort its port in the settings
 */
record KnownApp(String module, String description, ToIntFunction<Apps> configuredPort) {

	static final List<KnownApp> ALL = List.of(
			new KnownApp("users-app",
					"The monolith: lists, adds, edits and deletes users in PostgreSQL. It knows"
							+ " nothing of the other apps.",
					Apps::usersAppPort),
			new KnownApp("kafka-consumer", "The message list: the change events of the users table, live.",
					Apps::kafkaConsumerPort),
			new KnownApp("domain-stats", "Users per email domain, counted from the events: the example to copy.",
					Apps::domainStatsPort),
			new KnownApp("onboarding-service",
					"Onboarding emails for each new user, an exit survey for each leaving one.", Apps::onboardingPort),
			new KnownApp("cdc-bridge", "The connectors that stream the monolith's tables to Kafka, and the topics.",
					Apps::cdcBridgePort));

	int port(PlatformProperties properties) {
		return this.configuredPort.applyAsInt(properties.apps());
	}

}
