package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A secret of this installation kept in a file of its own under the data folder, readable
 * and writable by the hub's user only (0600), as Jenkins keeps its initial admin
 * password: the embedded database's password, the generated administrator's password, the
 * key of keyed hashes. The file is created with its permissions in one step (never
 * world-readable, not even for a moment); an existing file whose permissions are wider is
 * tightened. Plain Java, no Spring: the embedded database needs its password before any
 * bean exists.
 */
public final class SecretFile {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

	private static final SecureRandom RANDOM = new SecureRandom();

	private SecretFile() {
	}

	/**
	 * The secret held in {@code file}, made of {@code bytes} random bytes (URL-safe
	 * Base64, no padding) and written there first if the file does not exist yet.
	 * @param file where the secret is kept
	 * @param bytes how many random bytes a new secret has
	 * @return the secret, without surrounding white space
	 */
	public static String readOrCreate(Path file, int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return readOrCreate(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
	}

	/**
	 * The secret held in {@code file}, or {@code value} written there if the file does
	 * not exist yet (a file another process created first wins).
	 * @param file where the secret is kept
	 * @param value the secret to keep when there is none yet
	 * @return the secret kept in the file
	 */
	public static String readOrCreate(Path file, String value) {
		try {
			if (!Files.exists(file)) {
				write(file, value);
			}
			tighten(file);
			String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (kept.isEmpty()) {
				throw new IllegalStateException("The secret file " + file + " is empty: delete it to make a new one");
			}
			return kept;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the secret file " + file, ex);
		}
	}

	/** Whether {@code file} exists. */
	public static boolean exists(Path file) {
		return Files.exists(file);
	}

	private static void write(Path file, String value) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		if (!Files.isDirectory(dir)) {
			Files.createDirectories(dir, attribute(OWNER_ONLY_DIR));
		}
		try {
			Files.createFile(file, attribute(OWNER_ONLY));
		}
		catch (FileAlreadyExistsException ex) {
			return;
		}
		Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
	}

	private static void tighten(Path file) throws IOException {
		if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
			Files.setPosixFilePermissions(file, OWNER_ONLY);
		}
	}

	private static FileAttribute<?>[] attribute(Set<PosixFilePermission> permissions) {
		return posix(Path.of(".")) ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0];
	}

	private static boolean posix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
