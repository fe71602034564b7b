package cdcdemo.platform.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RolePasswordsTests {

	@TempDir
	Path dir;

	@Test
	void generatesPrivatePasswordsOnceAndKeepsThem() throws IOException {
		Path file = this.dir.resolve("data").resolve("secrets.properties");
		RolePasswords first = RolePasswords.loadOrCreate(file);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(first.of("postgres")).hasSizeGreaterThanOrEqualTo(32)
			.isNotEqualTo(first.of("users_app"))
			.isNotEqualTo("postgres");
		RolePasswords second = RolePasswords.loadOrCreate(file);
		for (String role : new String[] { "postgres", "users_app", "onboarding", "cdc_bridge" }) {
			assertThat(second.of(role)).isEqualTo(first.of(role));
		}
		assertThat(RolePasswords.loadOrCreate(this.dir.resolve("other.properties")).of("users_app"))
			.isNotEqualTo(first.of("users_app"));
		try (var leftovers = Files.list(file.getParent())) {
			assertThat(leftovers).containsExactly(file);
		}
	}

	@Test
	void makesAFileOthersCouldReadPrivateAndFillsInMissingRoles() throws IOException {
		Path file = this.dir.resolve("secrets.properties");
		Files.writeString(file, "users_app=kept\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		RolePasswords passwords = RolePasswords.loadOrCreate(file);
		assertThat(passwords.of("users_app")).isEqualTo("kept");
		assertThat(passwords.of("cdc_bridge")).isNotBlank();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(Files.readString(file)).contains("users_app=kept", "cdc_bridge=");
	}

	@Test
	void knownPasswordsAreTheRoleNamesAndNothingPrintsThem() {
		RolePasswords known = RolePasswords.known();
		assertThat(known.of("users_app")).isEqualTo("users_app");
		assertThat(known.of("postgres")).isEqualTo("postgres");
		RolePasswords generated = RolePasswords.loadOrCreate(this.dir.resolve("s.properties"));
		assertThat(generated.toString()).contains("users_app").doesNotContain(generated.of("users_app"));
	}

}
