package cdcdemo.onboarding.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every page is public for now (the survey link is the only secret a person holds), but
 * forms are protected against cross-site request forgery: Spring Security's CSRF
 * protection stays on and Thymeleaf adds the token to each form. There are no users to
 * log in yet (and so no generated password).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
	}

	@Bean
	UserDetailsService noUsers() {
		return new InMemoryUserDetailsManager();
	}

}
