package cn.jiangmen.vethub.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import cn.jiangmen.vethub.province.FakeProvinceApi;
import cn.jiangmen.vethub.province.ProvinceSamples;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.RawXlsx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Takeover with real processes (issue 17, points 3 and 5): one PostgreSQL, started in
 * this JVM, and hubs as child JVMs ({@link HubProcess}) on it and on one data folder,
 * with the file-lock cluster service. A hub is killed with SIGKILL while it loads a large
 * county file, and the leader while it syncs the province (a fake provincial API in this
 * JVM); the hub that is left finishes the work within the bounds of
 * {@code docs/two-hubs.md}, with every row loaded once and no run left running. A hub
 * that starts while its peer runs a sync leaves that run alone.
 * <p>
 * The hubs outlive a test method: each test starts the hubs it lacks
 * ({@link #twoHubs()}), so that the province test, run first, ends with the two hubs the
 * file test needs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TakeoverIT {

	private static final String HUB_PASSWORD = "takeover-Test-pw-17";

	/** The claim age of the hubs: a file of a dead hub is taken this long after. */
	private static final Duration CLAIM_MAX_AGE = Duration.ofSeconds(6);

	/** A hub's start, on a loaded machine (some 15 s on an idle one). */
	private static final Duration START = Duration.ofMinutes(4);

	private static final int VETERANS = 3000;

	private static final int VISITS = 600;

	private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 1, 8, 0);

	private static final String ROSTER_HEADER = "姓名,身份证号码,性别,出生日期,入伍时间,退伍时间,联系电话,镇（街）,村（社区）,政治面貌,人员类别";

	private static final String[] TOWNS = { "沙坪", "龙口镇", "雅瑶", "古劳镇", "桃源", "鹤城", "共和镇", "址山", "宅梧", "双合" };

	private static final List<String> NAMES = List.of("黄志强", "李𠮷祥", "陈美玲", "林国栋", "张伟", "王芳", "刘洋", "周杰", "吴丽娟",
			"何秀英");

	/**
	 * The hubs' logs, kept after the test (the data folder is removed by a later test
	 * JVM).
	 */
	private static final Path LOGS = Path.of("target", "TakeoverIT");

	private static Path dataDir;

	private static Path sourcesDir;

	private static EmbeddedPostgres postgres;

	private static JdbcTemplate jdbc;

	private static FakeProvinceApi province;

	/** What the fake provincial API does with a veterans page asked for. */
	private static final AtomicReference<PageGate> gate = new AtomicReference<>(PageGate.open());

	private static final List<HubProcess> hubs = new ArrayList<>();

	private static int started;

	@BeforeAll
	static void startDatabaseAndHubs() throws Exception {
		dataDir = Files.createTempDirectory("vethub-it-");
		// owned by this JVM as HubIntegrationTest's are: a later test JVM removes it
		Files.writeString(dataDir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
		postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir.resolve("test-pg"))
			.setCleanDataDirectory(true)
			.setServerConfig("timezone", "Asia/Shanghai")
			.start();
		// as docs/database.md asks of a server: a role of the hub's own, owner of its
		// database, no superuser
		try (Connection con = postgres.getPostgresDatabase().getConnection(); Statement st = con.createStatement()) {
			st.execute("CREATE ROLE vethub LOGIN PASSWORD '" + HUB_PASSWORD + "'");
			st.execute("CREATE DATABASE vethub OWNER vethub");
		}
		jdbc = new JdbcTemplate(new DriverManagerDataSource(databaseUrl(), "vethub", HUB_PASSWORD));

		province = new FakeProvinceApi();
		for (int i = 1; i <= VETERANS; i++) {
			// two records a second, as a day of updates in the provincial system
			province.put(FakeProvinceApi.VETERANS, ProvinceSamples.veteran(i, T0.plusSeconds(i / 2)));
		}
		for (int n = 1; n <= VISITS; n++) {
			province.put(FakeProvinceApi.VISITS, ProvinceSamples.visit(n, n, T0.plusHours(6).plusSeconds(n)));
		}
		province.onPage((endpoint, current) -> {
			if (FakeProvinceApi.VETERANS.equals(endpoint)) {
				gate.get().pass();
			}
		});
		sourcesDir = writeSources(Files.createDirectories(dataDir.resolve("sources")));
		twoHubs();
	}

	@AfterAll
	static void stopAll() throws Exception {
		gate.get().release();
		for (HubProcess hub : hubs) {
			hub.close();
		}
		if (province != null) {
			province.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	/**
	 * Every test starts from an empty warehouse and ledger; the hubs are idle between
	 * tests.
	 */
	@BeforeEach
	void emptyWarehouse() throws Exception {
		twoHubs();
		jdbc.execute("""
				TRUNCATE dw.person, dw.person_observation_log, dw.visit, ops.rejected_row, ops.ingest_run,
				         ops.sync_mark CASCADE""");
		gate.set(PageGate.open());
	}

	@Test
	@Order(1)
	void theSurvivorOfALeaderKilledDuringAProvinceSyncResumesItFromItsMark() throws Exception {
		// the leader's reader is held after twelve pages of veterans: by then it has
		// committed at least one batch, with its mark
		PageGate first = PageGate.holdAfter(12);
		gate.set(first);
		HubProcess leader = leader();
		HubProcess survivor = other(leader);
		long dead = onlyRunOf("province");
		assertThat(runInstance(dead)).isEqualTo(leader.instanceId());
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> first.held() && markRun("/api/v1/veterans") == dead);

		leader.kill();
		hubs.remove(leader);
		int committed = committedVeterans();
		assertThat(committed).as("veterans committed by the killed leader").isBetween(1, 12 * 100);
		int requestsBefore = province.requests.size();
		// the survivor's sync is held at its first page, so that a hub starts meanwhile
		PageGate second = PageGate.holdAfter(0);
		gate.set(second);
		first.release();

		// bound: the leader's heartbeat is stale after 5 x acquire-lock-interval (0.5 s
		// here), then the survivor takes the lock and starts the route at once
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> second.held() && runningRuns().size() == 1);
		long resumed = runningRuns().get(0);
		assertThat(runInstance(resumed)).isEqualTo(survivor.instanceId());
		Map<String, Object> deadRun = run(dead);
		assertThat(deadRun).containsEntry("status", "failed");
		assertThat((String) deadRun.get("error_message")).startsWith("interrupted")
			.contains("run " + resumed + " of another hub took the work over");
		String firstQuery = URLDecoder.decode(province.requests.get(requestsBefore), StandardCharsets.UTF_8);
		assertThat(firstQuery).as("the survivor asks from the mark, not from the start")
			.startsWith(FakeProvinceApi.VETERANS + "?")
			.contains("updatedSince=" + markSince("/api/v1/veterans") + "&");

		// a hub starting now closes the runs of dead hubs only: the survivor's run goes
		// on
		HubProcess third = startHubs(1).get(0);
		assertThat(run(resumed)).containsEntry("status", "running");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM ops.hub_instance WHERE id IN (?, ?)", Long.class,
				survivor.instanceId(), third.instanceId()))
			.isEqualTo(2);
		second.release();

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> runningRuns().isEmpty());
		assertThat(run(resumed)).containsEntry("status", "succeeded")
			.containsEntry("trigger", "manual")
			.containsEntry("rows_read", (long) (VETERANS + VISITS - committed))
			.containsEntry("rows_rejected", 0L);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run WHERE source_id = 'province'", Long.class))
			.isEqualTo(2);
		// every record exactly once: each veteran a person, each visit a row
		assertThat(jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isEqualTo(VETERANS);
		// the killed leader's committed batches stay, the survivor loaded the rest
		assertThat(jdbc.queryForObject("SELECT count(*) FROM dw.person WHERE last_run_id = ?", Long.class, dead))
			.isEqualTo(committed);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM dw.person WHERE last_run_id = ?", Long.class, resumed))
			.isEqualTo(VETERANS - committed);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM dw.visit", Long.class)).isEqualTo(VISITS);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM dw.person WHERE id_card = ?", Long.class,
				ProvinceSamples.idCard(VETERANS)))
			.isOne();
		assertThat(markRun("/api/v1/visits")).isEqualTo(resumed);
	}

	@Test
	@Order(2)
	void aCountyFileOfAHubKilledWhileLoadingItIsLoadedOnceByTheOther() throws Exception {
		int rows = 40_000;
		String big = "鹤山市退役军人花名册_20261203.xlsx";
		Path staging = Files.createDirectories(dataDir.resolve("staging"));
		Path bigFile = roster(staging.resolve(big), rows);
		// and small rosters into two inboxes at once, as the offices drop them
		List<Path> small = new ArrayList<>();
		int sequence = 1;
		for (String county : List.of("heshan", "xinhui")) {
			String region = county.equals("heshan") ? "440784" : "440705";
			String town = county.equals("heshan") ? "沙坪" : "会城";
			for (int f = 1; f <= 4; f++) {
				List<String> lines = new ArrayList<>(List.of("姓名,身份证号码,镇街"));
				for (int p = 0; p < 3; p++) {
					lines.add(NAMES.get(sequence % NAMES.size()) + ","
							+ IdCards.valid(region, LocalDate.of(1930 + f, 1 + p, 10 + p), 900 + sequence++, p % 2 == 0)
							+ "," + town);
				}
				Path file = Files.createDirectories(staging.resolve(county))
					.resolve(county + "花名册_202612" + String.format("%02d", f) + ".csv");
				Files.write(file, (String.join("\r\n", lines) + "\r\n").getBytes(Charset.forName("GBK")));
				small.add(file);
			}
		}
		drop(bigFile, "heshan");
		for (Path file : small) {
			drop(file, file.getParent().getFileName().toString());
		}

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> !runsOf(big, "running").isEmpty());
		long dead = runsOf(big, "running").get(0);
		HubProcess loading = hubOf(runInstance(dead));
		HubProcess survivor = other(loading);
		loading.kill();
		hubs.remove(loading);
		assertThat(run(dead)).as("killed while loading").containsEntry("status", "running");

		// bound: claim-max-age after the dead hub's last renewal, then a poll of the
		// inbox, then the load itself
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> runningRuns().isEmpty() && inboxEmpty("heshan") && inboxEmpty("xinhui"));

		List<Long> loaded = runsOf(big, "succeeded");
		assertThat(loaded).hasSize(1);
		long taken = loaded.get(0);
		assertThat(runInstance(taken)).isEqualTo(survivor.instanceId());
		assertThat(run(taken)).containsEntry("rows_read", (long) rows)
			.containsEntry("rows_loaded", (long) rows)
			.containsEntry("rows_rejected", 0L);
		Map<String, Object> deadRun = run(dead);
		assertThat(deadRun).containsEntry("status", "failed");
		assertThat((String) deadRun.get("error_message")).startsWith("interrupted")
			.contains("run " + taken + " of another hub took the work over");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run WHERE file_name = ?", Long.class, big))
			.isEqualTo(2);
		// loaded once: every row a person, last written by the survivor's run (the dead
		// hub's load was rolled back with its connection)
		assertThat(jdbc.queryForObject("SELECT count(*) FROM dw.person WHERE last_run_id = ?", Long.class, taken))
			.isEqualTo(rows);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM dw.person WHERE last_run_id = ?", Long.class, dead))
			.isZero();
		// the small files: each loaded once, by one hub or the other. A file the killed
		// hub was loading is taken over like the big one; one it had loaded (committed)
		// but not yet moved out of the inbox is answered as a re-delivery of that run
		for (Path file : small) {
			String name = file.getFileName().toString();
			List<Long> succeeded = runsOf(name, "succeeded");
			assertThat(succeeded).as(name).hasSize(1);
			assertThat(jdbc.queryForList(
					"SELECT status, error_message FROM ops.ingest_run WHERE file_name = ? AND status <> 'succeeded'",
					name))
				.as(name)
				.allSatisfy((other) -> assertThat(other).satisfiesAnyOf(
						(r) -> assertThat((String) r.get("error_message")).startsWith("interrupted"),
						(r) -> assertThat(r).containsEntry("status", "skipped_duplicate")
							.containsEntry("error_message", "与第 " + succeeded.get(0) + " 次运行已入库的文件内容完全相同，未重复入库")));
			assertThat(dataDir.resolve("outbox/" + file.getParent().getFileName()).resolve(name + ".回执.csv")).exists();
		}
		assertThat(jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class))
			.isEqualTo(rows + 3L * small.size());
		// the feedback written once, by the survivor, with its counts
		Path outbox = dataDir.resolve("outbox/heshan");
		try (Stream<Path> files = Files.list(outbox)) {
			assertThat(files.map((p) -> p.getFileName().toString()).filter((n) -> n.startsWith(big)))
				.containsExactly(big + ".回执.csv");
		}
		try (Stream<Path> files = Files.list(outbox)) {
			assertThat(files.map((p) -> p.getFileName().toString()).filter((n) -> n.startsWith(".")))
				.as("no part of the killed hub's feedback in the county's outbox")
				.isEmpty();
		}
		String feedback = Files.readString(outbox.resolve(big + ".回执.csv"), StandardCharsets.UTF_8);
		assertThat(feedback).contains("读取行数," + rows + ",入库行数," + rows + ",退回行数,0");
		try (Stream<Path> archived = Files.walk(dataDir.resolve("archive/heshan"))) {
			assertThat(archived.filter((p) -> p.getFileName().toString().equals(big))).hasSize(1);
		}
		// no claim left: the survivor removes a file's claim when its exchange ends, just
		// after the file left the inbox; the dead hub's claims were taken over, or (a
		// file it had moved out before it was killed) forgotten by the leader after five
		// claim max ages
		await().atMost(CLAIM_MAX_AGE.multipliedBy(InboxClaimSweeper.AGES + 3))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(
					() -> assertThat(jdbc.queryForObject("SELECT count(*) FROM ops.inbox_claim", Long.class)).isZero());
	}

	// ------------------------------------------------------------------------------------
	// hubs

	/** Starts hubs until two are running. */
	private static void twoHubs() throws Exception {
		hubs.removeIf((hub) -> !hub.isAlive());
		if (hubs.size() < 2) {
			startHubs(2 - hubs.size());
		}
	}

	/** Starts hubs side by side, as two servers booting together, and waits for them. */
	private static List<HubProcess> startHubs(int n) throws Exception {
		List<HubProcess> fresh = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			String name = "hub-" + (++started);
			fresh.add(HubProcess.start(name, freePort(), LOGS.resolve(name + ".log"), hubArguments()));
		}
		for (HubProcess hub : fresh) {
			hub.awaitUp(START);
			hubs.add(hub);
		}
		return fresh;
	}

	private static List<String> hubArguments() {
		return List.of("--hub.data-dir=" + dataDir, "--hub.sources-dir=" + sourcesDir,
				"--spring.datasource.url=" + databaseUrl(), "--spring.datasource.username=vethub",
				"--spring.datasource.password=" + HUB_PASSWORD, "--hub.cluster.service=file",
				"--hub.cluster.claim-max-age=" + CLAIM_MAX_AGE.toMillis() + "ms",
				"--hub.province-sync.commit-records=500", "--PROVINCE_CLIENT_SECRET=" + FakeProvinceApi.SECRET,
				"--logging.level.org.apache.camel.component.file.cluster=INFO");
	}

	/** The leader: the hub that accepts a sync of the province (the other refuses it). */
	private static HubProcess leader() {
		AtomicReference<HubProcess> leader = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
			for (HubProcess hub : hubs) {
				if (hub.post("/api/sources/province/sync") == 202) {
					leader.set(hub);
					return true;
				}
			}
			return false;
		});
		return leader.get();
	}

	private static HubProcess other(HubProcess hub) {
		return hubs.stream().filter((h) -> h != hub).findFirst().orElseThrow();
	}

	private static HubProcess hubOf(UUID instance) {
		return hubs.stream()
			.filter((h) -> instance.equals(h.instanceId()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no hub of instance " + instance + " among " + hubs));
	}

	// ------------------------------------------------------------------------------------
	// ledger and marks

	private static List<Long> runningRuns() {
		return jdbc.queryForList("SELECT id FROM ops.ingest_run WHERE status = 'running' ORDER BY id", Long.class);
	}

	private static long onlyRunOf(String source) {
		List<Long> ids = jdbc.queryForList("SELECT id FROM ops.ingest_run WHERE source_id = ?", Long.class, source);
		assertThat(ids).hasSize(1);
		return ids.get(0);
	}

	private static List<Long> runsOf(String fileName, String status) {
		return jdbc.queryForList("SELECT id FROM ops.ingest_run WHERE file_name = ? AND status = ? ORDER BY id",
				Long.class, fileName, status);
	}

	private static Map<String, Object> run(long id) {
		return jdbc.queryForMap("SELECT * FROM ops.ingest_run WHERE id = ?", id);
	}

	private static UUID runInstance(long id) {
		return jdbc.queryForObject("SELECT instance_id FROM ops.ingest_run WHERE id = ?", UUID.class, id);
	}

	private static long markRun(String endpoint) {
		List<Long> runs = jdbc.queryForList(
				"SELECT run_id FROM ops.sync_mark WHERE source_id = 'province' AND endpoint = ?", Long.class, endpoint);
		return runs.isEmpty() ? -1 : runs.get(0);
	}

	private static String markSince(String endpoint) {
		return jdbc.queryForObject("SELECT to_char(since, 'YYYY-MM-DD HH24:MI:SS') FROM ops.sync_mark"
				+ " WHERE source_id = 'province' AND endpoint = ?", String.class, endpoint);
	}

	/**
	 * The veterans the mark says are committed: those updated before its time, and those
	 * at its time whose ids it lists.
	 */
	private static int committedVeterans() {
		Map<String, Object> mark = jdbc.queryForMap("""
				SELECT since, cardinality(ids_at_since) AS at_since FROM ops.sync_mark
				 WHERE source_id = 'province' AND endpoint = '/api/v1/veterans'""");
		LocalDateTime since = ((java.sql.Timestamp) mark.get("since")).toLocalDateTime();
		int before = 0;
		for (int i = 1; i <= VETERANS; i++) {
			if (T0.plusSeconds(i / 2).isBefore(since)) {
				before++;
			}
		}
		return before + ((Number) mark.get("at_since")).intValue();
	}

	// ------------------------------------------------------------------------------------
	// files

	private static void drop(Path file, String county) throws IOException {
		Path inbox = Files.createDirectories(dataDir.resolve("inbox/county/" + county));
		Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
	}

	private static boolean inboxEmpty(String county) throws IOException {
		try (Stream<Path> files = Files.list(dataDir.resolve("inbox/county/" + county))) {
			return files.findAny().isEmpty();
		}
	}

	/**
	 * A roster as Excel writes it: ID numbers and phones as text, dates as serial numbers
	 * in a date format, the strings shared.
	 */
	private static Path roster(Path file, int rows) {
		RawXlsx xlsx = new RawXlsx();
		xlsx.row("花名册", (Object[]) ROSTER_HEADER.split(","));
		for (int i = 0; i < rows; i++) {
			LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(i % 20000);
			boolean male = i % 2 == 0;
			xlsx.row("花名册", NAMES.get(i % NAMES.size()), IdCards.valid("440784", birth, (i / 20000) * 2, male),
					male ? "男" : "女", RawXlsx.date(serial(birth)), RawXlsx.date(serial(birth.plusYears(18))),
					RawXlsx.shortDate(serial(birth.plusYears(21))), "138" + String.format("%08d", i),
					TOWNS[i % TOWNS.length], "第" + (i % 30) + "村", (i % 3 == 0) ? "党员" : "群众",
					(i % 5 == 0) ? "转业干部" : "退伍军人");
		}
		return xlsx.writeTo(file);
	}

	/** Excel's serial number of a date (days since 1899-12-30). */
	private static String serial(LocalDate date) {
		return Long.toString(ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), date));
	}

	private static Path writeSources(Path dir) throws IOException {
		Files.writeString(dir.resolve("heshan.yml"), """
				source:
				  id: heshan
				  kind: county
				  name: 鹤山市
				  county-code: "440784"
				  file-pattern: ".*"
				""");
		Files.writeString(dir.resolve("xinhui.yml"), """
				source:
				  id: xinhui
				  kind: county
				  name: 新会区
				  county-code: "440705"
				  file-pattern: ".*"
				""");
		// pages of 100; a held page must outlast a hub's start (read-timeout)
		Files.writeString(dir.resolve("province.yml"), """
				source:
				  id: province
				  kind: province
				  name: 广东省退役军人信息管理系统
				  province:
				    base-url: %s
				    client-id: %s
				    client-secret: ${PROVINCE_CLIENT_SECRET}
				    page-size: 100
				    connect-timeout: 5s
				    read-timeout: 180s
				    max-attempts: 3
				    backoff: 100ms
				    max-backoff: 1s
				    schedule: "0 0 2 * * ?"
				    time-zone: Asia/Shanghai
				""".formatted(province.baseUrl(), FakeProvinceApi.CLIENT_ID));
		return dir;
	}

	private static String databaseUrl() {
		return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/vethub";
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Lets veterans pages through, or holds every page after the first {@code n} until
	 * released (an HTTP server thread waits, as a slow provincial system does).
	 */
	private static final class PageGate {

		private final int passing;

		private final AtomicInteger pages = new AtomicInteger();

		private final CountDownLatch held = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		private PageGate(int passing) {
			this.passing = passing;
		}

		static PageGate open() {
			return new PageGate(Integer.MAX_VALUE);
		}

		static PageGate holdAfter(int pages) {
			return new PageGate(pages);
		}

		void pass() {
			if (this.pages.incrementAndGet() > this.passing) {
				this.held.countDown();
				try {
					this.released.await(3, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		boolean held() {
			return this.held.getCount() == 0;
		}

		void release() {
			this.released.countDown();
		}

	}

}
