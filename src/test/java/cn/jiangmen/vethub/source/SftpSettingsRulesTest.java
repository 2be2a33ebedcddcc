package cn.jiangmen.vethub.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An sftp source file as IT staff write it, read by {@link SourceFileReader}: what it
 * binds to (defaults included, the password from the environment and never printed), and
 * each mistake refused with the file, the field and the reason.
 */
class SftpSettingsRulesTest {

	private static final String PASSWORD = "s3cr3t)pw-from-env";

	private static ValidatorFactory factory;

	private static SourceFileReader reader;

	@TempDir
	Path dir;

	private Path knownHosts;

	@BeforeAll
	static void setUp() {
		factory = Validation.buildDefaultValidatorFactory();
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("EYE_SFTP_PASSWORD", PASSWORD)));
		reader = new SourceFileReader(factory.getValidator(), env);
	}

	@AfterAll
	static void tearDown() {
		factory.close();
	}

	@BeforeEach
	void knownHostsFile() throws IOException {
		this.knownHosts = Files.writeString(this.dir.resolve("known_hosts"),
				"[sftp.eye-hospital.example]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");
	}

	/** The worked example of docs/sources.md, with one line replaced. */
	private String example(String line, String replacement) {
		String yaml = """
				source:
				  id: eye-hospital-sftp
				  kind: sftp
				  name: 示例眼科医院（SFTP）
				  file-pattern: ".*\\\\.csv"
				  sftp:
				    host: sftp.eye-hospital.example
				    port: 2222
				    username: vethub
				    password: ${EYE_SFTP_PASSWORD}
				    known-hosts-file: KNOWN_HOSTS
				    folder: to-vethub
				    outbox-folder: from-vethub
				    poll-delay: 5m
				  partner:
				    format: csv
				    encoding: UTF-8
				    mappings:
				      - target: medical_service
				        record-key: [service-date, id-card, item]
				        fields:
				          service-date: { column: 就诊日期 }
				          id-card: { column: 身份证号 }
				          item: { column: 检查项目, required: true }
				          fee: { column: 费用合计, required: true }
				""".replace("KNOWN_HOSTS", this.knownHosts.toString());
		if (line == null) {
			return yaml;
		}
		if (!yaml.contains(line)) {
			throw new IllegalArgumentException("not in the example: " + line);
		}
		return yaml.replace(line, replacement);
	}

	private SourceDefinition read(String yaml) throws IOException {
		Path file = this.dir.resolve("eye-hospital-sftp.yml");
		Files.writeString(file, yaml, StandardCharsets.UTF_8);
		return reader.read(file);
	}

	@Test
	void readsTheWorkedExampleWithItsDefaultsAndThePasswordFromTheEnvironment() throws IOException {
		SourceDefinition source = read(example(null, null));
		assertThat(source.kind()).isEqualTo(SourceKind.SFTP);
		assertThat(source.kind().isFileDrop()).isTrue();
		assertThat(source.inboxFolder()).as("fetched into a partner inbox")
			.isEqualTo("inbox/partners/eye-hospital-sftp");
		SftpSettings sftp = source.sftp();
		assertThat(sftp.password()).isEqualTo(PASSWORD);
		assertThat(sftp.port()).isEqualTo(2222);
		assertThat(sftp.strictHostKeyChecking()).as("host-key checking is on unless switched off").isTrue();
		assertThat(sftp.afterDownload()).isEqualTo(SftpSettings.AfterDownload.MOVE);
		assertThat(sftp.processedFolder()).isEqualTo("processed");
		assertThat(sftp.pollDelay()).isEqualTo(Duration.ofMinutes(5));
		assertThat(sftp.reconnectAttempts()).isEqualTo(3);
		assertThat(sftp.location()).isEqualTo("sftp://vethub@sftp.eye-hospital.example:2222/to-vethub");
		assertThat(sftp.toString()).doesNotContain(PASSWORD).contains("password=****");
		assertThat(source.toString()).doesNotContain(PASSWORD);
	}

	@Test
	void thePortDefaultsTo22() throws IOException {
		assertThat(read(example("    port: 2222\n", "")).sftp().port()).isEqualTo(22);
	}

	@Test
	void refusesAMissingEnvironmentVariableNamingItWithoutAValue() {
		assertThatThrownBy(() -> read(example("${EYE_SFTP_PASSWORD}", "${EYE_SFTP_PASSWORT}")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("eye-hospital-sftp.yml")
			.hasMessageContaining("source.sftp.password")
			.hasMessageContaining("EYE_SFTP_PASSWORT");
	}

	@Test
	void refusesAnEmptyPasswordWithoutAKey() {
		assertThatThrownBy(() -> read(example("${EYE_SFTP_PASSWORD}", "${EYE_SFTP_EMPTY:}")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp.password")
			.hasMessageContaining("private-key-file");
	}

	@Test
	void refusesAPrivateKeyFileThatIsNotThere() {
		assertThatThrownBy(() -> read(example("    password: ${EYE_SFTP_PASSWORD}\n",
				"    private-key-file: " + this.dir.resolve("id_ed25519") + "\n")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp.private-key-file")
			.hasMessageContaining("not a readable file");
	}

	@Test
	void takesAPrivateKeyInsteadOfAPassword() throws IOException {
		Path key = Files.writeString(this.dir.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
		SourceDefinition source = read(example("    password: ${EYE_SFTP_PASSWORD}\n",
				"    private-key-file: " + key + "\n    private-key-passphrase: ${EYE_SFTP_PASSWORD}\n"));
		assertThat(source.sftp().privateKeyFile()).isEqualTo(key.toString());
		assertThat(source.sftp().password()).isNull();
	}

	@Test
	void refusesAPassphraseWithoutAKey() {
		assertThatThrownBy(() -> read(example("    known-hosts-file:",
				"    private-key-passphrase: ${EYE_SFTP_PASSWORD}\n    known-hosts-file:")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp.private-key-passphrase");
	}

	@Test
	void requiresAKnownHostsFileWhileHostKeyCheckingIsOn() {
		assertThatThrownBy(() -> read(example("    known-hosts-file: " + this.knownHosts + "\n", "")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp.known-hosts-file")
			.hasMessageContaining("host-key checking is on")
			.hasMessageContaining("strict-host-key-checking: false");
	}

	@Test
	void refusesAKnownHostsFileThatIsNotThere() {
		assertThatThrownBy(() -> read(example(this.knownHosts.toString(), this.dir.resolve("nope").toString())))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp.known-hosts-file")
			.hasMessageContaining("not a readable file");
	}

	@Test
	void hostKeyCheckingIsOnlyOffWhenWrittenSo() throws IOException {
		SourceDefinition source = read(
				example("    known-hosts-file: " + this.knownHosts + "\n", "    strict-host-key-checking: false\n"));
		assertThat(source.sftp().strictHostKeyChecking()).isFalse();
		assertThat(source.sftp().knownHostsFile()).isNull();
	}

	@Test
	void refusesABadPort() {
		assertThatThrownBy(() -> read(example("port: 2222", "port: 70000")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp.port");
		assertThatThrownBy(() -> read(example("port: 2222", "port: ssh")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp.port");
	}

	@Test
	void refusesAHostWrittenAsAUrl() {
		assertThatThrownBy(
				() -> read(example("host: sftp.eye-hospital.example", "host: sftp://sftp.eye-hospital.example")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp.host")
			.hasMessageContaining("bare host name");
	}

	@Test
	void refusesAnOutboxThatIsTheFolderTheFilesAreFetchedFrom() {
		assertThatThrownBy(() -> read(example("outbox-folder: from-vethub", "outbox-folder: ./to-vethub/")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp.outbox-folder")
			.hasMessageContaining("fetched back");
	}

	@Test
	void refusesAFolderThatClimbsOut() {
		assertThatThrownBy(() -> read(example("folder: to-vethub", "folder: ../other")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp.folder")
			.hasMessageContaining("'..'");
	}

	@Test
	void refusesAMisspeltSetting() {
		assertThatThrownBy(() -> read(example("poll-delay: 5m", "poll-dely: 5m")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp.poll-dely")
			.hasMessageContaining("not a known setting");
	}

	@Test
	void requiresThePartnerBlockForTheFilesFormat() {
		String yaml = example(null, null);
		assertThatThrownBy(() -> read(yaml.substring(0, yaml.indexOf("  partner:"))))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.partner")
			.hasMessageContaining("sftp source");
	}

	@Test
	void refusesSftpSettingsInAPartnerSource() {
		assertThatThrownBy(() -> read(example("kind: sftp", "kind: partner")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.sftp")
			.hasMessageContaining("does not belong in a partner source");
	}

}
