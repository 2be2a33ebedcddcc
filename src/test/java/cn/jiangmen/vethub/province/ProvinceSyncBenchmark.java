package cn.jiangmen.vethub.province;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.source.ProvinceSettings;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.system.EmbeddedSuperuser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static cn.jiangmen.vethub.province.FakeProvinceApi.VETERANS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Speed of the provincial sync
 * ({@code ./mvnw -Pbenchmark verify -Dtest=ProvinceSyncBenchmark}): a local fake server
 * in a JVM of its own ({@link FakeProvinceProcess}, as the provincial system is another
 * machine; it shares the cores all the same) holds {@code N} veterans (default 100,000,
 * {@code -Dprovince.benchmark.n=...}); the run prints the time a bare client needs to
 * fetch every page (JSON parsed, nothing else) and, against the same server, the time of
 * a full sync into an empty warehouse, each measured warm: after
 * {@code -Dprovince.benchmark.warmups} (default 20) fetches and as many syncs, each
 * followed by an emptied warehouse, so that the JIT compiler is done with most of the
 * code (the time it still works is printed). Then {@code -Dprovince.benchmark.rounds}
 * (default 5) rounds of one fetch and one sync; the medians are compared
 * ({@code -Dprovince.benchmark.page=...} sets the page size, default 500 as in
 * {@code config/sources/province.yml}). Goal: sync at most 1.3 times the bare fetch.
 * {@code -Dprovince.benchmark.floor=true} also prints the floor that PostgreSQL's own
 * work sets on the same cores ({@link #floor}).
 */
@Tag("benchmark")
class ProvinceSyncBenchmark extends HubIntegrationTest {

	@Autowired
	private ProvinceSync sync;

	@Autowired
	private JsonMapper json;

	@Autowired
	private EmbeddedPostgres embeddedPostgres;

	@Test
	void fullSyncAgainstTheBareFetchOfEveryPage() throws Exception {
		int n = Integer.getInteger("province.benchmark.n", 100_000);
		try (FakeProvinceProcess api = FakeProvinceProcess.start(n)) {
			int pageSize = Integer.getInteger("province.benchmark.page", 500);
			ProvinceSettings s = api.settings(pageSize, Duration.ofSeconds(30));
			ProvinceSettings settings = new ProvinceSettings(s.baseUrl(), s.clientId(), s.clientSecret(), pageSize,
					s.connectTimeout(), s.readTimeout(), 5, s.backoff(), s.maxBackoff(), s.schedule(), s.timeZone());
			int warmups = Integer.getInteger("province.benchmark.warmups", 20);
			int rounds = Integer.getInteger("province.benchmark.rounds", 5);
			SourceDefinition source = new SourceDefinition("province", SourceKind.PROVINCE, "benchmark", null, null,
					".*", true, settings, null);
			// warm-up of both, so that neither is measured while the JIT compiler takes a
			// core: fetches, and full syncs each followed by an emptied warehouse. Code
			// that runs once per request (the HTTP client, the driver)
			// needs thousands of requests before the compiler is done with it: after 3
			// rounds a fetch took 0.6 s, after 20 rounds 0.4 s.
			CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
			long pages = 0;
			long[] warmupJit = new long[warmups];
			for (int i = 0; i < warmups; i++) {
				long jitBefore = jit.getTotalCompilationTime();
				pages = bareFetch(settings, n);
				sync(source);
				warmupJit[i] = jit.getTotalCompilationTime() - jitBefore;
			}
			// then rounds of one fetch and one sync: the medians are compared, as one run
			// of either varies by a tenth on two shared cores
			long[] fetchNanos = new long[rounds];
			long[] syncNanos = new long[rounds];
			long fetchJit = 0;
			long syncJit = 0;
			for (int r = 0; r < rounds; r++) {
				long jitBefore = jit.getTotalCompilationTime();
				long start = System.nanoTime();
				bareFetch(settings, n);
				fetchNanos[r] = System.nanoTime() - start;
				long jitBetween = jit.getTotalCompilationTime();
				fetchJit += jitBetween - jitBefore;
				start = System.nanoTime();
				long runId = this.sync.syncNow(source, RunTrigger.MANUAL, true).orElseThrow();
				syncNanos[r] = System.nanoTime() - start;
				syncJit += jit.getTotalCompilationTime() - jitBetween;
				assertThat(
						this.jdbc.queryForObject("SELECT status FROM ops.ingest_run WHERE id = ?", String.class, runId))
					.isEqualTo("succeeded");
				assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isEqualTo(n);
				emptyWarehouse();
			}
			double fetch = median(fetchNanos) / 1e9;
			double sync = median(syncNanos) / 1e9;
			System.out.printf(Locale.ROOT,
					"%nProvinceSyncBenchmark: %,d veterans, %d pages of %d, median of %d rounds (min-max)%n"
							+ "  after %d warm-up rounds of both (JIT compiler time per round, ms: %s)%n"
							+ "  bare fetch of every page: %.2f s (%.2f-%.2f)%n"
							+ "  full sync into dw.person:  %.2f s (%.2f-%.2f)%n"
							+ "  ratio sync / fetch:        %.2f (goal <= 1.3)%n"
							+ "  JIT compiling meanwhile:   %d ms in the fetches, %d ms in the syncs%n"
							+ "  heap used after the sync:  %d MB of %d MB max%n%n",
					n, pages, pageSize, rounds, warmups, jitMillis(warmupJit), fetch, min(fetchNanos), max(fetchNanos),
					sync, min(syncNanos), max(syncNanos), sync / fetch, fetchJit, syncJit,
					(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
					Runtime.getRuntime().maxMemory() >> 20);
			if (Boolean.getBoolean("province.benchmark.floor")) {
				floor(settings, source, n, rounds);
			}
		}
	}

	/**
	 * The floor that PostgreSQL's own work sets ({@code -Dprovince.benchmark.floor=true},
	 * embedded database only): the rows of a sync are dumped by a server-side binary
	 * COPY, then each round times a bare fetch, and the pager alone (no mapping, no
	 * loading) while the database takes the same rows by a server-side COPY into a copy
	 * of {@code dw.person} at the same time; no sync can beat that on the same cores. A
	 * server-side COPY reads and writes the server's files, which the hub's role may not:
	 * both COPYs go through an explicit superuser connection ({@link EmbeddedSuperuser},
	 * password from the superuser's file), everything else through the hub's.
	 */
	private void floor(ProvinceSettings settings, SourceDefinition source, int n, int rounds) throws Exception {
		JdbcTemplate superuser = new JdbcTemplate(
				EmbeddedSuperuser.dataSource(DATA_DIR, this.embeddedPostgres.getPort()));
		Path dir = Files.createTempDirectory("vethub-floor-");
		Path rows = dir.resolve("person.bin");
		try {
			this.sync.syncNow(source, RunTrigger.MANUAL, true).orElseThrow();
			// in the order the sync wrote them (chunks sorted by ID number)
			superuser.execute("COPY dw.person TO '" + rows + "' (FORMAT binary)");
			emptyWarehouse();
			this.jdbc.execute("CREATE TABLE dw.benchmark_floor_person (LIKE dw.person INCLUDING ALL)");
			long[] fetchNanos = new long[rounds];
			long[] floorNanos = new long[rounds];
			for (int r = 0; r < rounds + 1; r++) {
				long start = System.nanoTime();
				bareFetch(settings, n);
				long fetched = System.nanoTime() - start;
				start = System.nanoTime();
				CompletableFuture<Void> copy = CompletableFuture.runAsync(
						() -> superuser.execute("COPY dw.benchmark_floor_person FROM '" + rows + "' (FORMAT binary)"));
				new ProvincePager(new ProvinceClient(settings, this.json), VETERANS, "id", settings.pageSize())
					.read(SyncMark.START, (records, mark) -> {
					});
				copy.join();
				long floored = System.nanoTime() - start;
				this.jdbc.execute("TRUNCATE dw.benchmark_floor_person");
				if (r > 0) {
					// the first round warms the pager's own code
					fetchNanos[r - 1] = fetched;
					floorNanos[r - 1] = floored;
				}
			}
			double fetch = median(fetchNanos) / 1e9;
			double floor = median(floorNanos) / 1e9;
			System.out.printf(Locale.ROOT,
					"  floor: pager alone while PostgreSQL COPYs the same rows: %.2f s (%.2f-%.2f), bare fetch %.2f s,"
							+ " ratio %.2f%n%n",
					floor, min(floorNanos), max(floorNanos), fetch, floor / fetch);
		}
		finally {
			this.jdbc.execute("DROP TABLE IF EXISTS dw.benchmark_floor_person");
			Files.deleteIfExists(rows);
			Files.deleteIfExists(dir);
		}
	}

	private void sync(SourceDefinition source) {
		this.sync.syncNow(source, RunTrigger.MANUAL, true).orElseThrow();
		emptyWarehouse();
	}

	private void emptyWarehouse() {
		this.jdbc.execute("TRUNCATE dw.person, dw.person_observation_log, ops.sync_mark CASCADE");
	}

	/** The JIT compiler times of the warm-up rounds: first and last three. */
	private static String jitMillis(long[] millis) {
		if (millis.length <= 6) {
			return Arrays.toString(millis);
		}
		return String.format(Locale.ROOT, "%d %d %d ... %d %d %d", millis[0], millis[1], millis[2],
				millis[millis.length - 3], millis[millis.length - 2], millis[millis.length - 1]);
	}

	private static double median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return (sorted.length % 2 == 1) ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
	}

	private static double min(long[] values) {
		return Arrays.stream(values).min().orElseThrow() / 1e9;
	}

	private static double max(long[] values) {
		return Arrays.stream(values).max().orElseThrow() / 1e9;
	}

	private long bareFetch(ProvinceSettings settings, int n) {
		ProvinceClient client = new ProvinceClient(settings, this.json);
		long records = 0;
		long pages = 0;
		for (long current = 1;; current++) {
			ProvincePage page = client.fetch(VETERANS, null, current, settings.pageSize());
			records += page.records().size();
			pages++;
			if (page.isLast()) {
				break;
			}
		}
		assertThat(records).isEqualTo(n);
		return pages;
	}

}
