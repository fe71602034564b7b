package cdcdemo.cli;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A login in front of the bridge's API, with HTTP Basic, added to the bridge the tests
 * start. The bridge has no login yet (it is coming); this one lets the tests show that
 * the CLI sends {@code --user} and {@code --password} and that a refused login exits with
 * code 4, on the real Spring Security filter chain.
 */
@Configuration(proxyBeanMethods = false)
class LoginForTests {

	static final String USER = "operator";

	static final String PASSWORD = "s3cret";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain apiLogin(HttpSecurity http) {
		return http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	UserDetailsService users() {
		return new InMemoryUserDetailsManager(
				User.withUsername(USER).password("{noop}" + PASSWORD).roles("OPERATOR").build());
	}

}
