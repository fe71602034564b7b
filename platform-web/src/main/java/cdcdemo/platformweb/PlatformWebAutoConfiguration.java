package cdcdemo.platformweb;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The shared header of the platform's apps, for any servlet app with this jar on its
 * classpath. It is listed for {@code @WebMvcTest} too, so that a web slice renders pages
 * as the app does.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(PlatformLinks.class)
public class PlatformWebAutoConfiguration {

	@Bean
	PlatformHeader platformHeader(PlatformLinks links) {
		return PlatformHeader.of(links);
	}

	@Bean
	PlatformHeaderAdvice platformHeaderAdvice(PlatformHeader platformHeader) {
		return new PlatformHeaderAdvice(platformHeader);
	}

}
