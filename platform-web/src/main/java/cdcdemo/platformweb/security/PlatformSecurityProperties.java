package cdcdemo.platformweb.security;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may log in to the platform's admin pages and APIs.
 *
 * @param adminPassword the password of the user {@code admin} (role admin), read from a
 * secret at start and hashed in memory: the embedded platform generates it and passes
 * {@code PLATFORM_ADMIN_PASSWORD}; docker-compose.yml reads it from
 * {@code secrets/platform_admin.password}. Empty for no such user
 * @param users more users, each with a password hash in Spring Security's format
 * ({@code {bcrypt}$2a$10$...}) and a role, e.g.
 * {@code platform.security.users.alice.password} and {@code ...alice.role=operator}
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(String adminPassword, Map<String, Login> users) {

	/** The user the admin password logs in. */
	public static final String ADMIN = "admin";

	public PlatformSecurityProperties {
		adminPassword = (adminPassword == null || adminPassword.isBlank()) ? null : adminPassword;
		users = (users != null) ? Map.copyOf(users) : Map.of();
	}

	/**
	 * One configured user.
	 *
	 * @param password the password's hash, with its encoding's id in braces
	 * @param role what the user may do
	 */
	public record Login(String password, Role role) {

		public Login {
			role = (role != null) ? role : Role.VIEWER;
		}

	}

	/**
	 * The roles, each allowed what the one before it is: a viewer reads (masked values
	 * stay masked), an operator also pauses, resumes, snapshots, creates and updates, an
	 * admin also destroys and reveals masked values.
	 */
	public enum Role {

		VIEWER, OPERATOR, ADMIN;

		/**
		 * @return the role's name as settings and pages write it, e.g. {@code operator}
		 */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
