package cdcdemo.platformweb;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import cdcdemo.platformweb.PlatformHeader.Link;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header's links as the settings make them: the defaults are where the embedded
 * platform serves each app, any one can be moved, an empty one is left out, and the
 * current app is the one marked. The pages' rendering is tested in each app.
 */
class PlatformWebAutoConfigurationTests {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlatformWebAutoConfiguration.class));

	@Test
	void linksEveryAppWhereTheEmbeddedPlatformServesIt() {
		this.web.run((context) -> {
			assertThat(context).hasSingleBean(PlatformHeaderAdvice.class);
			PlatformHeader header = context.getBean(PlatformHeader.class);
			assertThat(header.name()).isEqualTo("CDC platform");
			assertThat(header.links()).extracting(Link::app, Link::url)
				.containsExactly(tuple("home", "http://localhost:8025/platform"),
						tuple("messages", "http://localhost:8081"), tuple("onboarding", "http://localhost:8082"),
						tuple("bridge", "http://localhost:8083"), tuple("domains", "http://localhost:8084"),
						tuple("mail", "http://localhost:8025"));
			assertThat(header.links()).noneMatch(Link::current);
		});
	}

	@Test
	void marksTheCurrentAppAndTakesEachUrlFromTheSettings() {
		this.web.withPropertyValues("platform.links.current=bridge", "platform.links.messages=http://example.test:9081")
			.run((context) -> {
				PlatformHeader header = context.getBean(PlatformHeader.class);
				assertThat(header.links()).filteredOn(Link::current).extracting(Link::app).containsExactly("bridge");
				assertThat(header.links()).filteredOn((link) -> link.app().equals("messages"))
					.extracting(Link::url)
					.containsExactly("http://example.test:9081");
			});
	}

	@Test
	void marksAnotherAppForAPageOfAnAppServingTwo() {
		this.web.withPropertyValues("platform.links.current=mail").run((context) -> {
			PlatformHeader home = context.getBean(PlatformHeader.class).withCurrent("home");
			assertThat(home.links()).filteredOn(Link::current).extracting(Link::app).containsExactly("home");
			assertThat(home.links()).hasSize(6);
		});
	}

	@Test
	void leavesOutALinkSetEmpty() {
		this.web.withPropertyValues("platform.links.home=").run((context) -> {
			PlatformHeader header = context.getBean(PlatformHeader.class);
			assertThat(header.links()).extracting(Link::app)
				.containsExactly("messages", "onboarding", "bridge", "domains", "mail");
		});
	}

	@Test
	void staysOutOfAnAppThatServesNoPages() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PlatformWebAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PlatformHeaderAdvice.class));
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

}
