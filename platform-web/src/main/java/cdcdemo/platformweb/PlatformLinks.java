package cdcdemo.platformweb;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform's own apps are, as a browser reaches them: the header of each app
 * links to the others. The defaults are where the embedded platform (local-platform) and
 * docker-compose.yml publish them on the host; each is a setting because another
 * deployment serves them elsewhere. An environment variable sets one without any
 * placeholder in the app's settings ({@code PLATFORM_LINKS_BRIDGE} for
 * {@code platform.links.bridge}). An empty URL leaves its link out: compose runs no
 * platform home page, so it empties {@code home}.
 *
 * @param current the app serving the page, highlighted in the header: {@code messages},
 * {@code onboarding}, {@code bridge}, {@code domains}, {@code mail} or {@code home}
 * @param home the platform's home page, which lists every app with its health
 * @param messages the message list (kafka-consumer)
 * @param onboarding onboarding-service's dashboard
 * @param bridge cdc-bridge's connectors page
 * @param domains domain-stats' page of users per email domain
 * @param mail the mail catcher
 */
@ConfigurationProperties("platform.links")
public record PlatformLinks(String current, @DefaultValue("http://localhost:8025/platform") String home,
		@DefaultValue("http://localhost:8081") String messages,
		@DefaultValue("http://localhost:8082") String onboarding, @DefaultValue("http://localhost:8083") String bridge,
		@DefaultValue("http://localhost:8084") String domains, @DefaultValue("http://localhost:8025") String mail) {

}
