package cdcdemo.bridge.connector.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Sealing the source passwords of the definitions topic: what is stored says nothing of
 * the password, opens only with the same key, and a bridge without a key, or with another
 * one, says what to do instead of connecting with garbage.
 */
class SourcePasswordsTests {

	private final SourcePasswords sealing = new SourcePasswords("a-key-of-the-bridge");

	@Test
	void storesACiphertextThatOpensWithTheSameKey() {
		String sealed = this.sealing.seal("cdc_bridge");
		assertThat(sealed).startsWith("{aes-gcm}").doesNotContain("cdc_bridge");
		assertThat(this.sealing.seal("cdc_bridge")).as("a new salt and IV each time").isNotEqualTo(sealed);
		assertThat(new SourcePasswords("a-key-of-the-bridge").open(sealed)).isEqualTo("cdc_bridge");
	}

	@Test
	void refusesToOpenWithAnotherKeyOrNone() {
		String sealed = this.sealing.seal("cdc_bridge");
		assertThatIllegalStateException().isThrownBy(() -> new SourcePasswords("another-key").open(sealed))
			.withMessageContaining("does not open with this bridge's cdc.connector.secret-key");
		assertThatIllegalStateException().isThrownBy(() -> new SourcePasswords(" ").open(sealed))
			.withMessageContaining("has no cdc.connector.secret-key");
	}

	@Test
	void readsPasswordsStoredBeforeAKeyWasSetAndStoresAsGivenWithoutOne() {
		assertThat(this.sealing.open("stored-as-given")).isEqualTo("stored-as-given");
		SourcePasswords none = new SourcePasswords(null);
		assertThat(none.sealing()).isFalse();
		assertThat(none.seal("cdc_bridge")).isEqualTo("cdc_bridge");
		assertThat(this.sealing.seal(null)).isNull();
	}

}
