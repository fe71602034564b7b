package cdcdemo.users.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The monolith has no login (it is the demo's stand-in for any existing app), but every
 * form is protected against cross-site request forgery, and passwords are hashed with
 * bcrypt at an explicit cost.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * bcrypt cost 10: 2^10 rounds, about 60 ms a hash on the 2-core machines we test on.
	 */
	static final int BCRYPT_COST = 10;

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder(BCRYPT_COST);
	}

}
