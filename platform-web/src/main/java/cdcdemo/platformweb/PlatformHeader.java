package cdcdemo.platformweb;

import java.util.ArrayList;
import java.util.List;

/**
 * What the shared header shows, built once from the settings: the links in a fixed order,
 * the current app's marked. Pages reach it as the model attribute
 * {@value #MODEL_ATTRIBUTE}.
 *
 * @param name the platform's name
 * @param links the links, without those whose URL is empty
 */
public record PlatformHeader(String name, List<Link> links) {

	/** The model attribute the header fragment reads. */
	public static final String MODEL_ATTRIBUTE = "platformHeader";

	static PlatformHeader of(PlatformLinks settings) {
		List<Link> links = new ArrayList<>();
		add(links, settings, "home", "Platform home", settings.home());
		add(links, settings, "messages", "Message list", settings.messages());
		add(links, settings, "onboarding", "Onboarding", settings.onboarding());
		add(links, settings, "bridge", "CDC bridge", settings.bridge());
		add(links, settings, "domains", "Domain stats", settings.domains());
		add(links, settings, "mail", "Mail catcher", settings.mail());
		return new PlatformHeader("CDC platform", List.copyOf(links));
	}

	/**
	 * The same header with another app marked current, for an app that serves two of the
	 * header's pages (local-platform: the mail catcher and the home page).
	 * @param app the app's short name
	 * @return the header marking that app
	 */
	public PlatformHeader withCurrent(String app) {
		return new PlatformHeader(this.name,
				this.links.stream()
					.map((link) -> new Link(link.app(), link.label(), link.url(), link.app().equals(app)))
					.toList());
	}

	private static void add(List<Link> links, PlatformLinks settings, String app, String label, String url) {
		if (url != null && !url.isBlank()) {
			links.add(new Link(app, label, url.strip(), app.equals(settings.current())));
		}
	}

	/**
	 * One link of the header.
	 *
	 * @param app the app's short name, the link's {@code data-app}
	 * @param label what the link says
	 * @param url where it goes
	 * @param current whether it is the app serving the page
	 */
	public record Link(String app, String label, String url, boolean current) {
	}

}
