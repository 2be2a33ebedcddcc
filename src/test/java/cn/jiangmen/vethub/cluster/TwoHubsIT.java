package cn.jiangmen.vethub.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.VethubApplication;
import cn.jiangmen.vethub.testdata.IdCards;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two hubs on one warehouse and one data folder, in this JVM: hub A starts the embedded
 * PostgreSQL as a single hub does; hub B uses A's database through
 * {@code spring.datasource.url} (the hub role and its password from A's {@code secrets/})
 * and the same {@code hub.data-dir}, so both poll the same inboxes and share the cluster
 * lock folder.
 */
class TwoHubsIT {

	private static final String ROSTER_HEADER = "姓名,身份证号码,镇街";

	private static final List<String> NAMES = List.of("黄志强", "陈美玲", "何秀英", "李建国", "梁淑芬", "吴永康", "赵丽华");

	/**
	 * Owned by this JVM as HubIntegrationTest's are, so that a later test JVM removes it
	 * (this one cannot: the embedded database may still be writing at its end).
	 */
	private final Path dataDir = dataDir();

	private final List<ConfigurableApplicationContext> hubs = new ArrayList<>();

	@AfterEach
	void stopHubs() {
		// B first: A holds the database
		for (int i = this.hubs.size() - 1; i >= 0; i--) {
			this.hubs.get(i).close();
		}
	}

	@Test
	void filesDroppedIntoSharedInboxesAreLoadedOnceAndOnlyTheLeaderRunsTheSchedules() throws IOException {
		ConfigurableApplicationContext a = hubA();
		await().atMost(Duration.ofSeconds(30)).until(() -> provinceRoute(a) == ServiceStatus.Started);
		ConfigurableApplicationContext b = hubB(a);
		JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM ops.hub_instance", Long.class)).isEqualTo(2);

		// the leader's schedule runs, the other's stays stopped
		assertThat(provinceRoute(a)).isEqualTo(ServiceStatus.Started);
		assertThat(provinceRoute(b)).isEqualTo(ServiceStatus.Stopped);
		// a disabled source (enabled: false) is not started by the election either
		assertThat(a.getBean(CamelContext.class).getRouteController().getRouteStatus("pharmacy-db"))
			.isEqualTo(ServiceStatus.Stopped);

		// twelve rosters of three veterans each, dropped at once into two county inboxes
		List<String> names = new ArrayList<>();
		List<Path> staged = new ArrayList<>();
		int sequence = 1;
		for (String county : List.of("heshan", "xinhui")) {
			String region = county.equals("heshan") ? "440784" : "440705";
			String town = county.equals("heshan") ? "沙坪" : "会城";
			for (int f = 1; f <= 6; f++) {
				List<String> lines = new ArrayList<>(List.of(ROSTER_HEADER));
				for (int p = 0; p < 3; p++) {
					String id = IdCards.valid(region, LocalDate.of(1960 + f, 1 + p, 10 + p), sequence++, p % 2 == 0);
					lines.add(NAMES.get(sequence % NAMES.size()) + "," + id + "," + town);
				}
				String name = county + "花名册_202612" + String.format("%02d", f) + ".csv";
				names.add(name);
				staged.add(csv(this.dataDir.resolve("staging/" + county).resolve(name), Charset.forName("GBK"), lines));
			}
		}
		for (Path file : staged) {
			String county = file.getParent().getFileName().toString();
			Path inbox = Files.createDirectories(this.dataDir.resolve("inbox/county/" + county));
			Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
		}

		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> jdbc.queryForObject(
					"SELECT count(DISTINCT file_name) FROM ops.ingest_run WHERE status <> 'running'",
					Long.class) == names.size() && inboxesEmpty());

		for (String name : names) {
			List<Map<String, Object>> runs = jdbc.queryForList(
					"SELECT status, rows_loaded, feedback_file FROM ops.ingest_run WHERE file_name = ?", name);
			assertThat(runs).as(name).hasSize(1);
			assertThat(runs.get(0)).containsEntry("status", "succeeded").containsEntry("rows_loaded", 3L);
			assertThat((String) runs.get(0).get("feedback_file")).isNotNull();
			String county = name.startsWith("heshan") ? "heshan" : "xinhui";
			assertThat(this.dataDir.resolve("outbox/" + county).resolve(name + ".回执.csv")).exists();
		}
		assertThat(jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isEqualTo(36);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM ops.inbox_claim", Long.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT count(DISTINCT instance_id) FROM ops.ingest_run", Long.class))
			.isBetween(1L, 2L);

		// the leader stops: the other takes over its schedules
		a.close();
		this.hubs.remove(a);
		await().atMost(Duration.ofSeconds(30)).until(() -> provinceRoute(b) == ServiceStatus.Started);
	}

	private boolean inboxesEmpty() throws IOException {
		for (String county : List.of("heshan", "xinhui")) {
			try (var files = Files.list(this.dataDir.resolve("inbox/county/" + county))) {
				if (files.findAny().isPresent()) {
					return false;
				}
			}
		}
		return true;
	}

	private static ServiceStatus provinceRoute(ConfigurableApplicationContext hub) {
		return hub.getBean(CamelContext.class).getRouteController().getRouteStatus("province");
	}

	private ConfigurableApplicationContext hubA() {
		int port = freePort();
		return start(port, "--hub.data-dir=" + this.dataDir);
	}

	/** Hub B: A's database, A's data folder. */
	private ConfigurableApplicationContext hubB(ConfigurableApplicationContext a) throws IOException {
		HikariDataSource ds = a.getBean(HikariDataSource.class);
		String password = Files.readString(this.dataDir.resolve("secrets/db-hub-password")).strip();
		return start(freePort(), "--hub.data-dir=" + this.dataDir, "--spring.datasource.url=" + ds.getJdbcUrl(),
				"--spring.datasource.username=" + ds.getUsername(), "--spring.datasource.password=" + password);
	}

	private ConfigurableApplicationContext start(int port, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--server.port=" + port);
		all.add("--PROVINCE_BASE_URL=http://127.0.0.1:" + port + "/demo/province");
		ConfigurableApplicationContext hub = new SpringApplicationBuilder(VethubApplication.class)
			.profiles("test", "demo")
			.run(all.toArray(String[]::new));
		this.hubs.add(hub);
		return hub;
	}

	private static Path csv(Path file, Charset charset, List<String> lines) throws IOException {
		Files.createDirectories(file.getParent());
		Files.write(file, (String.join("\r\n", lines) + "\r\n").getBytes(charset));
		return file;
	}

	private static Path dataDir() {
		try {
			Path dir = Files.createTempDirectory("vethub-it-");
			Files.writeString(dir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
