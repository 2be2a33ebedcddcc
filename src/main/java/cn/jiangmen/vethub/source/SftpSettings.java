package cn.jiangmen.vethub.source;

import java.time.Duration;
import java.util.Locale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a partner's files are fetched from, for a source of {@code kind: sftp}, written
 * by IT staff under {@code source.sftp} (see docs/sources.md). The files themselves are
 * described by the source's {@code partner} block, as for a partner that drops its files;
 * they are fetched into its inbox and read the same way, and each feedback file is put
 * back into {@code outbox-folder} on the server. The password and the key's passphrase
 * are normally placeholders such as {@code ${EYE_SFTP_PASSWORD}}, resolved from the
 * environment when the file is read; they are never logged. Rules across fields are
 * {@link SftpSettingsRules}'.
 *
 * @param host the server's host name or address (no {@code sftp://}, no user)
 * @param port its SSH port
 * @param username the account the bureau was given
 * @param password its password (or use {@code private-key-file})
 * @param privateKeyFile a private key file (OpenSSH or PEM) to log in with, on the hub's
 * machine
 * @param privateKeyPassphrase the passphrase of that key, if it has one
 * @param knownHostsFile an OpenSSH {@code known_hosts} file on the hub's machine that
 * holds the server's host key; required while host-key checking is on
 * @param strictHostKeyChecking host-key checking: the hub only talks to a server whose
 * key is in {@code known-hosts-file}; switching it off ({@code false}, written
 * explicitly) lets anyone who can redirect the connection receive the password
 * @param folder the folder on the server the partner puts its files in (relative to the
 * account's login folder, or absolute)
 * @param outboxFolder the folder on the server the feedback files are put into
 * @param afterDownload what happens to a remote file once it is safely in the inbox:
 * {@code move} (into {@code processed-folder}) or {@code delete}
 * @param processedFolder where fetched files are moved to, relative to {@code folder}
 * @param pollDelay time between two looks at the server
 * @param connectTimeout how long a connection attempt waits
 * @param reconnectAttempts further attempts to connect within one look, before the look
 * fails
 * @param reconnectDelay the wait between those attempts
 * @param backoffAfterErrors after this many failed looks in a row, the hub looks less
 * often
 * @param backoffMultiplier how many poll delays it then skips between two looks
 */
public record SftpSettings(@NotBlank String host, @DefaultValue("22") @Min(1) @Max(65535) int port,
		@NotBlank String username, String password, String privateKeyFile, String privateKeyPassphrase,
		String knownHostsFile, @DefaultValue("true") boolean strictHostKeyChecking, @NotBlank String folder,
		@DefaultValue("outbox") @NotBlank String outboxFolder,
		@DefaultValue("move") @NotNull AfterDownload afterDownload,
		@DefaultValue("processed") @NotBlank String processedFolder, @DefaultValue("60s") Duration pollDelay,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("3") @Min(0) @Max(20) int reconnectAttempts,
		@DefaultValue("5s") Duration reconnectDelay, @DefaultValue("3") @Min(1) @Max(100) int backoffAfterErrors,
		@DefaultValue("5") @Min(1) @Max(100) int backoffMultiplier) {

	/** The server and folder, without secrets, for the console and the logs. */
	public String location() {
		return "sftp://" + this.username + "@" + this.host + ":" + this.port + "/" + this.folder;
	}

	@Override
	public String toString() {
		return "SftpSettings[" + location() + ", password=" + (isSet(this.password) ? "****" : "none")
				+ ", privateKeyFile=" + this.privateKeyFile + ", knownHostsFile=" + this.knownHostsFile
				+ ", strictHostKeyChecking=" + this.strictHostKeyChecking + ", outboxFolder=" + this.outboxFolder + "]";
	}

	static boolean isSet(String value) {
		return value != null && !value.isEmpty();
	}

	/** What becomes of a remote file once it is in the inbox. */
	public enum AfterDownload {

		/** Moved into {@code processed-folder} on the server. */
		MOVE,

		/** Deleted from the server. */
		DELETE;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
