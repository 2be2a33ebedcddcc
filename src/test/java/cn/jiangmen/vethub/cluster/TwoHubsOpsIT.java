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
import java.util.UUID;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.VethubApplication;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.testdata.IdCards;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two hubs on one warehouse and one data folder, in this JVM (as {@link TwoHubsIT}): what
 * the console and the API show of them, that a pause holds on both, and that the leader
 * closes the runs of a hub that stopped beating. Heartbeats every second and a hub taken
 * for dead after 4 s, so that the bounded times are short.
 */
class TwoHubsOpsIT {

	private static final String NAMESPACE = "vethub-scheduled";

	private static final Duration HEARTBEAT = Duration.ofSeconds(1);

	private static final Duration INSTANCE_TIMEOUT = Duration.ofSeconds(4);

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
	void aFollowerStandsByNamingTheLeaderAndAPauseHoldsOnBothHubs() throws Exception {
		// B, the leader, started first and holding the database; A, the follower, on
		// B's database and data folder
		ConfigurableApplicationContext b = hubA();
		await().atMost(Duration.ofSeconds(30)).until(() -> route(b, "province") == ServiceStatus.Started);
		ConfigurableApplicationContext a = hubB(b);
		String leaderB = shortId(b);

		// the follower shows its scheduled sources in standby, naming the leader, and
		// refuses to sync them; the leader shows them running
		await().atMost(Duration.ofSeconds(10))
			.until(() -> source(a, "province").get("state").equals("standby")
					&& String.valueOf(source(a, "province").get("leader")).contains(leaderB));
		assertThat(source(a, "province")).containsEntry("route", "stopped");
		assertThat(source(b, "province")).containsEntry("state", "running").containsEntry("leader", null);
		assertThat(source(a, "heshan")).as("a county inbox runs on both hubs").containsEntry("state", "running");
		String console = FormLoginSession.login(port(a), "viewer", "viewer-test-pw").get("/sources?lang=en").body();
		assertThat(console).contains("state-standby", "standby (runs on the leader)", "leader: instance " + leaderB);
		assertThat(FormLoginSession.login(port(a), "viewer", "viewer-test-pw").get("/sources").body())
			.contains("待命（在主节点运行）", "主节点：instance " + leaderB);
		Sync refused = sync(a, "province");
		assertThat(refused.status().value()).isEqualTo(409);
		assertThat(refused.body()).contains("\"refusal\":\"STANDBY\"", leaderB);

		// the follower pauses the province: the leader's route is suspended and refuses
		assertThat(admin(a).post().uri("/api/sources/province/pause").retrieve().body(String.class))
			.contains("\"outcome\":\"paused\"");
		await().atMost(Duration.ofSeconds(10)).until(() -> route(b, "province") == ServiceStatus.Suspended);
		Sync paused = sync(b, "province");
		assertThat(paused.status().value()).isEqualTo(409);
		assertThat(paused.body()).contains("\"refusal\":\"PAUSED\"", "by admin");
		assertThat(source(b, "province")).containsEntry("state", "paused");
		assertThat(source(a, "province")).containsEntry("state", "paused");
		assertThat(admin(b).post().uri("/api/sources/province/pause").retrieve().body(String.class))
			.contains("\"outcome\":\"already-paused\"");

		// the leader pauses a county: the follower's route is suspended too, and its
		// files wait while a file of another county is loaded
		admin(b).post().uri("/api/sources/heshan/pause").retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(10)).until(() -> route(a, "heshan") == ServiceStatus.Suspended);
		drop("heshan", "440784", "沙坪", "鹤山花名册_20261203.csv", 1);
		drop("xinhui", "440705", "会城", "新会花名册_20261203.csv", 10);
		JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> runs(jdbc, "新会花名册_20261203.csv", "succeeded") == 1
					&& !Files.exists(this.dataDir.resolve("inbox/county/xinhui/新会花名册_20261203.csv")));
		assertThat(this.dataDir.resolve("inbox/county/heshan/鹤山花名册_20261203.csv")).exists();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run WHERE source_id = 'heshan'", Long.class))
			.isZero();

		// resumed on the other hub than the one that paused it: both take up again, and
		// the file is loaded once
		assertThat(admin(a).post().uri("/api/sources/heshan/resume").retrieve().body(String.class))
			.contains("\"outcome\":\"resumed\"");
		await().atMost(Duration.ofSeconds(10)).until(() -> route(b, "heshan") == ServiceStatus.Started);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> runs(jdbc, "鹤山花名册_20261203.csv", "succeeded") == 1
					&& !Files.exists(this.dataDir.resolve("inbox/county/heshan/鹤山花名册_20261203.csv")));
		assertThat(jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run WHERE source_id = 'heshan'", Long.class))
			.isEqualTo(1);

		assertThat(jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run WHERE source_id = 'province'", Long.class))
			.isZero();

		// resumed on the follower: the leader runs it again
		assertThat(admin(a).post().uri("/api/sources/province/resume").retrieve().body(String.class))
			.contains("\"outcome\":\"resumed\"");
		await().atMost(Duration.ofSeconds(10)).until(() -> route(b, "province") == ServiceStatus.Started);
		assertThat(route(a, "province")).as("the follower's stays stopped").isEqualTo(ServiceStatus.Stopped);
		assertThat(source(b, "province")).containsEntry("state", "running");
		assertThat(source(a, "province")).containsEntry("state", "standby");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM ops.source_pause", Long.class)).isZero();
	}

	@Test
	void theLeaderClosesTheRunsOfAHubThatStoppedBeatingNamingItAndNeverThoseOfALiveHub() throws IOException {
		ConfigurableApplicationContext a = hubA();
		await().atMost(Duration.ofSeconds(30)).until(() -> a.getBean(HubInstance.class).leads(NAMESPACE));
		ConfigurableApplicationContext b = hubB(a);
		JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
		HubInstance hubB = b.getBean(HubInstance.class);

		// a run on each hub, loading
		long onA = a.getBean(RunLedger.class)
			.start("enping", RunTrigger.FILE, "恩平市退役军人花名册_20261203.xlsx", "a".repeat(64));
		long onB = b.getBean(RunLedger.class)
			.start("taishan", RunTrigger.FILE, "台山市退役军人花名册_20261203.xlsx", "b".repeat(64));
		b.getBean(RunLedger.class).progress(onB, 40_000);
		// and one of a hub that died before these started (20 s ago: dead, and not yet
		// forgotten, which takes ten timeouts): once the leader has closed it, it has
		// looked at the live hubs' runs too
		UUID ghost = UUID.randomUUID();
		jdbc.update("""
				INSERT INTO ops.hub_instance (id, host, started_at, heartbeat_at)
				VALUES (?, 'hub-c.jiangmen.local', clock_timestamp() - interval '2 minutes',
				        clock_timestamp() - interval '20 seconds')""", ghost);
		long ofGhost = a.getBean(RunLedger.class)
			.start("kaiping", RunTrigger.FILE, "开平市退役军人花名册_20261203.xlsx", "c".repeat(64));
		jdbc.update("UPDATE ops.ingest_run SET instance_id = ? WHERE id = ?", ghost, ofGhost);
		await().atMost(Duration.ofSeconds(15)).until(() -> status(jdbc, ofGhost).equals("failed"));
		assertThat(message(jdbc, ofGhost)).startsWith("interrupted: hub " + ghost + " on hub-c.jiangmen.local")
			.contains("sent no heartbeat since");
		assertThat(status(jdbc, onA)).isEqualTo("running");
		assertThat(status(jdbc, onB)).isEqualTo("running");

		// the API says who is alive and who leads, and which hub runs each run
		Map<String, Object> instances = viewer(b).get().uri("/api/instances").retrieve().body(Map.class);
		assertThat(instances).containsEntry("namespace", NAMESPACE).containsEntry("service", "file");
		List<Map<String, Object>> all = (List<Map<String, Object>>) instances.get("instances");
		assertThat(all.get(0)).containsEntry("id", hubB.id().toString())
			.containsEntry("thisHub", true)
			.containsEntry("alive", true)
			.containsEntry("leader", false)
			.containsEntry("port", port(b));
		Map<String, Object> leader = all.stream()
			.filter((i) -> i.get("id").equals(a.getBean(HubInstance.class).id().toString()))
			.findFirst()
			.orElseThrow();
		assertThat(leader).containsEntry("alive", true)
			.containsEntry("leader", true)
			.containsEntry("namespace", NAMESPACE);
		assertThat((List<String>) leader.get("routes")).contains("province", "cluster-dead-hub-runs");
		assertThat(all.stream().filter((i) -> i.get("id").equals(ghost.toString())).findFirst().orElseThrow())
			.containsEntry("alive", false)
			.containsEntry("leader", false);
		assertThat(viewer(a).get().uri("/api/runs/{id}", onB).retrieve().body(String.class))
			.contains("\"instanceId\":\"" + hubB.id() + "\"");

		// B crashes as far as the warehouse can tell: its heartbeat stops, nothing else
		// of it is cleaned up; the leader closes its run within the timeout and a
		// heartbeat interval or two
		hubB.stopHeartbeat();
		await().atMost(INSTANCE_TIMEOUT.plus(HEARTBEAT.multipliedBy(3)).plusSeconds(5))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> status(jdbc, onB).equals("failed"));
		assertThat(message(jdbc, onB)).startsWith("interrupted: hub " + hubB.id() + " on " + hubB.host())
			.contains("was taken for dead during this run", "stays in the inbox and is taken again");
		assertThat(jdbc.queryForObject("SELECT rows_read FROM ops.ingest_run WHERE id = ?", Long.class, onB))
			.isEqualTo(40_000L);
		assertThat(status(jdbc, onA)).as("the leader's own run").isEqualTo("running");
		assertThat(viewer(a).get().uri("/api/instances").retrieve().body(String.class))
			.contains("\"id\":\"" + hubB.id() + "\"");
		Map<String, Object> deadB = ((List<Map<String, Object>>) viewer(a).get()
			.uri("/api/instances")
			.retrieve()
			.body(Map.class)
			.get("instances")).stream()
			.filter((i) -> i.get("id").equals(hubB.id().toString()))
			.findFirst()
			.orElseThrow();
		assertThat(deadB).containsEntry("alive", false);
		a.getBean(RunLedger.class).finish(onA, RunStatus.SUCCEEDED, 1, 1, 0, null, null);
	}

	private static String status(JdbcTemplate jdbc, long run) {
		return jdbc.queryForObject("SELECT status FROM ops.ingest_run WHERE id = ?", String.class, run);
	}

	private static String message(JdbcTemplate jdbc, long run) {
		return jdbc.queryForObject("SELECT error_message FROM ops.ingest_run WHERE id = ?", String.class, run);
	}

	private static long runs(JdbcTemplate jdbc, String fileName, String status) {
		return jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run WHERE file_name = ? AND status = ?", Long.class,
				fileName, status);
	}

	/** A roster of three veterans, written aside and moved into the county's inbox. */
	private void drop(String county, String region, String town, String name, int sequence) throws IOException {
		List<String> lines = new ArrayList<>(List.of("姓名,身份证号码,镇街"));
		List<String> names = List.of("黄志强", "陈美玲", "何秀英");
		for (int p = 0; p < 3; p++) {
			String id = IdCards.valid(region, LocalDate.of(1962, 1 + p, 10 + p), sequence + p, p % 2 == 0);
			lines.add(names.get(p) + "," + id + "," + town);
		}
		Path staged = this.dataDir.resolve("staging/" + county).resolve(name);
		Files.createDirectories(staged.getParent());
		Files.write(staged, (String.join("\r\n", lines) + "\r\n").getBytes(Charset.forName("GBK")));
		Path inbox = Files.createDirectories(this.dataDir.resolve("inbox/county/" + county));
		Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
	}

	private static Map<String, Object> source(ConfigurableApplicationContext hub, String id) {
		List<Map<String, Object>> all = viewer(hub).get().uri("/api/sources").retrieve().body(List.class);
		return all.stream().filter((s) -> id.equals(s.get("id"))).findFirst().orElseThrow();
	}

	private static Sync sync(ConfigurableApplicationContext hub, String id) {
		return admin(hub).post()
			.uri("/api/sources/{id}/sync", id)
			.exchange((request, response) -> new Sync(response.getStatusCode(),
					new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
	}

	private record Sync(HttpStatusCode status, String body) {
	}

	private static ServiceStatus route(ConfigurableApplicationContext hub, String id) {
		return hub.getBean(CamelContext.class).getRouteController().getRouteStatus(id);
	}

	private static String shortId(ConfigurableApplicationContext hub) {
		return hub.getBean(HubInstance.class).id().toString().substring(0, 8);
	}

	private static int port(ConfigurableApplicationContext hub) {
		return Integer.parseInt(hub.getBean(Environment.class).getProperty("local.server.port"));
	}

	private static RestClient admin(ConfigurableApplicationContext hub) {
		return api(hub, "admin", "admin-test-pw");
	}

	private static RestClient viewer(ConfigurableApplicationContext hub) {
		return api(hub, "viewer", "viewer-test-pw");
	}

	private static RestClient api(ConfigurableApplicationContext hub, String user, String password) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port(hub))
			.defaultHeaders((h) -> h.setBasicAuth(user, password))
			.build();
	}

	private ConfigurableApplicationContext hubA(String... more) {
		List<String> args = new ArrayList<>(List.of("--hub.data-dir=" + this.dataDir));
		args.addAll(List.of(more));
		return start(freePort(), args.toArray(String[]::new));
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
		all.add("--hub.cluster.heartbeat-interval=" + HEARTBEAT.toSeconds() + "s");
		all.add("--hub.cluster.instance-timeout=" + INSTANCE_TIMEOUT.toSeconds() + "s");
		all.add("--hub.cluster.pause-check-interval=1s");
		ConfigurableApplicationContext hub = new SpringApplicationBuilder(VethubApplication.class)
			.profiles("test", "demo")
			.run(all.toArray(String[]::new));
		this.hubs.add(hub);
		return hub;
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
