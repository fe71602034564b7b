package cdcdemo.platformweb.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The logins of an admin app of the platform: its users, the role hierarchy (admin, then
 * operator, then viewer), the login page and {@link PlatformSecurity}, which the app's
 * filter chain applies. An app opts in by importing this from its own security
 * configuration: it is no auto-configuration, because platform-web is also on the
 * classpath of apps with logins of their own (users-app's tests, through local-platform).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlatformSecurityProperties.class)
@Import({ LoginController.class, SignedInAdvice.class })
public class PlatformSecurityConfiguration {

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
	PlatformSecurity platformSecurity(JsonMapper json, PlatformSecurityProperties properties) {
		return new PlatformSecurity(json, properties.oidc().enabled() ? new PlatformOidc(properties.oidc()) : null);
	}

	@Bean
	CookieSameSiteSupplier platformSessionCookieSameSite() {
		return CookieSameSiteSupplier.ofLax();
	}

}
