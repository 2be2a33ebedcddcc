package cn.jiangmen.vethub.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile and odd files dropped into the running hub's county ({@code heshan}) and
 * partner ({@code eye-hospital}) inboxes: each gets exactly one outcome (one finished
 * run, or a bounded number of failed runs and then one refusal), the file leaves the
 * inbox, and the sender gets a feedback file.
 */
class HostileInboxFilesIT extends HubIntegrationTest {

	private static final String HUANG = IdCards.valid("440784", LocalDate.of(1985, 3, 12), 1, true);

	private static final String CHEN = IdCards.valid("440784", LocalDate.of(1990, 1, 1), 20, false);

	/**
	 * A county roster or a partner's CSV with one row, whose file is taken and loaded.
	 */
	private static byte[] goodCsv(String source) {
		String text = source.equals("heshan") ? "姓名,身份证号码,镇街\r\n黄志强," + HUANG + ",沙坪\r\n"
				: "就诊日期,姓名,身份证号,检查项目,费用合计,优惠金额\r\n2026-11-03,黄志强," + HUANG + ",视力检查,30.00,30.00\r\n";
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@AfterEach
	void noSimulatedFault() {
		this.jdbc.execute("DROP TRIGGER IF EXISTS simulated_fault ON ops.rejected_row");
		this.jdbc.execute("DROP FUNCTION IF EXISTS ops.simulated_fault()");
	}

	@ParameterizedTest
	@ValueSource(strings = { "heshan", "eye-hospital" })
	void anEmptyFileIsRefusedWithItsReason(String source) throws IOException {
		Map<String, Object> run = dropAndAwait(source, "空文件_20261201.csv", new byte[0]);

		assertThat(run).containsEntry("status", "unreadable");
		assertThat((String) run.get("error_message")).isEqualTo("文件为空");
		assertThat(error(source, "空文件_20261201.csv")).exists();
		assertThat(feedback(source, run)).contains("文件无法读取：文件为空");
	}

	@ParameterizedTest
	@ValueSource(strings = { "heshan", "eye-hospital" })
	void namesWithALineBreakABackslashOrAnEscapeAreLoadedAndAnsweredUnderASafeName(String source) throws IOException {
		for (String name : List.of("花名册\n第二行.csv", "花名册\\反斜杠.csv", "花名册\u001b[31m红字.csv")) {
			Map<String, Object> run = dropAndAwait(source, name, goodCsv(source));

			assertThat(run).as(name).containsEntry("status", "succeeded").containsEntry("rows_read", 1L);
			String feedbackFile = (String) run.get("feedback_file");
			assertThat(feedbackFile).as(name).endsWith(".csv.回执.csv").doesNotContain("\\", "\n", "\u001b");
			assertThat(feedback(source, run)).as("the real name, its control characters written out")
				.contains("文件," + name.replace("\n", "\\x0A").replace("\u001b", "\\x1B"));
			assertThat(archived(source)).as(name).contains(SafeFileName.of(name, ""));
			this.jdbc.execute("TRUNCATE dw.person, ops.rejected_row, ops.ingest_run CASCADE");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "heshan", "eye-hospital" })
	void aNameNearTheLengthLimitIsLoadedWithItsFeedbackUnderAShortenedName(String source) throws IOException {
		String name = "鹤".repeat(82) + ".csv";
		assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(250);

		Map<String, Object> run = dropAndAwait(source, name, goodCsv(source));

		assertThat(run).containsEntry("status", "succeeded");
		String feedbackFile = (String) run.get("feedback_file");
		assertThat(feedbackFile).endsWith(".csv.回执.csv").startsWith("鹤鹤鹤");
		assertThat(feedbackFile.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
		assertThat(feedback(source, run)).contains("文件," + name);
		assertThat(archived(source)).contains(name);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run", Long.class)).isOne();
	}

	@Test
	void nulAndEscapeCharactersInWorkbookCellsAreRemovedAndTheRowsLoadedOnce() throws IOException {
		// shared and inline strings as OOXML escapes a character XML cannot hold
		byte[] workbook = workbook(List.of("姓名", "身份证号码", "镇街", "黄_x0000_志强", "沙坪_x001B_", "陈美玲"), """
				<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
				<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="inlineStr"><is><t>%s_x0000_</t></is></c>
				  <c r="C2" t="s"><v>4</v></c></row>
				<row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" t="inlineStr"><is><t>%s</t></is></c></row>
				""".formatted(HUANG, CHEN));

		Map<String, Object> run = dropAndAwait("heshan", "鹤山花名册_NUL.xlsx", workbook);

		assertThat(run).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 2L)
			.containsEntry("rows_loaded", 2L);
		assertThat(this.jdbc.queryForMap("SELECT name, town FROM dw.person WHERE id_card = ?", HUANG))
			.containsEntry("name", "黄志强")
			.containsEntry("town", "沙坪街道");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run", Long.class)).isOne();
	}

	@Test
	void aRawNulByteInTheSheetXmlIsNotXmlAndTheWorkbookIsRefusedOnce() throws IOException {
		byte[] workbook = workbook(List.of("姓名", "身份证号码"), """
				<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
				<row r="2"><c r="A2" t="inlineStr"><is><t>黄\u0000志强</t></is></c>
				  <c r="B2" t="inlineStr"><is><t>%s</t></is></c></row>
				""".formatted(HUANG));

		Map<String, Object> run = dropAndAwait("heshan", "鹤山花名册_NUL字节.xlsx", workbook);

		assertThat(run).containsEntry("status", "unreadable");
		assertThat(feedback("heshan", run)).contains("文件无法读取");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "heshan", "eye-hospital" })
	void aCsvWithNulBytesIsRefusedOnceAsNotText(String source) throws IOException {
		byte[] good = goodCsv(source);
		byte[] withNul = new String(good, StandardCharsets.UTF_8).replace("黄志强", "黄\u0000志强")
			.getBytes(StandardCharsets.UTF_8);

		Map<String, Object> run = dropAndAwait(source, "含NUL.csv", withNul);

		assertThat(run).containsEntry("status", "unreadable");
		assertThat((String) run.get("error_message")).contains("二进制内容");
		assertThat(feedback(source, run)).contains("文件无法读取");
	}

	@ParameterizedTest
	@ValueSource(strings = { "heshan", "eye-hospital" })
	void aLinkToAFileOutsideTheDataFolderIsRefusedAndItsTargetNeverRead(String source) throws IOException {
		Path outside = Files.createTempFile("vethub-secret-", ".csv");
		String secret = "绝密内容" + System.nanoTime();
		Files.writeString(outside, "姓名,身份证号码,镇街\r\n" + secret + "," + secret + ",沙坪\r\n");
		try {
			Path link = staging("链接_20261201.csv");
			Files.createSymbolicLink(link, outside);

			Map<String, Object> run = dropAndAwait(source, link);

			assertThat(run).containsEntry("status", "unreadable").containsEntry("file_sha256", null);
			assertThat((String) run.get("error_message")).contains("符号链接");
			assertThat(Files.isSymbolicLink(error(source, "链接_20261201.csv"))).as("the link itself was moved").isTrue();
			assertThat(outside).exists().content().contains(secret);
			assertThat(feedback(source, run)).doesNotContain(secret);
			assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM ops.rejected_row WHERE raw_values::text LIKE ? OR detail LIKE ?", Long.class,
					"%" + secret + "%", "%" + secret + "%"))
				.isZero();
		}
		finally {
			Files.delete(outside);
		}
	}

	@Test
	void aDanglingLinkIsRefusedToo() throws IOException {
		Path link = staging("断链_20261201.csv");
		Files.createSymbolicLink(link, DATA_DIR.resolve("no-such-file.csv"));

		Map<String, Object> run = dropAndAwait("heshan", link);

		assertThat(run).containsEntry("status", "unreadable");
		assertThat(Files.isSymbolicLink(error("heshan", "断链_20261201.csv"))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "heshan", "eye-hospital" })
	void aFifoIsRefusedWithoutBeingOpened(String source) throws Exception {
		Path fifo = staging("管道_20261201.csv");
		int exit;
		try {
			exit = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
		}
		catch (IOException ex) {
			exit = -1;
		}
		assumeThat(exit).as("mkfifo is available").isZero();

		Map<String, Object> run = dropAndAwait(source, fifo);

		assertThat(run).containsEntry("status", "unreadable");
		assertThat((String) run.get("error_message")).contains("不是普通文件");
		assertThat(Files
			.readAttributes(error(source, "管道_20261201.csv"), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
			.isOther()).isTrue();
		assertThat(feedback(source, run)).contains("不是普通文件");
	}

	/**
	 * A fault of ours, simulated by a trigger that makes the database refuse the file's
	 * rejected rows (as a bug or a broken database would): the file is tried
	 * {@code hub.inbox.max-attempts} (3 in tests) times, with a growing wait between
	 * tries, and then refused with a reason; the ledger holds 3 failed runs and 1
	 * refusal.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "heshan", "eye-hospital" })
	void aFileThatFailsForAFaultOfOursIsTriedABoundedNumberOfTimesThenRefused(String source) throws IOException {
		this.jdbc.execute("""
				CREATE FUNCTION ops.simulated_fault() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'simulated fault'; END $$""");
		this.jdbc.execute("""
				CREATE TRIGGER simulated_fault BEFORE INSERT ON ops.rejected_row FOR EACH ROW
				  WHEN (NEW.reason <> 'unreadable_file' AND NEW.file_name LIKE '故障%')
				  EXECUTE FUNCTION ops.simulated_fault()""");
		// one row refused (unknown town, or unknown person), so a reject is written
		byte[] file = (source.equals("heshan") ? "姓名,身份证号码,镇街\r\n黄志强," + HUANG + ",月球\r\n"
				: "就诊日期,姓名,身份证号,检查项目,费用合计,优惠金额\r\n2026-11-03,黄志强," + HUANG + ",视力检查,30.00,30.00\r\n")
			.getBytes(StandardCharsets.UTF_8);
		Path inbox = inbox(source);
		Path staged = Files.write(staging("故障_20261201.csv"), file);
		Files.move(staged, inbox.resolve("故障_20261201.csv"), StandardCopyOption.ATOMIC_MOVE);

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM ops.ingest_run WHERE status = 'unreadable' AND file_name = '故障_20261201.csv'",
					Long.class) > 0);

		List<Map<String, Object>> runs = this.jdbc.queryForList("""
				SELECT status, started_at, finished_at, error_message FROM ops.ingest_run
				 WHERE file_name = '故障_20261201.csv' ORDER BY id""");
		assertThat(runs).extracting((r) -> r.get("status")).containsExactly("failed", "failed", "failed", "unreadable");
		assertThat((String) runs.get(0).get("error_message")).contains("Exception[P0001]");
		// the test profile's backoff: 200 ms after the first failure, 400 ms after the
		// second
		assertThat(gap(runs.get(0), runs.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(gap(runs.get(1), runs.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat((String) runs.get(3).get("error_message")).contains("已连续 3 次出错，已停止重试");
		assertThat(inbox.resolve("故障_20261201.csv")).doesNotExist();
		assertThat(error(source, "故障_20261201.csv")).exists();
		Map<String, Object> refusal = this.jdbc
			.queryForMap("SELECT * FROM ops.ingest_run WHERE file_name = '故障_20261201.csv' AND status = 'unreadable'");
		assertThat(feedback(source, refusal)).contains("已连续 3 次出错");
	}

	/** From the start of one try to the start of the next. */
	private static Duration gap(Map<String, Object> earlier, Map<String, Object> later) {
		return Duration.between(((Timestamp) earlier.get("started_at")).toInstant(),
				((Timestamp) later.get("started_at")).toInstant());
	}

	/** Writes a file in the staging folder and drops it into a source's inbox. */
	private Map<String, Object> dropAndAwait(String source, String name, byte[] content) throws IOException {
		Path file = staging(name);
		Files.write(file, content);
		return dropAndAwait(source, file);
	}

	/**
	 * Moves a staged file (or link, or FIFO) into an inbox, waits until it has left the
	 * inbox and has its outcome, and asserts it has exactly one run; returns the run.
	 */
	private Map<String, Object> dropAndAwait(String source, Path staged) throws IOException {
		String name = staged.getFileName().toString();
		Path inbox = inbox(source);
		Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !Files.exists(inbox.resolve(name), LinkOption.NOFOLLOW_LINKS) && this.jdbc.queryForObject(
					"SELECT count(*) FROM ops.ingest_run WHERE file_name = ? AND status <> 'running'", Long.class,
					name) > 0);
		List<Map<String, Object>> runs = this.jdbc.queryForList("""
				SELECT id, source_id, status, rows_read, rows_loaded, rows_rejected, error_message, feedback_file,
				       file_sha256
				  FROM ops.ingest_run WHERE file_name = ?""", name);
		assertThat(runs).as("exactly one outcome for " + name).hasSize(1);
		assertThat(runs.get(0)).containsEntry("source_id", source);
		return runs.get(0);
	}

	private Path inbox(String source) {
		return DATA_DIR.resolve(source.equals("heshan") ? "inbox/county/heshan" : "inbox/partners/" + source);
	}

	private Path staging(String name) throws IOException {
		Path dir = Files.createDirectories(DATA_DIR.resolve("staging"));
		Path file = dir.resolve(name);
		Files.deleteIfExists(file);
		return file;
	}

	private Path error(String source, String name) {
		return DATA_DIR.resolve("error").resolve(source).resolve(SafeFileName.of(name, ""));
	}

	/** The names in today's archive folder of a source. */
	private List<String> archived(String source) throws IOException {
		Path day = DATA_DIR.resolve("archive").resolve(source).resolve(LocalDate.now(InboxFiles.CHINA).toString());
		try (Stream<Path> files = Files.list(day)) {
			List<String> names = files.map((p) -> p.getFileName().toString()).toList();
			try (Stream<Path> again = Files.list(day)) {
				// archived files of one test do not meet another's
				for (Path p : again.toList()) {
					Files.delete(p);
				}
			}
			return names;
		}
	}

	/** The run's feedback file, read under the name the ledger gives (after its BOM). */
	private String feedback(String source, Map<String, Object> run) throws IOException {
		String name = (String) run.get("feedback_file");
		assertThat(name).as("the run names its feedback file").isNotNull();
		byte[] bytes = Files.readAllBytes(DATA_DIR.resolve("outbox").resolve(source).resolve(name));
		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
	}

	/**
	 * A one-sheet workbook written as its XML, the way a generator (not Excel) might:
	 * shared strings and the rows of the sheet given as they are.
	 */
	private static byte[] workbook(List<String> sharedStrings, String rows) throws IOException {
		StringBuilder sst = new StringBuilder();
		for (String s : sharedStrings) {
			sst.append("<si><t>").append(s).append("</t></si>");
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			entry(zip, "[Content_Types].xml",
					"""
							<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
							<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
							<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
							<Default Extension="xml" ContentType="application/xml"/>
							<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
							<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
							<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
							</Types>""");
			entry(zip, "_rels/.rels",
					"""
							<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
							<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
							<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
							</Relationships>""");
			entry(zip, "xl/workbook.xml",
					"""
							<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
							<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
							<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>""");
			entry(zip, "xl/_rels/workbook.xml.rels",
					"""
							<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
							<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
							<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
							<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
							</Relationships>""");
			entry(zip, "xl/sharedStrings.xml", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""" + sst + "</sst>");
			entry(zip, "xl/worksheets/sheet1.xml", """
					<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
					<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
					""" + rows + "</sheetData></worksheet>");
		}
		return bytes.toByteArray();
	}

	private static void entry(ZipOutputStream zip, String name, String xml) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(xml.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

}
