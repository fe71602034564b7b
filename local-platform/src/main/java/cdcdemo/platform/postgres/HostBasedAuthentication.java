package cdcdemo.platform.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Our {@code pg_hba.conf}: SCRAM for every role, on the Unix socket and on the loopback
 * addresses, for normal and replication connections alike; nothing else gets in. The
 * first line marks it as ours, which is how a data directory of an older version
 * (initdb's {@code trust} file) is told apart.
 */
final class HostBasedAuthentication {

	static final String MARKER = "# cdcdemo: scram-sha-256 for every role, the superuser included";

	private static final String CONTENT = MARKER + """

			# Written by PostgresServer on every start; edits are lost. TYPE DATABASE USER ADDRESS METHOD
			local   all          all                 scram-sha-256
			host    all          all   127.0.0.1/32  scram-sha-256
			host    all          all   ::1/128       scram-sha-256
			local   replication  all                 scram-sha-256
			host    replication  all   127.0.0.1/32  scram-sha-256
			host    replication  all   ::1/128       scram-sha-256
			""";

	private HostBasedAuthentication() {
	}

	static boolean isOurs(Path dataDir) {
		Path file = dataDir.resolve("pg_hba.conf");
		try {
			return Files.exists(file) && Files.readString(file).startsWith(MARKER);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void write(Path dataDir) {
		try {
			Path temporary = dataDir.resolve("pg_hba.conf.tmp");
			Files.writeString(temporary, CONTENT, StandardCharsets.UTF_8);
			Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			Files.move(temporary, dataDir.resolve("pg_hba.conf"), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The superuser's password for {@code initdb --pwfile}, in a file only its owner may
	 * read, beside the data directory (initdb wants the data directory empty); the caller
	 * deletes it once initdb has run.
	 */
	static Path passwordFile(Path dataDir, String password) throws IOException {
		Path file = Files.createTempFile(dataDir.toAbsolutePath().getParent(), ".initdb-pw", ".tmp",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
		return file;
	}

}
