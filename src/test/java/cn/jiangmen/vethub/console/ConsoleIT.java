package cn.jiangmen.vethub.console;

import cn.jiangmen.vethub.testdata.IdCards;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.system.HubFolders;
import org.apache.camel.CamelContext;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's pages and the report views on a seeded ledger and warehouse. */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleIT extends HubIntegrationTest {

	@Autowired
	private RunLedger ledger;

	@Autowired
	private HubFolders folders;

	@Autowired
	private CamelContext camel;

	@Test
	void aViewerSeesTheRejectsOfARunWithIdsNamesAndPhonesMaskedAndNoDownload() throws Exception {
		long run = ConsoleFixtures.finishedHeshanRun(this.ledger, this.folders);
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		String page = viewer.get("/runs/" + run).body();
		assertThat(page)
			.contains("身份证号码校验位错误", "文件内重复，以最后一行为准", "必填项为空", "花名册", "第 14 行", "第 37 行", "第 88 行", "黄**", "李**",
					"138****1234", ConsoleFixtures.BAD_ID.substring(0, 6) + "************")
			.doesNotContain("黄志强", "李秀英", "13826091234", ConsoleFixtures.BAD_ID, ConsoleFixtures.GOOD_ID_OF_DUPLICATE)
			.doesNotContain("id=\"download-feedback\"", "id=\"unmask\"");
		// a value from the file is text, never markup
		assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert");
		assertThat(viewer.get("/runs/" + run + "?unmask=true").body()).doesNotContain("黄志强");
		assertThat(viewer.getBytes("/runs/" + run + "/feedback").statusCode()).isEqualTo(403);
	}

	@Test
	void aPagePastTheEndOfTheRejectsShowsTheLastPageAndANegativePageIsABadRequest() {
		// 450 rejected rows: pages of 200, the last one (page 2) holds rows 401 to 450
		long run = this.ledger.start("heshan", RunTrigger.FILE, ConsoleFixtures.ROSTER, "c".repeat(64));
		List<RejectedRow> rows = new ArrayList<>();
		for (int row = 2; row < 452; row++) {
			rows.add(RejectedRow.ofRow(ConsoleFixtures.ROSTER, "花名册", row, RejectReason.BAD_VALUE, "人员类别无法识别",
					Map.of("人员类别", "类别" + row)));
		}
		this.ledger.rejectNow(run, "heshan", rows);
		this.ledger.finish(run, RunStatus.SUCCEEDED, 450, 0, 450, null, null);
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		// 10737419 * 200 overflows an int: it used to reach PostgreSQL as a negative
		// OFFSET
		HttpResponse<String> far = viewer.get("/runs/" + run + "?page=10737419");
		assertThat(far.statusCode()).isEqualTo(200);
		assertThat(far.body()).contains("第 451 行", "第 402 行", "上一页").doesNotContain("第 401 行", "下一页");
		assertThat(viewer.get("/runs/" + run + "?page=1&reason=bad_value").body()).contains("第 202 行", "第 401 行");
		assertThat(viewer.get("/runs/" + run + "?page=5&reason=bad_checksum").statusCode()).isEqualTo(200);
		HttpResponse<String> negative = viewer.get("/runs/" + run + "?page=-1");
		assertThat(negative.statusCode()).isEqualTo(400);
		assertThat(negative.body()).contains("page must be 0 or more");
	}

	@Test
	void anAdministratorSeesMaskedValuesUnlessAskingAndTheAskingIsLogged(CapturedOutput output) throws Exception {
		long run = ConsoleFixtures.finishedHeshanRun(this.ledger, this.folders);
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		assertThat(admin.get("/runs/" + run).body()).contains("黄**", "id=\"unmask\"").doesNotContain("黄志强");
		assertThat(admin.get("/runs/" + run + "?unmask=true").body()).contains("黄志强", "13826091234",
				ConsoleFixtures.BAD_ID);
		assertThat(output).contains("Personal data: admin viewed the unmasked rejected rows of run " + run);
		assertThat(admin.get("/runs/" + run + "?reason=bad_checksum").body()).contains("第 14 行")
			.doesNotContain("第 37 行");
	}

	@Test
	void anAdministratorDownloadsTheFeedbackFileFromTheOutboxOnly() throws Exception {
		long run = ConsoleFixtures.finishedHeshanRun(this.ledger, this.folders);
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		HttpResponse<byte[]> download = admin.getBytes("/runs/" + run + "/feedback");
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(ConsoleFixtures.feedbackBytes());
		assertThat(download.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((d) -> assertThat(d).startsWith("attachment").contains("UTF-8''"));
		// a run naming a file outside its outbox (or anything with a path) gets nothing
		Files.writeString(this.folders.root().resolve("secret.txt"), "not for download");
		long sneaky = this.ledger.start("heshan", RunTrigger.FILE, "x.csv", "b".repeat(64));
		this.ledger.finish(sneaky, RunStatus.SUCCEEDED, 1, 1, 0, null, "../../secret.txt");
		assertThat(admin.getBytes("/runs/" + sneaky + "/feedback").statusCode()).isEqualTo(404);
		assertThat(admin.get("/runs/" + sneaky).body()).doesNotContain("id=\"download-feedback\"");
	}

	@Test
	void runsAreFilteredBySourceStatusAndDayAndChartedPerDay() {
		long heshan = this.ledger.start("heshan", RunTrigger.FILE, "鹤山_花名册.xlsx", "c".repeat(64));
		this.ledger.finish(heshan, RunStatus.SUCCEEDED, 10, 8, 2, null, null);
		long enping = this.ledger.start("enping", RunTrigger.FILE, "恩平_救助.csv", "d".repeat(64));
		this.ledger.finish(enping, RunStatus.FAILED, 0, 0, 0, "文件无法读取", null);
		long old = this.ledger.start("heshan", RunTrigger.FILE, "鹤山_旧.xlsx", "e".repeat(64));
		this.jdbc.update("UPDATE ops.ingest_run SET started_at = '2026-01-05 10:00+08' WHERE id = ?", old);
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		assertThat(viewer.get("/runs?source=heshan").body()).contains("鹤山_花名册.xlsx", "鹤山_旧.xlsx")
			.doesNotContain("恩平_救助.csv");
		assertThat(viewer.get("/runs?status=failed").body()).contains("恩平_救助.csv").doesNotContain("鹤山_花名册.xlsx");
		String january = viewer.get("/runs?from=2026-01-05&to=2026-01-05").body();
		assertThat(january).contains("鹤山_旧.xlsx").doesNotContain("鹤山_花名册.xlsx");
		String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
		String chart = viewer.get("/runs").body();
		// the last 30 days up to today, today's rows of both sources added up
		assertThat(chart)
			.contains("&quot;" + LocalDate.parse(today).minusDays(29) + "&quot;,", "&quot;" + today + "&quot;],")
			.contains(",8]},{&quot;kind&quot;:&quot;rejected&quot;", ",2]}]}");
	}

	@Test
	void theRunsListIsPagedWithDurationsSecondsAndSourceNamesAndKeepsItsFiltersAcrossALanguageSwitch() {
		for (int i = 0; i < 60; i++) {
			long run = this.ledger.start("heshan", RunTrigger.FILE, "鹤山_花名册_" + i + ".xlsx", "%064d".formatted(i));
			this.ledger.finish(run, RunStatus.SUCCEEDED, 10, 9, 1, null, null);
		}
		long timed = this.ledger.start("enping", RunTrigger.FILE, "恩平_救助.csv", "d".repeat(64));
		this.ledger.finish(timed, RunStatus.FAILED, 0, 0, 0, "文件无法读取", null);
		this.jdbc.update("""
				UPDATE ops.ingest_run SET started_at = '2026-11-15 02:00:03+00', finished_at = '2026-11-15 02:01:10+00'
				 WHERE id = ?""", timed);
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");

		// 61 runs, 50 a page: the newest first, a link to the next page
		String first = viewer.get("/runs").body();
		assertThat(first).contains("第 1–50 条，共 61 条（第 1/2 页）", "id=\"runs-next\"", "id=\"run-" + timed + "\"")
			.doesNotContain("id=\"runs-prev\"", "鹤山_花名册_9.xlsx");
		// times to the second in Beijing time, how long the run took, the source's name
		assertThat(first).contains(">2026-11-15 10:00:03<", ">2026-11-15 10:01:10<", ">0:01:07<", ">恩平市<");
		// a page past the end is the last page; a huge size is cut to 500
		String last = viewer.get("/runs?page=99").body();
		assertThat(last).contains("第 51–61 条，共 61 条（第 2/2 页）", "鹤山_花名册_0.xlsx", "鹤山_花名册_9.xlsx", "id=\"runs-prev\"");
		assertThat(viewer.get("/runs?size=100000").body()).contains("第 1–61 条，共 61 条（第 1/1 页）");
		// the filters ride along the pager and the language switch
		String filtered = viewer.get("/runs?source=heshan&size=20&page=1").body();
		assertThat(filtered).contains("第 21–40 条，共 60 条", "href=\"/runs?source=heshan&amp;size=20&amp;page=2\"",
				"href=\"?source=heshan&amp;size=20&amp;page=1&amp;lang=en\"");
		assertThat(viewer.get("/runs?source=heshan&size=20&page=1&lang=en").body())
			.contains("Runs 21–40 of 60 (page 2 of 3)", "<option value=\"heshan\" selected=\"selected\">鹤山市</option>");
		// bad values are the caller's error, shown in the console's frame and in the
		// language chosen last (English, above)
		for (String bad : List.of("/runs?page=-1", "/runs?size=-3", "/runs?page=abc", "/runs?size=1e9")) {
			HttpResponse<String> refused = viewer.get(bad);
			assertThat(refused.statusCode()).as(bad).isEqualTo(400);
			assertThat(refused.body()).as(bad).contains("Bad request", "id=\"nav-runs\"", "id=\"current-user\"");
		}
	}

	@Test
	void theChartHasEveryDayOfTheWindowWithLoadedAndRefusedRows() {
		long run = this.ledger.start("heshan", RunTrigger.FILE, "鹤山_花名册.xlsx", "c".repeat(64));
		this.ledger.finish(run, RunStatus.SUCCEEDED, 120, 117, 3, null, null);
		long other = this.ledger.start("enping", RunTrigger.FILE, "恩平.xlsx", "d".repeat(64));
		this.ledger.finish(other, RunStatus.SUCCEEDED, 50, 40, 10, null, null);
		this.jdbc.update("UPDATE ops.ingest_run SET started_at = '2026-01-05 23:30+08' WHERE id IN (?, ?)", run, other);
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		String page = viewer.get("/runs?from=2026-01-04&to=2026-01-07").body();
		assertThat(page).contains(
				"""
						data-chart="{&quot;type&quot;:&quot;daily&quot;,\
						&quot;x&quot;:[&quot;2026-01-04&quot;,&quot;2026-01-05&quot;,&quot;2026-01-06&quot;,&quot;2026-01-07&quot;],\
						&quot;series&quot;:[{&quot;kind&quot;:&quot;loaded&quot;,&quot;data&quot;:[0,157,0,0]},\
						{&quot;kind&quot;:&quot;rejected&quot;,&quot;data&quot;:[0,13,0,0]}]}\"""");
		// a range from 1900 is charted over its last 366 days only
		String wide = viewer.get("/runs?from=1900-01-01&to=2026-01-07").body();
		assertThat(wide).contains("&quot;x&quot;:[&quot;2025-01-07&quot;,").doesNotContain("2025-01-06");
	}

	@Test
	void staticAssetsAreCachedAndCompressedAndPagesAreNot() throws Exception {
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		HttpResponse<byte[]> echarts = http.send(java.net.http.HttpRequest
			.newBuilder(
					java.net.URI.create("http://localhost:" + this.port + "/webjars/echarts/5.3.1/dist/echarts.min.js"))
			.header("Accept-Encoding", "gzip")
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(echarts.statusCode()).isEqualTo(200);
		assertThat(echarts.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(echarts.headers().allValues("Cache-Control")).singleElement()
			.satisfies((c) -> assertThat(c).contains("max-age=604800").doesNotContain("no-store", "no-cache"));
		byte[] script = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(echarts.body())).readAllBytes();
		assertThat(echarts.body().length).isLessThan(script.length / 2);
		assertThat(new String(script, 0, 2000, java.nio.charset.StandardCharsets.UTF_8)).contains("echarts");

		// the console's own CSS and script under content-hashed names, cached as well
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		HttpResponse<String> page = viewer.get("/runs");
		assertThat(page.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((c) -> assertThat(c).contains("no-store"));
		java.util.regex.Matcher css = java.util.regex.Pattern.compile("href=\"(/css/console-[0-9a-f]{32}\\.css)\"")
			.matcher(page.body());
		assertThat(css.find()).as("a versioned stylesheet link").isTrue();
		assertThat(page.body()).containsPattern("src=\"/js/console-[0-9a-f]{32}\\.js\"")
			.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\">");
		HttpResponse<String> stylesheet = FormLoginSession.anonymous(this.port).get(css.group(1));
		assertThat(stylesheet.statusCode()).isEqualTo(200);
		assertThat(stylesheet.body()).contains("@media (max-width: 600px)");
		assertThat(stylesheet.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((c) -> assertThat(c).contains("max-age=604800").doesNotContain("no-store"));

		// the favicon, for anyone (the login page has it too)
		HttpResponse<String> icon = FormLoginSession.anonymous(this.port).get("/favicon.svg");
		assertThat(icon.statusCode()).isEqualTo(200);
		assertThat(icon.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("image/svg+xml"));
		assertThat(icon.body()).startsWith("<svg");
	}

	@Test
	void errorPagesAreInTheConsolesFrameAndLanguage() {
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		HttpResponse<String> missing = viewer.get("/runs/987654321");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("页面不存在", "id=\"nav-sources\"", ">viewer<", "id=\"lang-en\"");
		HttpResponse<String> english = viewer.get("/runs/987654321?lang=en");
		assertThat(english.statusCode()).isEqualTo(404);
		assertThat(english.body()).contains("<html lang=\"en\">", "Not found", ">Runs<", "Back to the sources");
		// a viewer's write is refused in the frame too
		viewer.get("/sources");
		HttpResponse<String> forbidden = viewer.postForm("/sources/heshan/pause", Map.of());
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.body()).contains("Not allowed", "id=\"forbidden\"", "id=\"nav-runs\"");
		// a stranger's error page has no menu (there is nobody to show it to)
		HttpResponse<String> stranger = FormLoginSession.anonymous(this.port).get("/css/nothing.css");
		assertThat(stranger.statusCode()).isEqualTo(404);
		assertThat(stranger.body()).contains("页面不存在").doesNotContain("id=\"nav-runs\"");
	}

	@Test
	void aRunningRunShowsItsProgressFromTheApi() {
		long run = this.ledger.start("heshan", RunTrigger.FILE, "鹤山_大文件.xlsx", "f".repeat(64));
		this.ledger.progress(run, 20_000);
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		assertThat(viewer.get("/runs").body()).contains("data-progress-url=\"/api/runs/" + run + "\"", ">20000<");
		assertThat(viewer.get("/api/runs/" + run).body()).contains("\"rowsRead\":20000", "\"status\":\"running\"");
	}

	@Test
	void pausingASourceSuspendsItsRouteAndResumingResumesIt() throws Exception {
		assertThatThrownBy(() -> adminApi().post().uri("/api/sources/nowhere/pause").retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
		String id = "jianghai";
		assertThat(this.camel.getRouteController().getRouteStatus(id).isStarted())
			.as("the county's file route runs before")
			.isTrue();
		try {
			assertThat(adminApi().post().uri("/api/sources/{id}/pause", id).retrieve().body(String.class))
				.contains("\"outcome\":\"paused\"");
			assertThat(this.camel.getRouteController().getRouteStatus(id).isSuspended()).isTrue();
			assertThat(FormLoginSession.login(this.port, "viewer", "viewer-test-pw").get("/sources").body())
				.contains("state-paused");
			FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
			admin.get("/sources");
			HttpResponse<String> resume = admin.postForm("/sources/" + id + "/resume", Map.of());
			assertThat(resume.statusCode()).isEqualTo(302);
			assertThat(admin.get("/sources").body()).contains("数据源 jianghai 已恢复。");
			assertThat(this.camel.getRouteController().getRouteStatus(id).isStarted()).isTrue();
		}
		finally {
			if (!this.camel.getRouteController().getRouteStatus(id).isStarted()) {
				this.camel.getRouteController().resumeRoute(id);
			}
		}
	}

	@Test
	void runningAPausedSourceNowSaysItIsPaused() throws Exception {
		this.camel.getRouteController().suspendRoute("province");
		try {
			FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
			admin.get("/sources");
			admin.postForm("/sources/province/run", Map.of());
			assertThat(admin.get("/sources").body()).contains("数据源 province 已暂停，未运行：请先恢复再运行。").doesNotContain("正在运行中");
			admin.postForm("/sources/province/run?lang=en", Map.of());
			assertThat(admin.get("/sources").body()).contains("Source province is paused: not run.")
				.doesNotContain("already running");
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run", Integer.class)).isZero();
		}
		finally {
			this.camel.getRouteController().resumeRoute("province");
		}
	}

	@Test
	void runningAFileSourceNowIsExplainedNotAttempted() {
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		admin.get("/sources");
		admin.postForm("/sources/kaiping/run?lang=en", Map.of());
		assertThat(admin.get("/sources").body()).contains("Source kaiping cannot be run now");
	}

	@Test
	void reportsAreComputedByTheWarehouseViewsAndExportedAsXlsx() throws Exception {
		LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
		String oldMan = person("440784", today.minusYears(85), 1, "黄伯年", "退役士兵", true, "440784");
		String oldWoman = person("440784", today.minusYears(80), 2, "陈玉英", "烈士遗属", false, "440784");
		String youngHeshan = person("440784", LocalDate.of(1980, 6, 1), 3, "李建华", "退役士兵", true, "440784");
		String enping = person("440785", LocalDate.of(1975, 2, 2), 4, "吴国强", "伤残军人", false, "440785");
		person("440785", today.minusYears(80).plusDays(1), 5, "梁桂芳", "退役士兵", false, "440785");
		visit(oldMan, 1);
		visit(oldMan, 2);
		visit(enping, 3);
		payment(youngHeshan, "生活困难救助", "1500.00", "440784");
		payment(enping, "生活困难救助", "800.50", "440785");
		payment(enping, "慰问金", "=1+1".length() + ".00", "440785");
		policy(oldMan, today.minusMonths(1), today.plusMonths(11), "P-1");
		policy(oldWoman, today.minusYears(2), today.minusYears(1), "P-2");

		Map<String, Object> coverage = this.jdbc.queryForMap(
				"SELECT persons, visited_persons, coverage_pct FROM dw.v_report_visit_coverage WHERE is_total");
		assertThat(coverage).containsEntry("persons", 5L).containsEntry("visited_persons", 2L);
		assertThat((BigDecimal) coverage.get("coverage_pct")).isEqualByComparingTo("40.0");
		Map<String, Object> insured = this.jdbc.queryForMap(
				"SELECT persons_80_plus, insured, insured_pct FROM dw.v_report_insured_80_plus WHERE county_code = '440784'");
		assertThat(insured).containsEntry("persons_80_plus", 2L).containsEntry("insured", 1L);
		assertThat((BigDecimal) insured.get("insured_pct")).isEqualByComparingTo("50.0");
		assertThat(this.jdbc.queryForObject("SELECT persons_80_plus FROM dw.v_report_insured_80_plus WHERE is_total",
				Long.class))
			.as("梁桂芳 turns 80 tomorrow")
			.isEqualTo(2L);
		Map<String, Object> living = this.jdbc
			.queryForMap("SELECT payments, amount FROM dw.v_report_assistance_by_category WHERE category = '生活困难救助'");
		assertThat(living).containsEntry("payments", 2L);
		assertThat((BigDecimal) living.get("amount")).isEqualByComparingTo("2300.50");
		assertThat(this.jdbc.queryForObject(
				"SELECT party_members FROM dw.v_report_party_members WHERE county_code = '440784'", Long.class))
			.isEqualTo(2L);
		assertThat(this.jdbc.queryForObject("""
				SELECT persons FROM dw.v_report_persons_by_county_category
				 WHERE county_code = '440784' AND category = '退役士兵'""", Long.class)).isEqualTo(2L);

		// the payments were loaded by one run that ended at a known time: that is their
		// newest data
		long load = this.ledger.start("heshan", RunTrigger.FILE, "鹤山市解三难救助发放明细_202609.xlsx", "a".repeat(64));
		this.ledger.finish(load, RunStatus.SUCCEEDED, 3, 3, 0, null, null);
		this.jdbc.update("UPDATE ops.ingest_run SET finished_at = '2026-09-20 08:15:00+08' WHERE id = ?", load);
		this.jdbc.update("UPDATE dw.assistance_payment SET run_id = ?", load);

		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		String page = viewer.get("/reports").body();
		assertThat(page).contains("走访覆盖率", "全市合计", "鹤山市", "2,300.50", "40.0 %", "id=\"export-party-members\"");
		assertThat(page).as("no internal view name on the page").doesNotContain("dw.v_report", "v_report_");
		assertThat(section(page, "assistance-by-county")).contains("数据截至：2026-09-20 08:15");
		// nothing loaded for village cadres: the report says so instead of an empty table
		assertThat(section(page, "village-cadres")).contains("id=\"empty-village-cadres\"", "暂无数据")
			.doesNotContain("<table", "data-chart");
		assertThat(section(page, "assistance-by-county")).contains("<table").doesNotContain("empty-");
		HttpResponse<byte[]> xlsx = viewer.getBytes("/reports/assistance-by-county.xlsx?lang=en");
		assertThat(xlsx.statusCode()).isEqualTo(200);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Hardship payments by county");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains("County: All; period: all time",
					"Exported: " + today, "counts", "amounts in yuan");
			assertThat(sheet.getRow(3).getCell(2).getStringCellValue()).isEqualTo("Amount (yuan)");
			boolean found = false;
			for (int r = 4; r <= sheet.getLastRowNum(); r++) {
				if ("恩平市".equals(sheet.getRow(r).getCell(0).getStringCellValue())) {
					assertThat(sheet.getRow(r).getCell(1).getNumericCellValue()).isEqualTo(2.0);
					assertThat(sheet.getRow(r).getCell(2).getNumericCellValue()).isEqualTo(804.5);
					found = true;
				}
			}
			assertThat(found).isTrue();
			var total = sheet.getRow(sheet.getLastRowNum());
			assertThat(total.getCell(0).getStringCellValue()).isEqualTo("City total");
			assertThat(total.getCell(1).getNumericCellValue()).isEqualTo(3.0);
			assertThat(total.getCell(2).getNumericCellValue()).isEqualTo(2304.5);
		}
		// a city total row on each report, also those whose view has none (persons per
		// category)
		assertThat(section(page, "persons")).contains("class=\"total\"");
		assertThat(section(page, "assistance-by-category")).contains("class=\"total\"");
		assertThat(viewer.getBytes("/reports/nothing.xlsx").statusCode()).isEqualTo(404);
	}

	@Test
	void plaqueReportIsFilteredByCountyAndYearOnThePageAndInTheExport() throws Exception {
		String soldier = person("440784", LocalDate.of(1980, 6, 1), 11, "李建华", "退役士兵", false, "440784");
		String martyrFamily = person("440784", LocalDate.of(1955, 3, 3), 12, "陈玉英", "烈士遗属", false, "440784");
		String other = person("440784", LocalDate.of(1970, 1, 1), 13, "周杰", "其他优抚对象", false, "440784");
		String enping = person("440785", LocalDate.of(1975, 2, 2), 14, "吴国强", "伤残军人", false, "440785");
		plaque(soldier, "HS-1", "已悬挂", LocalDate.of(2026, 3, 5), "440784");
		plaque(martyrFamily, "HS-2", "已悬挂", LocalDate.of(2025, 6, 1), "440784");
		plaque(other, "HS-3", "已悬挂", LocalDate.of(2026, 4, 1), "440784");
		plaque(enping, "EP-1", "未悬挂", null, "440785");

		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		assertThat(viewer.get("/reports?county=440784&year=2026").body()).contains("光荣牌悬挂率", "id=\"filters\"",
				"/reports/plaques.xlsx?county=440784&amp;year=2026");
		// every year, every county: 3 eligible (周杰 is 其他优抚对象), 2 hung
		assertThat(plaqueXlsx(viewer, "")).containsExactly("鹤山市|2|2|100.0", "恩平市|1|0|0.0", "全市合计|3|2|66.7");
		// a plaque is counted as of the period's end (V100): by the end of 2026 both of
		// 鹤山市's eligible persons have theirs, one of them hung in 2025
		assertThat(plaqueXlsx(viewer, "?county=440784&year=2026")).containsExactly("鹤山市|2|2|100.0");
		assertThat(plaqueXlsx(viewer, "?year=2025")).containsExactly("鹤山市|2|1|50.0", "恩平市|1|0|0.0", "全市合计|3|1|33.3");
		assertThat(viewer.getBytes("/reports/plaques.xlsx?county=999999").statusCode()).isEqualTo(400);
		assertThat(viewer.getBytes("/reports/plaques.xlsx?year=20x6").statusCode()).isEqualTo(400);

		HttpResponse<byte[]> xlsx = viewer.getBytes("/reports/plaques.xlsx?county=440784&year=2026");
		java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
		String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
		assertThat(xlsx.headers().firstValue("Content-Disposition").orElseThrow())
			.contains("filename*=UTF-8''" + java.net.URLEncoder.encode("退役军人统计-光荣牌悬挂率-" + today + ".xlsx", utf8));
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("光荣牌悬挂率（2026年）");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains("县（市、区）：鹤山市；期间：2026年", "导出时间：" + today,
					"比率为 %");
			assertThat(sheet.getRow(2)).isNull();
			assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("县（市、区）");
		}
	}

	/** The HTML of one report's section of the reports page. */
	private static String section(String page, String key) {
		int start = page.indexOf("id=\"report-" + key + "\"");
		assertThat(start).as(key).isNotNegative();
		return page.substring(start, page.indexOf("</section>", start));
	}

	private List<String> plaqueXlsx(FormLoginSession viewer, String query) throws Exception {
		HttpResponse<byte[]> xlsx = viewer.getBytes("/reports/plaques.xlsx" + query);
		assertThat(xlsx.statusCode()).isEqualTo(200);
		List<String> rows = new ArrayList<>();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			Sheet sheet = workbook.getSheetAt(0);
			for (int r = XlsxReportWriter.HEADER_ROW + 1; r <= sheet.getLastRowNum(); r++) {
				var row = sheet.getRow(r);
				rows.add(row.getCell(0).getStringCellValue() + "|" + (long) row.getCell(1).getNumericCellValue() + "|"
						+ (long) row.getCell(2).getNumericCellValue() + "|" + row.getCell(3).getNumericCellValue());
			}
		}
		return rows;
	}

	private void plaque(String id, String no, String status, LocalDate hung, String county) {
		this.jdbc.update("""
				INSERT INTO dw.honour_plaque (source_id, partner_id, plaque_no, id_card, status, hung_date, county_code,
				                              run_id)
				VALUES ('heshan', 'heshan', ?, ?, ?, ?, ?, 1)""", no, id, status, hung, county);
	}

	private String person(String region, LocalDate birth, int seq, String name, String category, boolean party,
			String county) {
		String id = IdCards.valid(region, birth, seq, seq % 2 == 1);
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, category, political_status, party_member,
				                       county_code, name_source, name_set_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'province', now())""", id, name, (seq % 2 == 1) ? "M" : "F", birth,
				category, party ? "中共党员" : "群众", party, county);
		return id;
	}

	private void visit(String id, int key) {
		this.jdbc.update("""
				INSERT INTO dw.visit (source_id, visit_key, id_card, visit_date, visit_type, run_id)
				VALUES ('province', ?, ?, '2026-10-01', '节日慰问', 1)""", "V" + key, id);
	}

	private void payment(String id, String category, String amount, String county) {
		this.jdbc.update("""
				INSERT INTO dw.assistance_payment (source_id, id_card, category, amount, paid_date, county_code, run_id)
				VALUES ('heshan', ?, ?, ?::numeric, '2026-09-15', ?, 1)""", id, category, amount, county);
	}

	private void policy(String id, LocalDate start, LocalDate end, String no) {
		this.jdbc.update(
				"""
						INSERT INTO dw.insurance_policy (source_id, partner_id, policy_no, id_card, start_date, end_date, run_id)
						VALUES ('insurer', 'insurer', ?, ?, ?, ?, 1)""",
				no, id, start, end);
	}

}
