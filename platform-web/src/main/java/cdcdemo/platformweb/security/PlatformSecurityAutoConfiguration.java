package cdcdemo.platformweb.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import tools.jackson.databind.json.JsonMapper;

/**
 * The logins of an app with Spring Security and this jar: its users, the role hierarchy
 * (admin, then operator, then viewer), the login page and {@link PlatformSecurity}, which
 * the app's filter chain applies. Listed for {@code @WebMvcTest} too.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(PlatformSecurityProperties.class)
@Import({ LoginController.class, SignedInAdvice.class })
public class PlatformSecurityAutoConfiguration {

	@Bean
	InMemoryUserDetailsManager platformUsers(PlatformSecurityProperties properties) {
		return PlatformLogins.of(properties);
	}

	@Bean
	static RoleHierarchy platformRoleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role("ADMIN")
			.implies("OPERATOR")
			.role("OPERATOR")
			.implies("VIEWER")
			.build();
	}

	@Bean
	PlatformSecurity platformSecurity(JsonMapper json) {
		return new PlatformSecurity(json);
	}

	@Bean
	CookieSameSiteSupplier platformSessionCookieSameSite() {
		return CookieSameSiteSupplier.ofLax();
	}

}
