package cn.jiangmen.vethub.partner;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.source.DatabaseSettings;
import cn.jiangmen.vethub.source.DatabaseSettings.WatermarkType;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;

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
 * Prints the medians, their ratio and the peak heap. Run it with
 * {@code ./mvnw -Pbenchmark verify -Dtest=DatabaseSourceBenchmark} (512 MB heap).
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
		int rows = Integer.getInteger("bench.rows", 1_000_000);
		int rounds = Integer.getInteger("bench.rounds", 3);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			String id = IdCards.valid("440705", LocalDate.of(1930, 1, 1).plusDays(i * 7L), i % 1000, i % 2 == 0);
			ids.add(id);
			this.jdbc.update("""
					INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
					VALUES (?, '测试', 'M', ?, 'province', now())""", id,
					java.sql.Date.valueOf(LocalDate.of(1930, 1, 1).plusDays(i * 7L)));
		}
		try (PartnerDatabase partner = PartnerDatabase.recreate(this.dataSource, DATA_DIR)) {
			partner.his().update("""
					INSERT INTO his.dispensing (serial_no, id_card, patient_name, dispensed_on, drug, fee, discount,
					                            updated_at, pharmacist)
					SELECT 'RX' || lpad(g::text, 9, '0'), (?::text[])[1 + g % 1000], '患者',
					       date '2026-01-01' + (g % 300), '药品' || (g % 97), (g % 500) + 0.5, 0,
					       timestamp '2026-01-01 00:00' + g * interval '1 second', '药师甲'
					  FROM generate_series(1, ?) AS g""", ids.toArray(String[]::new), rows);
			partner.his().execute("VACUUM ANALYZE his.dispensing");
			SourceDefinition source = source(partner);
			this.jdbc.execute("""
					DROP SCHEMA IF EXISTS bench CASCADE;
					CREATE SCHEMA bench;
					CREATE TABLE bench.medical_service (LIKE dw.medical_service INCLUDING DEFAULTS);
					ALTER TABLE bench.medical_service ADD PRIMARY KEY (partner_id, record_key)""");
			double[] hub = new double[rounds];
			double[] copy = new double[rounds];
			long peak = 0;
			for (int r = -1; r < rounds; r++) {
				this.jdbc.execute("TRUNCATE dw.medical_service, ops.rejected_row, ops.ingest_run CASCADE");
				resetPeaks();
				long start = System.nanoTime();
				long runId = this.sync.syncNow(source, RunTrigger.MANUAL, true).orElseThrow();
				double seconds = (System.nanoTime() - start) / 1e9;
				assertThat(this.jdbc.queryForObject("SELECT rows_loaded FROM ops.ingest_run WHERE id = ?", Long.class,
						runId))
					.isEqualTo(rows);
				double baseline = baselineCopy(partner);
				if (r >= 0) {
					hub[r] = seconds;
					copy[r] = baseline;
					peak = Math.max(peak, peakHeap());
				}
			}
			double hubSeconds = median(hub);
			double copySeconds = median(copy);
			String report = String.format(
					"""
							Database source benchmark (max heap %d MB)
							  %,d rows of a view on the embedded server; median of %d rounds (min-max)
							    hub run (stream with fetch size + map + normalize + upsert + mark): %.2f s (%.2f-%.2f), %,.0f rows/s
							    COPY (SELECT ...) TO STDOUT piped into COPY ... FROM STDIN:          %.2f s (%.2f-%.2f)
							    ratio hub / COPY: %.2f (goal <= 2.0)
							    peak heap during the hub runs (sum of heap pool peaks): %d MB
							""",
					Runtime.getRuntime().maxMemory() >> 20, rows, rounds, hubSeconds,
					Arrays.stream(hub).min().orElseThrow(), Arrays.stream(hub).max().orElseThrow(), rows / hubSeconds,
					copySeconds, Arrays.stream(copy).min().orElseThrow(), Arrays.stream(copy).max().orElseThrow(),
					hubSeconds / copySeconds, peak >> 20);
			System.out.println(report);
			Files.writeString(Path.of("target", "database-source-benchmark.txt"), report);
			this.jdbc.execute("DROP SCHEMA bench CASCADE");
		}
	}

	/** The same rows, COPYed out of the partner's view straight into a plain table. */
	private double baselineCopy(PartnerDatabase partner) throws Exception {
		this.jdbc.execute("TRUNCATE bench.medical_service");
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
				.copyIn("COPY bench.medical_service (source_id, partner_id, record_key, id_card, service_date, item, "
						+ "fee, discount, run_id) FROM STDIN", in);
			reading.join();
			double seconds = (System.nanoTime() - start) / 1e9;
			assertThat(copied).isPositive();
			return seconds;
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

	private static void resetPeaks() {
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	private static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

}
