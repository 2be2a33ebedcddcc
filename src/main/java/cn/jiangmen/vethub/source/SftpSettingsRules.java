package cn.jiangmen.vethub.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The rules of an sftp source's settings that span several fields or look at the hub's
 * machine, checked when its source file is read, so that a wrong configuration is refused
 * at start with the file, the field and the reason: the host is a bare host name, the
 * account has a password or a key, the key and the known-hosts files exist, host-key
 * checking has its known-hosts file (it is only off when written so), the remote folders
 * are plain paths and the feedback never lands in the folder the files are fetched from.
 */
public final class SftpSettingsRules {

	private static final String ROOT = "source.sftp";

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]");

	private SftpSettingsRules() {
	}

	/**
	 * @throws SourceConfigurationException naming the first broken field
	 */
	public static void check(Path file, SftpSettings sftp) {
		require(file, HOST.matcher(sftp.host()).matches(), ROOT + ".host",
				"must be a bare host name or address (no sftp://, user, port or folder), e.g. sftp.partner.example");
		require(file, !sftp.username().contains("@") && !sftp.username().contains(":"), ROOT + ".username",
				"must be the user name alone (no '@' or ':')");
		require(file, SftpSettings.isSet(sftp.password()) || SftpSettings.isSet(sftp.privateKeyFile()),
				ROOT + ".password", "is empty and there is no private-key-file: give one of them"
						+ " (password: ${YOUR_ENV_VARIABLE}, from the environment)");
		if (SftpSettings.isSet(sftp.privateKeyFile())) {
			readableFile(file, sftp.privateKeyFile(), ROOT + ".private-key-file");
		}
		if (SftpSettings.isSet(sftp.privateKeyPassphrase())) {
			require(file, SftpSettings.isSet(sftp.privateKeyFile()), ROOT + ".private-key-passphrase",
					"is set but there is no private-key-file");
		}
		if (sftp.strictHostKeyChecking()) {
			require(file, SftpSettings.isSet(sftp.knownHostsFile()), ROOT + ".known-hosts-file",
					"is required while host-key checking is on (an OpenSSH known_hosts file holding the server's"
							+ " key, e.g. from ssh-keyscan -p <port> <host>); only strict-host-key-checking: false"
							+ " switches the check off");
		}
		if (SftpSettings.isSet(sftp.knownHostsFile())) {
			readableFile(file, sftp.knownHostsFile(), ROOT + ".known-hosts-file");
		}
		remoteFolder(file, sftp.folder(), ROOT + ".folder");
		remoteFolder(file, sftp.outboxFolder(), ROOT + ".outbox-folder");
		require(file, !normalized(sftp.folder()).equals(normalized(sftp.outboxFolder())), ROOT + ".outbox-folder",
				"must not be the folder the files are fetched from (the feedback files would be fetched back)");
		if (sftp.afterDownload() == SftpSettings.AfterDownload.MOVE) {
			remoteFolder(file, sftp.processedFolder(), ROOT + ".processed-folder");
			require(file, !Path.of(sftp.processedFolder()).isAbsolute(), ROOT + ".processed-folder",
					"must be relative to source.sftp.folder (e.g. processed)");
			require(file, !normalized(sftp.processedFolder()).isEmpty(), ROOT + ".processed-folder",
					"must be a folder below source.sftp.folder, not the folder itself");
		}
		positive(file, sftp.pollDelay(), ROOT + ".poll-delay");
		positive(file, sftp.connectTimeout(), ROOT + ".connect-timeout");
		require(file, !sftp.reconnectDelay().isNegative(), ROOT + ".reconnect-delay", "must not be negative");
	}

	private static void readableFile(Path file, String value, String field) {
		Path path = Path.of(value);
		require(file, Files.isRegularFile(path) && Files.isReadable(path), field,
				"'" + value + "' is not a readable file (" + path.toAbsolutePath() + ")");
	}

	private static void remoteFolder(Path file, String value, String field) {
		require(file, !value.contains("\\") && !value.contains(".."), field,
				"must be a folder path on the server with '/' and without '..'");
		require(file, value.chars().noneMatch(Character::isISOControl) && !value.contains("{{"), field,
				"must not hold control characters or '{{'");
	}

	private static String normalized(String folder) {
		String f = folder.replaceAll("/+", "/");
		f = f.replaceAll("(^|/)\\./", "$1");
		if (f.equals(".")) {
			f = "";
		}
		if (f.endsWith("/.")) {
			f = f.substring(0, f.length() - 2);
		}
		while (f.length() > 1 && f.endsWith("/")) {
			f = f.substring(0, f.length() - 1);
		}
		return f;
	}

	private static void positive(Path file, java.time.Duration value, String field) {
		require(file, value != null && !value.isNegative() && !value.isZero(), field, "must be longer than 0");
	}

	private static void require(Path file, boolean ok, String field, String reason) {
		if (!ok) {
			throw new SourceConfigurationException(file, field, reason);
		}
	}

}
