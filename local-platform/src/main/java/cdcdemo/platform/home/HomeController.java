package cdcdemo.platform.home;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cdcdemo.platform.PlatformProperties;
import cdcdemo.platform.apps.AppStatus;
import cdcdemo.platform.apps.PlatformApps;
import cdcdemo.platform.home.AppHealth.Health;
import cdcdemo.platform.kafka.KafkaServer;
import cdcdemo.platform.mail.MailCatcher;
import cdcdemo.platform.postgres.PostgresServer;
import cdcdemo.platformweb.PlatformHeader;

/**
 * The platform's home page: each app, what it is, where it serves, what its
 * {@code /actuator/health} says right now and what the supervisor says of its process,
 * then where the servers listen. Without the platform's apps
 * ({@code platform.apps.enabled=false}) each app is looked for on its configured port:
 * one started from an IDE shows up all the same.
 */
@Controller
class HomeController {

	private final PlatformProperties properties;

	private final ObjectProvider<PlatformApps> apps;

	private final AppHealth health;

	private final PostgresServer postgres;

	private final KafkaServer kafka;

	private final MailCatcher mail;

	private final PlatformHeader header;

	HomeController(PlatformProperties properties, ObjectProvider<PlatformApps> apps, AppHealth health,
			PostgresServer postgres, KafkaServer kafka, MailCatcher mail, PlatformHeader header) {
		this.properties = properties;
		this.apps = apps;
		this.health = health;
		this.postgres = postgres;
		this.kafka = kafka;
		this.mail = mail;
		this.header = header;
	}

	@GetMapping("/platform")
	String home(Model model) {
		model.addAttribute(PlatformHeader.MODEL_ATTRIBUTE, this.header.withCurrent("home"));
		model.addAttribute("apps", apps());
		model.addAttribute("servers", servers());
		return "home";
	}

	private List<AppRow> apps() {
		PlatformApps platform = this.apps.getIfAvailable();
		Map<String, AppStatus> supervised = (platform != null)
				? platform.statuses().stream().collect(Collectors.toMap(AppStatus::name, Function.identity()))
				: Map.of();
		Map<String, String> urls = new LinkedHashMap<>();
		for (KnownApp app : KnownApp.ALL) {
			AppStatus status = supervised.get(app.module());
			urls.put(app.module(), (status != null) ? status.url() : "http://localhost:" + app.port(this.properties));
		}
		Map<String, Health> health = this.health.of(urls);
		return KnownApp.ALL.stream()
			.map((app) -> new AppRow(app, urls.get(app.module()), health.get(app.module()),
					supervised.get(app.module())))
			.toList();
	}

	private List<Server> servers() {
		return List.of(new Server("PostgreSQL", "127.0.0.1:" + this.postgres.port()),
				new Server("Kafka", this.kafka.bootstrapServers()),
				new Server("SMTP", "127.0.0.1:" + this.mail.port()));
	}

	/**
	 * One app's line of the page.
	 *
	 * @param app which app
	 * @param url where it serves
	 * @param health what its health endpoint said
	 * @param status what the supervisor says of it, {@code null} when the platform does
	 * not run it
	 */
	record AppRow(KnownApp app, String url, Health health, AppStatus status) {

		public String state() {
			return (this.status != null) ? this.status.state() : "not run by the platform";
		}

	}

	/**
	 * A server of the platform.
	 *
	 * @param name what it is
	 * @param address where it listens
	 */
	record Server(String name, String address) {
	}

}
