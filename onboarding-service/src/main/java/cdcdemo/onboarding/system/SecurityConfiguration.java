package cdcdemo.onboarding.system;

import cdcdemo.platformweb.security.PlatformSecurity;
import cdcdemo.platformweb.security.PlatformSecurityConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The dashboard and the survey results need a login ({@link PlatformSecurity}; a viewer
 * reads them: they hold email addresses). The survey page is open: its link, a random
 * token sent only to the user and expiring, is the user's key; its form carries a CSRF
 * token as every form does.
 */
@Configuration(proxyBeanMethods = false)
@Import(PlatformSecurityConfiguration.class)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, PlatformSecurity logins) {
		return logins.apply(http, (requests) -> requests.requestMatchers("/survey/**").permitAll()).build();
	}

}
