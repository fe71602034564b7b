package cdcdemo.messages.system;

import cdcdemo.platformweb.security.PlatformSecurity;
import cdcdemo.platformweb.security.PlatformSecurityConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what on the message list, on the platform's logins
 * ({@link PlatformSecurity}): a viewer reads the list, the groups and the dead letters,
 * with masked values masked by the server; an operator also republishes a dead letter; an
 * admin also sees masked values in clear. The requests are the same for every role: what
 * each answer holds is {@link cdcdemo.messages.masking.Masking}'s to decide.
 */
@Configuration(proxyBeanMethods = false)
@Import(PlatformSecurityConfiguration.class)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, PlatformSecurity logins) {
		return logins
			.apply(http,
					(requests) -> requests.requestMatchers(HttpMethod.POST, "/dead-letters/republish")
						.hasRole("OPERATOR"))
			.build();
	}

}
