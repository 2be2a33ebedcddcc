package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * The embedded database's {@code pg_hba.conf} (who may connect, and how), which belongs
 * to the hub: rewritten at every start so that every connection, TCP or Unix socket,
 * needs its password (SCRAM). Only a data folder whose file trusts someone (one made by
 * an earlier version, which trusted every local connection, or one whose owner put
 * {@code trust} back to reset a lost superuser password) is started once with
 * {@link #CONVERSION} while the hub gives the superuser its password. Plain file work, no
 * database.
 */
final class PgHbaFile {

	/** Every connection needs its role's password. */
	static final String PASSWORDS_ONLY = """
			# Written by vethub at every start (cn.jiangmen.vethub.system.PgHbaFile): every connection needs the
			# password of its role (SCRAM). The passwords are in <hub.data-dir>/secrets/ (docs/database.md).
			# TYPE  DATABASE  USER  ADDRESS        METHOD
			local   all       all                  scram-sha-256
			host    all       all   127.0.0.1/32   scram-sha-256
			host    all       all   ::1/128        scram-sha-256
			""";

	/**
	 * For the one start that converts a data folder: only the superuser, only over TCP
	 * from this machine, only to its own database, is trusted, until it has its password.
	 */
	static final String CONVERSION = """
			# Written by vethub while it converts a data folder made by an earlier version (or reset by hand to
			# trust): the superuser gets its password, then the file is rewritten to passwords only.
			# TYPE  DATABASE  USER      ADDRESS        METHOD
			host    postgres  postgres  127.0.0.1/32   trust
			local   all       all                      scram-sha-256
			host    all       all       127.0.0.1/32   scram-sha-256
			host    all       all       ::1/128        scram-sha-256
			""";

	private PgHbaFile() {
	}

	/**
	 * Whether some line of {@code file} lets a connection in without a password
	 * ({@code trust}); comments and blank lines are ignored.
	 */
	static boolean trustsAnyone(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8).stream().anyMatch(PgHbaFile::trusts);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private static boolean trusts(String line) {
		int comment = line.indexOf('#');
		String rule = (comment < 0) ? line : line.substring(0, comment);
		List<String> fields = Arrays.asList(rule.strip().split("\\s+"));
		return fields.contains("trust");
	}

	/** Replaces {@code file} by {@code content} in one step (never half written). */
	static void write(Path file, String content) {
		try {
			Path next = file.resolveSibling(file.getFileName() + ".vethub-new");
			Files.writeString(next, content, StandardCharsets.UTF_8);
			if (next.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
			}
			Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
