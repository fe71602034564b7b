package cdcdemo.platformweb.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import cdcdemo.platformweb.security.PlatformSecurityProperties.Oidc;
import cdcdemo.platformweb.security.PlatformSecurityProperties.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What an OpenID Connect login may do here: the highest platform role its ID token's
 * roles claim names, whatever else the issuer puts there; the defaults a configuration
 * with only an issuer gets; and an issuer that cannot be read, which fails the login with
 * a reason and not the app's start. The login itself, against a real issuer, is
 * onboarding-service's {@code OidcLoginTests}.
 */
class PlatformOidcTests {

	@Test
	void takesTheHighestPlatformRoleTheClaimNames() {
		assertThat(PlatformOidc.roleOf(List.of("viewer", "Operator", "billing"))).contains(Role.OPERATOR);
		assertThat(PlatformOidc.roleOf(List.of("ADMIN", "viewer"))).contains(Role.ADMIN);
		assertThat(PlatformOidc.roleOf("viewer")).as("one string").contains(Role.VIEWER);
	}

	@Test
	void findsNoRoleInAClaimThatNamesNone() {
		assertThat(PlatformOidc.roleOf(null)).isEmpty();
		assertThat(PlatformOidc.roleOf(List.of())).isEmpty();
		assertThat(PlatformOidc.roleOf(List.of("billing", "ROLE_ADMIN"))).as("names, not authorities").isEmpty();
	}

	@Test
	void needsOnlyTheIssuer() {
		Oidc oidc = new Oidc("http://issuer.example", " ", null, null, "", null, null);

		assertThat(oidc.enabled()).isTrue();
		assertThat(oidc.clientId()).isEqualTo("cdc-platform");
		assertThat(oidc.clientSecret()).isNull();
		assertThat(oidc.rolesClaim()).isEqualTo("roles");
		assertThat(oidc.userNameClaim()).isEqualTo("preferred_username");
		assertThat(oidc.defaultRole()).isNull();
		assertThat(new Oidc(" ", null, null, null, null, null, null).enabled()).isFalse();
	}

	@Test
	void saysWhichIssuerCouldNotBeReadAtLoginTime() {
		PlatformOidc oidc = new PlatformOidc(new Oidc("http://127.0.0.1:9/issuer", null, null, null, null, null, null));

		assertThat(oidc.findByRegistrationId("another")).isNull();
		assertThatIllegalStateException().isThrownBy(() -> oidc.findByRegistrationId(PlatformOidc.REGISTRATION_ID))
			.withMessageContaining("http://127.0.0.1:9/issuer could not be read");
	}

}
