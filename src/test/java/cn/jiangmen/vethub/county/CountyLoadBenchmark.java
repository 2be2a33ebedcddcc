package cn.jiangmen.vethub.county;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.testdata.IdCards;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk-load benchmark of the county pipeline (not a timed test: it prints its figures).
 * Generates an N-row roster CSV ({@code -Dbench.rows}, default 1,000,000) of valid rows,
 * loads it end to end through {@link CountyFileProcessor} into {@code dw.person}, then
 * COPYs the same file into a plain table with the same columns and primary key (the
 * {@code psql \copy} baseline, in a scratch schema made here with plain JDBC), and prints
 * both times, their ratio and the peak heap, each side measured after warm-ups with a
 * smaller file ({@code -Dbench.warmups} times, default 2, of {@code -Dbench.warmupRows},
 * default 200,000: the JIT compiler recompiles the hot path once more on a second file),
 * over {@code -Dbench.rounds} rounds (default 3, medians compared). Then loads a
 * 200,000-row XLSX ({@code -Dbench.xlsxRows}) written with SXSSF. Run it with
 * {@code ./mvnw -Pbenchmark verify -Dtest=CountyLoadBenchmark -Dbench.rows=1000000} (512
 * MB heap).
 */
@Tag("benchmark")
class CountyLoadBenchmark extends HubIntegrationTest {

	private static final String HEADER = "姓名,身份证号码,性别,出生日期,入伍时间,退伍时间,联系电话,镇（街）,村（社区）,政治面貌,人员类别";

	private static final String[] TOWNS = { "沙坪", "龙口镇", "雅瑶", "古劳镇", "桃源", "鹤城", "共和镇", "址山", "宅梧", "双合" };

	@Autowired
	CountyFileProcessor processor;

	@Autowired
	DataSource dataSource;

	@Test
	void csvRosterAgainstPlainCopyAndLargeXlsx() throws Exception {
		int rows = Integer.getInteger("bench.rows", 1_000_000);
		int xlsxRows = Integer.getInteger("bench.xlsxRows", 200_000);
		Path dir = Files.createDirectories(DATA_DIR.resolve("bench"));
		Path master = dir.resolve("master.csv");
		writeCsv(master, rows);
		long bytes = Files.size(master);
		Path csv = dir.resolve("鹤山花名册_20261115.csv");
		Path baselineCopy = Files.copy(master, dir.resolve("baseline.csv"));

		// warm-up of both sides, so that neither is measured while the JIT compiler still
		// takes a core: a smaller file through the hub (then an emptied warehouse) and
		// through the plain COPY
		int warmupRows = Integer.getInteger("bench.warmupRows", 200_000);
		int warmups = Integer.getInteger("bench.warmups", 2);
		for (int w = 0; w < warmups && warmupRows > 0; w++) {
			Path warmup = dir.resolve("鹤山花名册_2026110" + (w + 1) + ".csv");
			writeCsv(warmup, warmupRows);
			Path warmupCopy = Files.copy(warmup, dir.resolve("warmup-baseline.csv"),
					StandardCopyOption.REPLACE_EXISTING);
			assertThat(this.processor.process("heshan", warmup.toString()).status()).isEqualTo(RunStatus.SUCCEEDED);
			// emptied, the run ledger too: the next warm-up file is the same file again
			this.jdbc.execute("TRUNCATE dw.person, dw.person_observation_log, ops.ingest_run CASCADE");
			baselineCopy(warmupCopy);
		}

		// rounds of the hub's load (into an emptied warehouse) and the plain COPY: the
		// medians are compared, as one run of either varies by a tenth on two shared
		// cores
		int rounds = Integer.getInteger("bench.rounds", 3);
		double[] hub = new double[rounds];
		double[] copy = new double[rounds];
		long hubPeak = 0;
		for (int r = 0; r < rounds; r++) {
			if (r > 0) {
				this.jdbc.execute("TRUNCATE dw.person, dw.person_observation_log, ops.ingest_run CASCADE");
			}
			Files.copy(master, csv);
			resetPeaks();
			long start = System.nanoTime();
			CountyFileProcessor.Result result = this.processor.process("heshan", csv.toString());
			hub[r] = (System.nanoTime() - start) / 1e9;
			hubPeak = Math.max(hubPeak, peakHeap());
			assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
			assertThat(result.rowsLoaded()).isEqualTo(rows);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isEqualTo(rows);
			copy[r] = baselineCopy(baselineCopy);
		}
		double hubSeconds = median(hub);
		double copySeconds = median(copy);

		Path xlsx = dir.resolve("开平花名册_20261115.xlsx");
		writeXlsx(xlsx, xlsxRows);
		resetPeaks();
		long xStart = System.nanoTime();
		CountyFileProcessor.Result xResult = this.processor.process("kaiping", xlsx.toString());
		double xlsxSeconds = (System.nanoTime() - xStart) / 1e9;
		long xlsxPeak = peakHeap();
		assertThat(xResult.status()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(xResult.rowsLoaded()).isEqualTo(xlsxRows);

		String report = String.format(
				"""
						County load benchmark (max heap %d MB)
						  CSV roster: %,d rows, %.1f MB; median of %d rounds (min-max)
						    hub pipeline (sniff + parse + normalize + COPY + merge into dw.person): %.2f s (%.2f-%.2f), %,.0f rows/s
						    plain COPY into a table with the same columns and primary key:        %.2f s (%.2f-%.2f)
						    ratio hub / COPY: %.2f (goal <= 2.0)
						    peak heap during the hub loads (sum of heap pool peaks): %d MB
						  XLSX roster: %,d rows: %.2f s, peak heap %d MB
						""",
				Runtime.getRuntime().maxMemory() >> 20, rows, bytes / 1048576.0, rounds, hubSeconds,
				Arrays.stream(hub).min().orElseThrow(), Arrays.stream(hub).max().orElseThrow(), rows / hubSeconds,
				copySeconds, Arrays.stream(copy).min().orElseThrow(), Arrays.stream(copy).max().orElseThrow(),
				hubSeconds / copySeconds, hubPeak >> 20, xlsxRows, xlsxSeconds, xlsxPeak >> 20);
		System.out.println(report);
		Files.writeString(Path.of("target", "county-benchmark.txt"), report);
		try (var files = Files.list(dir)) {
			for (Path f : files.toList()) {
				Files.deleteIfExists(f);
			}
		}
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return (sorted.length % 2 == 1) ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
	}

	private double baselineCopy(Path csv) throws Exception {
		try (Connection con = this.dataSource.getConnection(); Statement st = con.createStatement()) {
			st.execute("CREATE SCHEMA IF NOT EXISTS bench");
			st.execute("DROP TABLE IF EXISTS bench.roster");
			st.execute("""
					CREATE TABLE bench.roster (name text, id_card char(18) PRIMARY KEY, gender text, birth_date text,
					  enlist_date text, discharge_date text, phone text, town text, village text, political_status text,
					  category text)""");
			long start = System.nanoTime();
			try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
				con.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("COPY bench.roster FROM STDIN WITH (FORMAT csv, HEADER true)", in);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			st.execute("DROP SCHEMA bench CASCADE");
			return seconds;
		}
	}

	static void writeCsv(Path file, int rows) throws IOException {
		try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			w.write(HEADER);
			w.write('\n');
			for (int i = 0; i < rows; i++) {
				String[] r = row(i);
				w.write(String.join(",", r));
				w.write('\n');
			}
		}
	}

	private static void writeXlsx(Path file, int rows) throws IOException {
		try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
			wb.setCompressTempFiles(true);
			Sheet s = wb.createSheet("花名册");
			Row h = s.createRow(0);
			String[] headers = HEADER.split(",");
			for (int c = 0; c < headers.length; c++) {
				h.createCell(c).setCellValue(headers[c]);
			}
			for (int i = 0; i < rows; i++) {
				String[] values = row(i);
				values[1] = IdCards.valid("440783", LocalDate.of(1940, 1, 1).plusDays(i % 20000), (i / 20000) * 2 + 100,
						i % 2 == 0);
				values[7] = "三埠";
				values[3] = values[1].substring(6, 10) + "-" + values[1].substring(10, 12) + "-"
						+ values[1].substring(12, 14);
				Row r = s.createRow(i + 1);
				for (int c = 0; c < values.length; c++) {
					r.createCell(c).setCellValue(values[c]);
				}
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				wb.write(out);
			}
			wb.dispose();
		}
	}

	private static final List<String> NAMES = List.of("黄志强", "李𠮷祥", "陈美玲", "林国栋", "张伟", "王芳", "刘洋", "周杰", "吴丽娟",
			"何秀英");

	private static String[] row(int i) {
		LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(i % 20000);
		boolean male = i % 2 == 0;
		String id = IdCards.valid("440784", birth, (i / 20000) * 2, male);
		return new String[] { NAMES.get(i % NAMES.size()), id, male ? "男" : "女", birth.toString(),
				(birth.getYear() + 18) + "-12-01", (birth.getYear() + 21) + "-12-01", "138" + String.format("%08d", i),
				TOWNS[i % TOWNS.length], "第" + (i % 30) + "村", (i % 3 == 0) ? "党员" : "群众",
				(i % 5 == 0) ? "转业干部" : "退伍军人" };
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
