package cdcdemo.bridge.connector.store;

import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.util.StringUtils;

/**
 * Seals a connector's source password before its definition goes to the definitions
 * topic, and opens it when the definition is read back: AES-256 in GCM mode, with a key
 * derived (PBKDF2) from the bridge's secret key and a random salt per password, both from
 * Spring Security's crypto module. Whoever can read the topic then holds a ciphertext,
 * not the replication role's password; only a bridge given the same
 * {@code cdc.connector.secret-key} can open it. Without a key, passwords are stored as
 * given, and the bridge says so when it starts.
 */
public final class SourcePasswords {

	static final String PREFIX = "{aes-gcm}";

	private final String key;

	/**
	 * @param key the secret key; blank for none
	 */
	public SourcePasswords(String key) {
		this.key = StringUtils.hasText(key) ? key : null;
	}

	public boolean sealing() {
		return this.key != null;
	}

	/**
	 * @param password a password, or {@code null}
	 * @return {@code {aes-gcm}<salt>:<ciphertext>} in hex, or the password as it is if
	 * there is no key
	 */
	public String seal(String password) {
		if (this.key == null || password == null || password.isEmpty()) {
			return password;
		}
		String salt = KeyGenerators.string().generateKey();
		return PREFIX + salt + ":" + Encryptors.delux(this.key, salt).encrypt(password);
	}

	/**
	 * @param stored what the topic holds: a sealed password, or one stored as given
	 * (before a key was set)
	 * @return the password
	 * @throws IllegalStateException if it is sealed and this bridge has no key, or
	 * another one
	 */
	public String open(String stored) {
		if (stored == null || !stored.startsWith(PREFIX)) {
			return stored;
		}
		if (this.key == null) {
			throw new IllegalStateException("a source password in the definitions topic is sealed, and this bridge has "
					+ "no cdc.connector.secret-key to open it: give it the key the bridge that stored it had");
		}
		String sealed = stored.substring(PREFIX.length());
		int colon = sealed.indexOf(':');
		try {
			return Encryptors.delux(this.key, sealed.substring(0, colon)).decrypt(sealed.substring(colon + 1));
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			throw new IllegalStateException("a source password in the definitions topic does not open with this "
					+ "bridge's cdc.connector.secret-key: give it the key the bridge that stored it had", ex);
		}
	}

}
