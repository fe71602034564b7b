package cdcdemo.platform.postgres;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passwords of the PostgreSQL roles: the superuser's and those of the app roles that
 * {@code postgres/01-roles.sql} creates. Tests use {@link #known()}, where each app
 * role's password is its name; the platform keeps random ones in a properties file only
 * its owner may read, so that on a shared machine another user can neither guess them nor
 * read them. {@link #toString()} never shows a password.
 */
public final class RolePasswords {

	/** The superuser, who owns the set-up and the publications. */
	public static final String SUPERUSER = "postgres";

	/** The login roles of the apps, one per service. */
	public static final List<String> APP_ROLES = List.of("users_app", "onboarding", "cdc_bridge");

	/**
	 * Not a role: the key cdc-bridge seals its connectors' source passwords with in its
	 * definitions topic, kept and generated with the passwords.
	 */
	public static final String BRIDGE_SECRET_KEY = "cdc-bridge.secret-key";

	/**
	 * Not a role either: the password of the user {@code admin} of the admin pages and
	 * APIs (cdc-bridge, kafka-consumer, onboarding-service), kept and generated with the
	 * passwords.
	 */
	public static final String PLATFORM_ADMIN = "platform.admin";

	private static final Logger log = LoggerFactory.getLogger(RolePasswords.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final SecureRandom random = new SecureRandom();

	private final Map<String, String> byRole;

	private RolePasswords(Map<String, String> byRole) {
		this.byRole = Map.copyOf(byRole);
	}

	/**
	 * The test passwords: each app role's is its name, the superuser's is
	 * {@code postgres}.
	 * @return the known passwords
	 */
	public static RolePasswords known() {
		Map<String, String> byRole = new LinkedHashMap<>();
		byRole.put(SUPERUSER, SUPERUSER);
		APP_ROLES.forEach((role) -> byRole.put(role, role));
		byRole.put(BRIDGE_SECRET_KEY, BRIDGE_SECRET_KEY);
		byRole.put(PLATFORM_ADMIN, PLATFORM_ADMIN);
		return new RolePasswords(byRole);
	}

	/**
	 * The passwords kept in a file: read if it exists, generated (and written, readable
	 * by its owner only) if not. A role missing from the file gets a new password; a file
	 * others may read is made private again.
	 * @param file the properties file, one {@code role=password} a line
	 * @return the passwords
	 */
	public static RolePasswords loadOrCreate(Path file) {
		try {
			Properties stored = new Properties();
			if (Files.exists(file)) {
				try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
					stored.load(reader);
				}
				if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
					log.warn("{} was readable by others; it is now readable by its owner only", file);
					Files.setPosixFilePermissions(file, OWNER_ONLY);
				}
			}
			Map<String, String> byRole = new LinkedHashMap<>();
			boolean changed = false;
			for (String role : roles()) {
				String password = stored.getProperty(role);
				if (password == null || password.isBlank()) {
					password = generate();
					changed = true;
				}
				byRole.put(role, password);
			}
			if (changed) {
				write(file, byRole);
			}
			return new RolePasswords(byRole);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or write the database passwords in " + file, ex);
		}
	}

	private static List<String> roles() {
		return Stream
			.concat(Stream.concat(Stream.of(SUPERUSER), APP_ROLES.stream()),
					Stream.of(BRIDGE_SECRET_KEY, PLATFORM_ADMIN))
			.toList();
	}

	private static String generate() {
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Written to a private temporary file first, then moved in place: never a moment
	 * where others could read it.
	 */
	private static void write(Path file, Map<String, String> byRole) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		Path temporary = Files.createTempFile(dir, ".secrets", ".tmp",
				PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		try {
			Properties properties = new Properties();
			properties.putAll(byRole);
			try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
				properties.store(writer, " PostgreSQL role passwords of the embedded platform, generated on its first"
						+ " start. Delete the whole data directory to start afresh.");
			}
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * @param role a role of {@link #SUPERUSER} or {@link #APP_ROLES}, or
	 * {@link #BRIDGE_SECRET_KEY}
	 * @return its password
	 */
	public String of(String role) {
		String password = this.byRole.get(role);
		if (password == null) {
			throw new IllegalArgumentException("no password for role " + role);
		}
		return password;
	}

	@Override
	public String toString() {
		return "RolePasswords" + this.byRole.keySet();
	}

}
