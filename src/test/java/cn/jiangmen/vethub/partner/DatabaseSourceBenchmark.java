package cn.jiangmen.vethub.partner;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import com.zaxxer.hikari.HikariDataSource;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.source.DatabaseSettings;
import cn.jiangmen.vethub.source.DatabaseSettings.WatermarkType;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.system.EmbeddedSuperuser;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark of a database source (not a timed test: it prints its figures). Fills the
 * partner's view ({@link PartnerDatabase}, a second database on the embedded server) with
 * N rows ({@code -Dbench.rows}, default 1,000,000) of 1,000 known persons, then, in each
 * of {@code -Dbench.rounds} rounds (default 3, after one warm-up), pulls them end to end
 * through {@link DatabaseSourceSync} (a full read into an emptied
 * {@code dw.medical_service}) and, as the baseline, pipes
 * {@code COPY (SELECT ...) TO STDOUT} of the same rows into {@code COPY ... FROM STDIN}
 * of a plain table with the same columns and key (pgjdbc's CopyManager, two connections).
 * Prints the medians, their ratio, the peak heap and where the run spent its time
 * ({@link DatabaseSourceSync#lastPhases()}); {@code -Dbench.rows=250000,500000,1000000}
 * runs each size in turn in one JVM, so that the heap of each N is printed side by side.
 * Run it with {@code ./mvnw -Pbenchmark verify -Dtest=DatabaseSourceBenchmark} (512 MB
 * heap).
 */
@Tag("benchmark")
class DatabaseSourceBenchmark extends HubIntegrationTest {

	private static final String SELECT = """
			SELECT serial_no, id_card, patient_name, dispensed_on, drug, fee, discount, updated_at
			  FROM vethub.dispensing_v""";

	@Autowired
	DatabaseSourceSync sync;

	@Autowired
	DataSource dataSource;

	@Test
	void viewIntoTheWarehouseAgainstPlainCopy() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			String id = IdCards.valid("440705", LocalDate.of(1930, 1, 1).plusDays(i * 7L), i % 1000, i % 2 == 0);
			ids.add(id);
			this.jdbc.update("""
					INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
					VALUES (?, '测试', 'M', ?, 'province', now())""", id,
					java.sql.Date.valueOf(LocalDate.of(1930, 1, 1).plusDays(i * 7L)));
		}
		StringBuilder all = new StringBuilder();
		for (String n : System.getProperty("bench.rows", "1000000").split(",")) {
			all.append(benchmark(ids, Integer.parseInt(n.strip().replace("_", ""))));
		}
		System.out.println(all);
	}

	private String benchmark(List<String> ids, int rows) throws Exception {
		int warmups = Integer.getInteger("bench.warmups", 1);
		int rounds = Integer.getInteger("bench.rounds", 3);
		try (PartnerDatabase partner = PartnerDatabase.recreate(this.dataSource, DATA_DIR);
				HeapWatch heap = new HeapWatch()) {
			partner.his().update("""
					INSERT INTO his.dispensing (serial_no, id_card, patient_name, dispensed_on, drug, fee, discount,
					                            updated_at, pharmacist)
					SELECT 'RX' || lpad(g::text, 9, '0'), (?::text[])[1 + g % 1000], '患者',
					       date '2026-01-01' + (g % 300), '药品' || (g % 97), (g % 500) + 0.5, 0,
					       timestamp '2026-01-01 00:00' + g * interval '1 second', '药师甲'
					  FROM generate_series(1, ?) AS g""", ids.toArray(String[]::new), rows);
			partner.his().execute("VACUUM ANALYZE his.dispensing");
			SourceDefinition source = source(partner);
			Matcher port = Pattern.compile("//[^/:]+:(\\d+)/")
				.matcher(((HikariDataSource) this.dataSource).getJdbcUrl());
			assertThat(port.find()).isTrue();
			// a checkpoint before each timed step, so that none pays for the WAL of
			// another
			JdbcTemplate admin = new JdbcTemplate(
					EmbeddedSuperuser.dataSource(DATA_DIR, Integer.parseInt(port.group(1))));
			this.jdbc.execute("""
					DROP SCHEMA IF EXISTS bench CASCADE;
					CREATE SCHEMA bench;
					CREATE TABLE bench.medical_service (LIKE dw.medical_service INCLUDING DEFAULTS);
					ALTER TABLE bench.medical_service ADD PRIMARY KEY (partner_id, record_key);
					CREATE TABLE bench.medical_service_no_fk (LIKE dw.medical_service INCLUDING ALL)""");
			double[] hub = new double[rounds];
			double[] copy = new double[rounds];
			double[] plain = new double[rounds];
			double[] loading = new double[rounds];
			double[] noFk = new double[rounds];
			List<Map<String, Long>> phases = new ArrayList<>();
			long peak = 0;
			long live = 0;
			for (int r = -warmups; r < rounds; r++) {
				this.jdbc.execute("TRUNCATE dw.medical_service, ops.rejected_row, ops.ingest_run CASCADE");
				admin.execute("CHECKPOINT");
				heap.reset();
				long start = System.nanoTime();
				long runId = this.sync.syncNow(source, RunTrigger.MANUAL, true).orElseThrow();
				double seconds = (System.nanoTime() - start) / 1e9;
				heap.sample();
				assertThat(this.jdbc.queryForObject("SELECT rows_loaded FROM ops.ingest_run WHERE id = ?", Long.class,
						runId))
					.isEqualTo(rows);
				assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.medical_service", Long.class))
					.isEqualTo(rows);
				double loadSeconds = this.sync.lastLoadNanos() / 1e9;
				this.jdbc.execute("TRUNCATE dw.medical_service");
				admin.execute("CHECKPOINT");
				double intoTarget = baselineCopy(partner, "dw.medical_service");
				this.jdbc.execute("TRUNCATE bench.medical_service");
				admin.execute("CHECKPOINT");
				double intoPlain = baselineCopy(partner, "bench.medical_service");
				this.jdbc.execute("TRUNCATE bench.medical_service_no_fk");
				admin.execute("CHECKPOINT");
				double intoNoFk = baselineCopy(partner, "bench.medical_service_no_fk");
				System.out.printf(
						"  round %d: hub %.2f s (loading %.2f s), COPY into dw.medical_service %.2f s, "
								+ "into its copy without the FK %.2f s, into a key-only table %.2f s, heap peak %d MB, "
								+ "live after GC %d MB, load %.2f%n",
						r, seconds, loadSeconds, intoTarget, intoNoFk, intoPlain, heap.peak() >> 20, heap.live() >> 20,
						ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
				System.out.println("    phases: " + phaseLine(this.sync.lastPhases()));
				if (r >= 0) {
					hub[r] = seconds;
					copy[r] = intoTarget;
					plain[r] = intoPlain;
					loading[r] = loadSeconds;
					noFk[r] = intoNoFk;
					phases.add(this.sync.lastPhases());
					peak = Math.max(peak, heap.peak());
					live = Math.max(live, heap.live());
				}
			}
			double readMap = readAndMapOnly(partner, source);
			double hubSeconds = median(hub);
			double copySeconds = median(copy);
			double plainSeconds = median(plain);
			String report = String.format(
					"""
							Database source benchmark (max heap %d MB, %d cores, load average %.2f at the end)
							  %,d rows of a view on the embedded server; median of %d rounds (min-max), after %d warm-up(s)
							    hub run (stream with fetch size + map + normalize + upsert + mark): %.2f s (%.2f-%.2f), %,.0f rows/s
							      of which committing the batches (loader, rejects, mark):          %.2f s
							      streaming + mapping alone, nothing loaded (one pass):             %.2f s
							    COPY (SELECT ...) TO STDOUT piped into COPY dw.medical_service FROM STDIN
							      (the target table: same indexes and foreign key):                 %.2f s (%.2f-%.2f)
							    the same COPY into a table with the key only, no other index or FK: %.2f s (%.2f-%.2f)
							    ratio hub / COPY into the target table: %.2f (goal <= 2.0)
							    ratio hub / COPY into the key-only table: %.2f
							    the same COPY into a copy of dw.medical_service without the FK:   %.2f s (%.2f-%.2f)
							      so the FK trigger costs the baseline COPY about:                  %.2f s
							    peak heap used during the hub runs (heap before a GC, or at the end): %d MB; most live after a GC: %d MB
							    where the hub run spends its time (median of the rounds; the reading and the commit thread overlap):
							%s""",
					Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), rows, rounds, warmups,
					hubSeconds, Arrays.stream(hub).min().orElseThrow(), Arrays.stream(hub).max().orElseThrow(),
					rows / hubSeconds, median(loading), readMap, copySeconds, Arrays.stream(copy).min().orElseThrow(),
					Arrays.stream(copy).max().orElseThrow(), plainSeconds, Arrays.stream(plain).min().orElseThrow(),
					Arrays.stream(plain).max().orElseThrow(), hubSeconds / copySeconds, hubSeconds / plainSeconds,
					median(noFk), Arrays.stream(noFk).min().orElseThrow(), Arrays.stream(noFk).max().orElseThrow(),
					copySeconds - median(noFk), peak >> 20, live >> 20, phaseTable(phases));
			Files.writeString(Path.of("target", "database-source-benchmark-" + rows + ".txt"), report);
			this.jdbc.execute("DROP SCHEMA bench CASCADE");
			return report;
		}
	}

	private static String phaseLine(Map<String, Long> phases) {
		StringBuilder line = new StringBuilder();
		phases.forEach((phase, nanos) -> line.append(String.format("%s %.2f s; ", phase, nanos / 1e9)));
		return line.toString();
	}

	/** Each phase's median over the rounds. */
	private static String phaseTable(List<Map<String, Long>> rounds) {
		StringBuilder table = new StringBuilder();
		for (String phase : rounds.get(rounds.size() - 1).keySet()) {
			double[] seconds = rounds.stream().mapToDouble((p) -> p.getOrDefault(phase, 0L) / 1e9).toArray();
			table.append(String.format("      %-66s %.2f s (%.2f-%.2f)%n", phase + ":", median(seconds),
					Arrays.stream(seconds).min().orElseThrow(), Arrays.stream(seconds).max().orElseThrow()));
		}
		return table.toString();
	}

	/**
	 * The same rows, COPYed out of the partner's view straight into a table of the
	 * warehouse.
	 */
	private double baselineCopy(PartnerDatabase partner, String table) throws Exception {
		try (Connection from = DriverManager.getConnection(partner.url(), partner.user(), partner.password());
				Connection to = this.dataSource.getConnection()) {
			long start = System.nanoTime();
			PipedInputStream in = new PipedInputStream(1 << 20);
			PipedOutputStream out = new PipedOutputStream(in);
			CompletableFuture<Long> reading = CompletableFuture.supplyAsync(() -> {
				try (out) {
					return from.unwrap(PGConnection.class)
						.getCopyAPI()
						.copyOut("COPY (SELECT 'pharmacy-bench', 'pharmacy-bench', serial_no, id_card, dispensed_on, "
								+ "drug, fee, discount, 0 FROM vethub.dispensing_v) TO STDOUT", out);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			long copied = to.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY " + table + " (source_id, partner_id, record_key, id_card, service_date, item, "
						+ "fee, discount, run_id) FROM STDIN", in);
			reading.join();
			double seconds = (System.nanoTime() - start) / 1e9;
			assertThat(copied).isPositive();
			return seconds;
		}
	}

	/**
	 * The hub's query, streamed and mapped exactly as a run does, without loading
	 * anything: what reading costs before the warehouse.
	 */
	private static double readAndMapOnly(PartnerDatabase partner, SourceDefinition source) throws Exception {
		DatabaseSettings settings = source.database();
		try (Connection con = DriverManager.getConnection(partner.url(), partner.user(), partner.password())) {
			con.setAutoCommit(false);
			long start = System.nanoTime();
			long mapped = 0;
			try (PreparedStatement ps = con.prepareStatement(DatabaseSourceSync.statement(settings))) {
				ps.setFetchSize(settings.fetchSize());
				ps.setTimestamp(1, DatabaseSourceSync.TIMESTAMP_START);
				try (ResultSet rs = ps.executeQuery()) {
					ResultSetRows rows = new ResultSetRows(rs.getMetaData(), settings.mapping(),
							java.time.ZoneId.of(settings.timeZone()));
					PartnerRowMapper mapper = new PartnerRowMapper(settings.mapping(), rows.columns(settings.mapping()),
							rows.headers(), null);
					long n = 0;
					while (rs.next()) {
						if (mapper.map(rows.row(rs, ++n)) instanceof PartnerRowMapper.Mapped) {
							mapped++;
						}
					}
				}
			}
			con.rollback();
			assertThat(mapped).isPositive();
			return (System.nanoTime() - start) / 1e9;
		}
	}

	private static SourceDefinition source(PartnerDatabase partner) {
		Map<String, Field> fields = new LinkedHashMap<>();
		fields.put("serial-no", new Field("serial_no", null, null, null));
		fields.put("id-card", new Field("id_card", null, null, null));
		fields.put("name", new Field("patient_name", null, null, null));
		fields.put("service-date", new Field("dispensed_on", null, null, null));
		fields.put("item", new Field("drug", null, null, null));
		fields.put("fee", new Field("fee", null, null, null));
		fields.put("discount", new Field("discount", null, null, null));
		DatabaseSettings settings = new DatabaseSettings(partner.url(), partner.user(), partner.password(), null,
				SELECT + " WHERE updated_at > :#watermark", "updated_at", WatermarkType.TIMESTAMP, 5000, 10000,
				Duration.ofSeconds(10), "0 0 3 * * ?", "Asia/Shanghai",
				List.of(new Mapping(Target.MEDICAL_SERVICE, fields, null)));
		return new SourceDefinition("pharmacy-bench", SourceKind.DATABASE, "基准药房", null, null, null, true, null, null,
				settings);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	/**
	 * The heap used, as the collector saw it: the largest heap before a collection (the
	 * peak of what was used, garbage included) and the largest heap left after one (what
	 * was live), from the collectors' notifications; the heap at {@link #sample()} counts
	 * as well.
	 */
	private static final class HeapWatch implements AutoCloseable, NotificationListener {

		private final AtomicLong peak = new AtomicLong();

		private final AtomicLong live = new AtomicLong();

		HeapWatch() {
			for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
				((NotificationEmitter) gc).addNotificationListener(this, null, null);
			}
		}

		@Override
		public void handleNotification(Notification notification, Object handback) {
			if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
				return;
			}
			GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
				.getGcInfo();
			this.peak.accumulateAndGet(heapOf(info.getMemoryUsageBeforeGc()), Math::max);
			this.live.accumulateAndGet(heapOf(info.getMemoryUsageAfterGc()), Math::max);
		}

		private static long heapOf(Map<String, MemoryUsage> pools) {
			long used = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				MemoryUsage usage = pools.get(pool.getName());
				if (pool.getType() == MemoryType.HEAP && usage != null) {
					used += usage.getUsed();
				}
			}
			return used;
		}

		void reset() {
			System.gc();
			this.peak.set(0);
			this.live.set(0);
		}

		void sample() {
			this.peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
		}

		long peak() {
			return this.peak.get();
		}

		long live() {
			return this.live.get();
		}

		@Override
		public void close() throws Exception {
			for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
				((NotificationEmitter) gc).removeNotificationListener(this);
			}
		}

	}

}
