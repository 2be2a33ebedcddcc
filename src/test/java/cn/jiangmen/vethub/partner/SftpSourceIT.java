package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import cn.jiangmen.vethub.VethubApplication;
import cn.jiangmen.vethub.testdata.IdCards;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A partner's files fetched from its SFTP server ({@code kind: sftp}), against a real SSH
 * server embedded in the test (Apache MINA SSHD, password login, a virtual file system in
 * a temporary folder): a hub started with one sftp source whose known_hosts file holds
 * the server's host key, as IT staff would write it (the test context of
 * {@code HubIntegrationTest} reads config/sources/, and the source must name the port of
 * the server the test starts). A file put on the server is loaded once, moved into the
 * processed folder, and its feedback file appears in the server's outbox folder; a server
 * with another host key, and a refused login, are failed runs in the ledger with a clear
 * message, and the password is never printed.
 */
@ExtendWith(OutputCaptureExtension.class)
class SftpSourceIT {

	private static final String PASSWORD = "Vethub-Sftp-Pw-7731";

	private static final String SOURCE = "eye-sftp";

	private static final String LI = IdCards.valid("440705", LocalDate.of(1941, 3, 15), 11, true);

	private static final String CHEN = IdCards.valid("440781", LocalDate.of(1944, 8, 2), 23, true);

	private static Path dir;

	private static Path serverRoot;

	private static int port;

	private static SshServer server;

	private static final AtomicInteger logins = new AtomicInteger();

	private static volatile String acceptedPassword = PASSWORD;

	private static ConfigurableApplicationContext hub;

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void serverAndHub() throws IOException {
		dir = Files.createTempDirectory("vethub-sftp-it-");
		serverRoot = Files.createDirectories(dir.resolve("server"));
		Files.createDirectories(serverRoot.resolve("to-vethub"));
		port = freePort();
		KeyPair hostKey = startServer(dir.resolve("host-key"));
		Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
				"[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
		Path sources = Files.createDirectories(dir.resolve("sources"));
		Files.writeString(sources.resolve(SOURCE + ".yml"), """
				source:
				  id: eye-sftp
				  kind: sftp
				  name: 示例眼科医院（SFTP）
				  file-pattern: ".*\\\\.csv"
				  sftp:
				    host: 127.0.0.1
				    port: PORT
				    username: vethub
				    password: ${EYE_SFTP_PASSWORD}
				    known-hosts-file: KNOWN_HOSTS
				    folder: to-vethub
				    outbox-folder: from-vethub
				    poll-delay: 200ms
				    connect-timeout: 2s
				    reconnect-attempts: 0
				    backoff-after-errors: 100
				  partner:
				    format: csv
				    encoding: UTF-8
				    mappings:
				      - target: medical_service
				        record-key: [service-date, id-card, item]
				        fields:
				          service-date: { column: 就诊日期, type: date }
				          name: { column: 姓名, type: name }
				          id-card: { column: 身份证号, type: id_card }
				          item: { column: 检查项目, type: text, required: true }
				          fee: { column: 费用合计, type: amount, required: true }
				          discount: { column: 优惠金额, type: amount }
				""".replace("PORT", Integer.toString(port)).replace("KNOWN_HOSTS", knownHosts.toString()),
				StandardCharsets.UTF_8);
		hub = new SpringApplicationBuilder(VethubApplication.class).profiles("test")
			.run("--hub.sources-dir=" + sources, "--hub.data-dir=" + dir.resolve("data"), "--server.port=0",
					"--EYE_SFTP_PASSWORD=" + PASSWORD);
		jdbc = hub.getBean(JdbcTemplate.class);
	}

	@AfterAll
	static void stop() throws IOException {
		if (hub != null) {
			hub.close();
		}
		if (server != null) {
			server.stop(true);
		}
		FileSystemUtils.deleteRecursively(dir);
	}

	private static KeyPair startServer(Path hostKeyFile) throws IOException {
		server = SshServer.setUpDefaultServer();
		server.setHost("127.0.0.1");
		server.setPort(port);
		SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
		keys.setAlgorithm("EC");
		server.setKeyPairProvider(keys);
		server.setPasswordAuthenticator((user, password, session) -> {
			logins.incrementAndGet();
			return "vethub".equals(user) && acceptedPassword.equals(password);
		});
		server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
		server.setFileSystemFactory(new VirtualFileSystemFactory(serverRoot));
		server.start();
		return keys.loadKeys(null).iterator().next();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@BeforeEach
	void emptyLedgerAndKnownPersons() {
		jdbc.execute("TRUNCATE dw.person, dw.medical_service, ops.rejected_row, ops.ingest_run CASCADE");
		person(LI, "李志强");
		person(CHEN, "陈建国");
	}

	@AfterEach
	void serverBackAsTheHubKnowsIt() throws IOException {
		// what a failing test left on the server is not fetched by the next one
		try (var left = Files.list(serverRoot.resolve("to-vethub"))) {
			for (Path file : left.filter(Files::isRegularFile).toList()) {
				Files.delete(file);
			}
		}
		FileSystemUtils.deleteRecursively(serverRoot.resolve("from-vethub"));
		acceptedPassword = PASSWORD;
		if (!server.isStarted() || swappedKey) {
			server.stop(true);
			startServer(dir.resolve("host-key"));
			swappedKey = false;
		}
		SftpConnectionFailures failures = hub.getBean(SftpConnectionFailures.class);
		await().atMost(Duration.ofSeconds(45)).until(() -> !failures.isDown(SOURCE));
	}

	private static boolean swappedKey;

	@Test
	void aFileOnTheServerIsLoadedOnceMovedAndAnsweredInTheServersOutbox(CapturedOutput output) throws IOException {
		String csv = """
				就诊日期,姓名,身份证号,检查项目,费用合计,优惠金额
				2026-11-03,李志强,%s,视力检查,30.00,30.00
				2026/11/05,陈建国,%s,眼底照相,"1,200.00",200
				2026-11-05,陈建国,4.40705E+17,眼压测量,20,20
				""".formatted(LI, CHEN);
		putOnServer("to-vethub", "眼科_202611.csv", csv);

		Path answer = serverRoot.resolve("from-vethub").resolve("眼科_202611.csv.回执.csv");
		await().atMost(Duration.ofSeconds(45)).until(() -> Files.isRegularFile(answer));

		assertThat(jdbc.queryForList("SELECT status, rows_read, rows_loaded, rows_rejected FROM ops.ingest_run"
				+ " WHERE source_id = ? AND file_name = ?", SOURCE, "眼科_202611.csv"))
			.containsExactly(Map.of("status", "succeeded", "rows_read", 3L, "rows_loaded", 2L, "rows_rejected", 1L));
		assertThat(jdbc.queryForList("SELECT item FROM dw.medical_service WHERE partner_id = ? ORDER BY item",
				String.class, SOURCE))
			.containsExactly("眼底照相", "视力检查");
		assertThat(jdbc.queryForObject("SELECT reason FROM ops.rejected_row WHERE source_id = ?", String.class, SOURCE))
			.isEqualTo("id_lost_precision");
		assertThat(serverRoot.resolve("to-vethub/眼科_202611.csv")).as("taken off the partner's folder").doesNotExist();
		assertThat(serverRoot.resolve("to-vethub/processed/眼科_202611.csv")).as("moved into the processed folder")
			.hasContent(csv);
		String feedback = Files.readString(answer, StandardCharsets.UTF_8);
		assertThat(feedback).contains("读取行数,3,入库行数,2,退回行数,1").contains("陈**").doesNotContain(CHEN);
		assertThat(Files.list(serverRoot.resolve("from-vethub")).map((p) -> p.getFileName().toString()))
			.as("only the whole feedback file is left, no temporary name")
			.containsExactly("眼科_202611.csv.回执.csv");

		// the same bytes again: recognised, never loaded twice
		putOnServer("to-vethub", "眼科_202611_重发.csv", csv);
		await().atMost(Duration.ofSeconds(45))
			.until(() -> jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run WHERE file_name = ?", Integer.class,
					"眼科_202611_重发.csv") == 1
					&& !"running".equals(jdbc.queryForObject("SELECT status FROM ops.ingest_run WHERE file_name = ?",
							String.class, "眼科_202611_重发.csv")));
		assertThat(jdbc.queryForObject("SELECT status FROM ops.ingest_run WHERE file_name = ?", String.class,
				"眼科_202611_重发.csv"))
			.isEqualTo("skipped_duplicate");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM dw.medical_service", Integer.class)).isEqualTo(2);
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	@Test
	void aRefusedLoginIsAFailedRunWithAClearMessageAndTheFileStays(CapturedOutput output) throws IOException {
		acceptedPassword = "changed-by-the-partner";
		putOnServer("to-vethub", "眼科_202612.csv", "就诊日期,姓名,身份证号,检查项目,费用合计,优惠金额\n");
		int before = logins.get();
		await().atMost(Duration.ofSeconds(45)).until(() -> failedRuns().size() == 1 && logins.get() >= before + 3);
		assertThat(failedRuns()).as("one failed run for the outage, not one per look").hasSize(1);
		assertThat(failedRuns().get(0)).contains("sftp://vethub@127.0.0.1:" + port + "/to-vethub")
			.contains("refused the login of user 'vethub'")
			.doesNotContain(PASSWORD);
		assertThat(serverRoot.resolve("to-vethub/眼科_202612.csv")).as("nothing fetched, nothing lost").exists();
		assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain("changed-by-the-partner");
	}

	@Test
	void aServerWithAnotherHostKeyIsRefused(CapturedOutput output) throws IOException {
		server.stop(true);
		swappedKey = true;
		startServer(dir.resolve("another-host-key"));
		putOnServer("to-vethub", "眼科_202701.csv", "就诊日期,姓名,身份证号,检查项目,费用合计,优惠金额\n");
		// while the server restarted, a look may have found nothing listening: a failed
		// run of its own
		await().atMost(Duration.ofSeconds(45))
			.until(() -> !failedRuns().isEmpty() && failedRuns().get(failedRuns().size() - 1).contains("host key"));
		List<String> failed = failedRuns();
		assertThat(failed.get(failed.size() - 1)).contains("host key is not the one in " + dir.resolve("known_hosts"))
			.contains("host-key checking is on");
		assertThat(serverRoot.resolve("to-vethub/眼科_202701.csv")).as("nothing fetched from that server").exists();
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	private static List<String> failedRuns() {
		return jdbc.queryForList(
				"SELECT error_message FROM ops.ingest_run WHERE source_id = ? AND status = 'failed' ORDER BY id",
				String.class, SOURCE);
	}

	private static void putOnServer(String folder, String name, String content) throws IOException {
		Path target = serverRoot.resolve(folder).resolve(name);
		Path part = serverRoot.resolve(folder).resolve("." + name + ".uploading");
		Files.writeString(part, content, StandardCharsets.UTF_8);
		Files.move(part, target);
	}

	private static void person(String idCard, String name) {
		jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, ?, 'M', ?, 'province', now())""", idCard, name, Date.valueOf(LocalDate
			.parse(idCard.substring(6, 10) + "-" + idCard.substring(10, 12) + "-" + idCard.substring(12, 14))));
	}

}
