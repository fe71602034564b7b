package cdcdemo.platformweb.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cdcdemo.platformweb.security.PlatformSecurityProperties.Login;
import cdcdemo.platformweb.security.PlatformSecurityProperties.Oidc;
import cdcdemo.platformweb.security.PlatformSecurityProperties.Role;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The users an app starts with: the admin's password hashed at start, configured users
 * with their hash and role, and no start at all when no one could log in or a password is
 * written in plain text.
 */
class PlatformLoginsTests {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void hashesTheAdminPasswordAndKeepsTheConfiguredUsersHashes() {
		String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("alice-password");
		var users = PlatformLogins.of(new PlatformSecurityProperties("s3cret-admin",
				Map.of("alice", new Login(hash, Role.OPERATOR), "bob", new Login(hash, null)), null));

		UserDetails admin = users.loadUserByUsername("admin");
		assertThat(admin.getPassword()).startsWith("{bcrypt}").doesNotContain("s3cret-admin");
		assertThat(this.encoder.matches("s3cret-admin", admin.getPassword())).isTrue();
		assertThat(admin.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
		assertThat(users.loadUserByUsername("alice").getAuthorities()).extracting(Object::toString)
			.containsExactly("ROLE_OPERATOR");
		assertThat(users.loadUserByUsername("bob").getAuthorities()).as("no role given: a viewer")
			.extracting(Object::toString)
			.containsExactly("ROLE_VIEWER");
	}

	@Test
	void refusesToStartWhenNoOneCouldLogIn() {
		assertThatIllegalStateException()
			.isThrownBy(() -> PlatformLogins.of(new PlatformSecurityProperties(" ", null, null)))
			.withMessageStartingWith("No one can log in: set PLATFORM_ADMIN_PASSWORD");
	}

	@Test
	void startsWithNoUserWhenAnOpenIdConnectIssuerLogsPeopleIn() {
		var users = PlatformLogins.of(new PlatformSecurityProperties(null, null,
				new Oidc("http://issuer.example", null, null, null, null, null, null)));

		assertThat(users.userExists("admin")).isFalse();
	}

	@Test
	void refusesAPasswordInPlainText() {
		for (String plain : new String[] { "hunter2", "{noop}hunter2" }) {
			assertThatIllegalStateException()
				.isThrownBy(() -> PlatformLogins
					.of(new PlatformSecurityProperties(null, Map.of("carol", new Login(plain, Role.VIEWER)), null)))
				.withMessageContaining("platform.security.users.carol.password must be a hash");
		}
	}

}
