package cn.jiangmen.vethub.console;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.county.CountyInbox;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.RawXlsx;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run's detail as people read it: raw values as the sender's spreadsheet shows them,
 * the province's field codes labelled and its codes decoded, veterans and visits in
 * tables of their own, and the rejected rows exported as XLSX, masked per role.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunDetailIT extends HubIntegrationTest {

	/** 黄志明 of Heshan, whose ID has a wrong check digit in the roster. */
	static final String HUANG = IdCards.valid("440784", LocalDate.of(1979, 8, 20), 11, true);

	static final String HUANG_BAD = IdCards.withWrongCheckDigit(HUANG);

	static final String CHEN = IdCards.valid("440704", LocalDate.of(1939, 11, 4), 117, true);

	static final String CHEN_BAD = IdCards.withWrongCheckDigit(CHEN);

	@Autowired
	private RunLedger ledger;

	@Test
	void aRosterRowShowsItsDateCellsAsDatesAndItsNumbersAsExcelShowsThem() throws Exception {
		CountyInbox inbox = new CountyInbox(DATA_DIR, this.jdbc);
		Path file = inbox.staging("鹤山市退役军人花名册_20261201.xlsx");
		new RawXlsx().row("花名册", "鹤山市退役军人花名册（2026年12月）")
			.row("花名册", "序号", "姓名", "性别", "身份证号码", "出生日期", "入伍时间", "手机号码", "镇（街）", "人员类别")
			// Excel's own XML: 序号 stored as 5, dates as serials in a date format
			.row("花名册", RawXlsx.number("5"), "黄志明", "男", HUANG_BAD, RawXlsx.date("29087"), RawXlsx.shortDate("36495"),
					RawXlsx.number("13826091234"), "沙坪", "退伍军人")
			.writeTo(file);
		long run = inbox.load("heshan", file);

		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		String page = admin.get("/runs/" + run).body();
		assertThat(page).contains("<td>1999-12-01</td>", "<td>5</td>", "<td>1979-**-**</td>", "第 3 行")
			.doesNotContain("36495", "29087", "5.0", HUANG_BAD.substring(6, 17), "黄志明")
			.contains("身份证号码校验位错误");
		// one ID column: the raw one, masked
		String rows = table(page, "rejected-rows");
		assertThat(rows).containsOnlyOnce("<th>身份证号码</th>").containsOnlyOnce("<td>440784************</td>");
		String unmasked = admin.get("/runs/" + run + "?unmask=true").body();
		assertThat(unmasked).contains("<td>1979-08-20</td>", "<td>1999-12-01</td>", HUANG_BAD, "黄志明")
			.doesNotContain("29087");
	}

	@Test
	void provincialRejectsAreLabelledDecodedAndSplitIntoVeteransAndVisits() {
		long run = provincialRun();
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		String page = viewer.get("/runs/" + run).body();
		assertThat(page)
			.contains("退役军人记录", "走访记录", "人员类别 (rylb)", "身份证号码 (sfzhm)", "走访类型 (zflx)", "11 退役士兵", "1 男", "440704 江海区")
			.doesNotContain(CHEN.substring(0, 17), "陈建国", "13507919373");
		String veterans = table(page, "rejected-rows");
		String visits = table(page, "rejected-rows-1");
		assertThat(visits).contains("走访日期 (zfrq)", "ZF202600009").doesNotContain("人员类别 (rylb)");
		assertThat(veterans).contains("人员类别 (rylb)", "440700000031").doesNotContain("走访日期 (zfrq)");
	}

	@Test
	void rejectedRowsAreExportedAsXlsxMaskedForAViewerAndFullOnlyForAnAdminWhoAsks(CapturedOutput output)
			throws Exception {
		long run = provincialRun();
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		assertThat(viewer.get("/runs/" + run).body()).contains("/runs/" + run + "/rejects.xlsx");
		for (String asked : List.of("", "?unmask=true")) {
			HttpResponse<byte[]> export = viewer.getBytes("/runs/" + run + "/rejects.xlsx" + asked);
			assertThat(export.statusCode()).isEqualTo(200);
			assertThat(export.headers().firstValue("Content-Disposition").orElseThrow())
				.contains("filename*=UTF-8''%E6%8B%92%E6%94%B6%E6%98%8E%E7%BB%86");
			List<List<String>> sheets = cells(export.body());
			String all = String.join("\n", sheets.stream().map((s) -> String.join("|", s)).toList());
			assertThat(all)
				.contains("运行 #" + run + " 拒收明细", "已脱敏", "人员类别 (rylb)", "11 退役士兵", "走访类型 (zflx)", "身份证号码校验位错误")
				.doesNotContain(CHEN.substring(0, 17), "陈建国", "13507919373", "19391104");
		}
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		String masked = String.join("\n",
				cells(admin.getBytes("/runs/" + run + "/rejects.xlsx").body()).stream().flatMap(List::stream).toList());
		assertThat(masked).doesNotContain(CHEN.substring(0, 17), "陈建国");
		assertThat(output.getOut()).doesNotContain("exported the unmasked rejected rows of run " + run);
		List<List<String>> full = cells(admin.getBytes("/runs/" + run + "/rejects.xlsx?unmask=true").body());
		assertThat(full).hasSize(2);
		assertThat(String.join("\n", full.get(0))).contains(CHEN_BAD, "陈建国", "13507919373", "含完整个人信息");
		assertThat(String.join("\n", full.get(1))).contains(CHEN, "走访记录");
		assertThat(output.getOut()).contains("admin exported the unmasked rejected rows of run " + run + " (2 rows)");
		// one reason only
		List<List<String>> oneReason = cells(
				admin.getBytes("/runs/" + run + "/rejects.xlsx?reason=invalid_date").body());
		assertThat(oneReason).hasSize(1);
		assertThat(String.join("|", oneReason.get(0))).contains("ZF202600009").doesNotContain("440700000031");
		assertThat(admin.getBytes("/runs/999999/rejects.xlsx").statusCode()).isEqualTo(404);
	}

	@Test
	void aCountyCsvsRejectedRowKeepsTheFilesColumnOrderOnThePageAndInTheExport() throws Exception {
		CountyInbox inbox = new CountyInbox(DATA_DIR, this.jdbc);
		Path file = inbox.staging("鹤山救助发放_20261202.csv");
		// the columns in an order no sorting gives: jsonb kept them as 姓名, 发放日期, 发放金额,
		// 救助类别, 身份证号码
		Files.write(file, ("\uFEFF姓名,身份证号码,发放金额,救助类别,发放日期\r\n" + "黄志明," + HUANG + ",壹仟元,生活困难救助,2026-12-01\r\n")
			.getBytes(StandardCharsets.UTF_8));
		long run = inbox.load("heshan", file);
		assertThat(this.jdbc.queryForObject("SELECT reason FROM ops.rejected_row WHERE run_id = ?", String.class, run))
			.isEqualTo("bad_amount");
		List<String> order = List.of("姓名", "身份证号码", "发放金额", "救助类别", "发放日期");

		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		assertThat(headings(table(admin.get("/runs/" + run).body(), "rejected-rows"))).isEqualTo(order);
		Sheet sheet = firstSheet(admin.getBytes("/runs/" + run + "/rejects.xlsx").body());
		assertThat(texts(sheet.getRow(3))).containsExactly("文件", "工作表", "位置", "记录键", "原因", "原因代码", "说明", "姓名", "身份证号码",
				"发放金额", "救助类别", "发放日期");
		Row row = sheet.getRow(4);
		// a row of a file: its file and row number (no sheet in a CSV, no record key)
		assertThat(row.getCell(0).getStringCellValue()).isEqualTo("鹤山救助发放_20261202.csv");
		assertThat(row.getCell(1)).isNull();
		assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(2.0);
		assertThat(row.getCell(3)).isNull();
		assertThat(texts(row).subList(7, 12)).containsExactly("黄**", "440784************", "壹仟元", "生活困难救助",
				"2026-12-01");
	}

	@Test
	void aPartnerFilesEnglishColumnsStayInTheFilesOrderOnThePageAndInTheExport() throws Exception {
		String name = "eye_checks_202612.csv";
		Path staging = Files.createTempFile(DATA_DIR, ".drop-", ".tmp");
		// the partner's own columns z, a, m among the mapped ones: sorted, they came back
		// as a, m, z first
		Files.write(staging,
				("z,就诊日期,姓名,a,身份证号,检查项目,m,费用合计,优惠金额\r\n" + "Z-17,2026-12-01,黄志明,A-3," + HUANG + ",视力复查,M-9,壹仟元,0\r\n")
					.getBytes(StandardCharsets.UTF_8));
		Files.move(staging, DATA_DIR.resolve("inbox/partners/eye-hospital").resolve(name),
				StandardCopyOption.ATOMIC_MOVE);
		long run = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForList(
					"SELECT id FROM ops.ingest_run WHERE source_id = 'eye-hospital' AND file_name = ? AND status <> 'running'",
					Long.class, name), (ids) -> !ids.isEmpty())
			.get(0);
		assertThat(this.jdbc.queryForObject("SELECT reason FROM ops.rejected_row WHERE run_id = ?", String.class, run))
			.isEqualTo("bad_amount");

		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		List<String> headings = headings(table(viewer.get("/runs/" + run).body(), "rejected-rows"));
		assertThat(headings).containsExactly("z", "就诊日期", "姓名", "a", "身份证号", "检查项目", "m", "费用合计", "优惠金额");
		Sheet sheet = firstSheet(viewer.getBytes("/runs/" + run + "/rejects.xlsx").body());
		List<String> header = texts(sheet.getRow(3));
		assertThat(header.subList(RejectsWorkbook.RAW_FROM, header.size())).isEqualTo(headings);
		assertThat(texts(sheet.getRow(4)).subList(RejectsWorkbook.RAW_FROM, header.size())).containsExactly("Z-17",
				"2026-12-01", "黄**", "A-3", "440784************", "视力复查", "M-9", "壹仟元", "0");
	}

	@Test
	void theRunPagesLinksCarryNoEmptyParameter() {
		long run = provincialRun();
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		for (String page : List.of("/runs/" + run, "/runs/" + run + "?unmask=true",
				"/runs/" + run + "?reason=invalid_date", "/runs/" + run + "?reason=invalid_date&unmask=true")) {
			String html = admin.get(page).body();
			List<String> links = new ArrayList<>();
			Matcher href = Pattern.compile("href=\"(/runs/[^\"]*)\"").matcher(html);
			while (href.find()) {
				links.add(href.group(1).replace("&amp;", "&"));
			}
			assertThat(links).as(page).isNotEmpty().allSatisfy((link) -> {
				assertThat(link).doesNotContain("unmask=&", "reason=&", "page=&")
					.doesNotEndWith("unmask=")
					.doesNotEndWith("reason=")
					.doesNotMatch(".*[?&](unmask|reason|page)(&.*|$)");
			});
			boolean unmasked = page.contains("unmask=true");
			assertThat(links).as(page)
				.filteredOn((l) -> l.contains("/rejects.xlsx"))
				.singleElement()
				.satisfies((l) -> assertThat(l.contains("unmask=true")).isEqualTo(unmasked));
		}
	}

	/** The column headings of a rejected-rows table after its 位置 and 原因 columns. */
	private static List<String> headings(String table) {
		List<String> headings = new ArrayList<>();
		Matcher th = Pattern.compile("<th>([^<]*)</th>").matcher(table.substring(0, table.indexOf("</thead>")));
		while (th.find()) {
			headings.add(th.group(1));
		}
		return headings.subList(2, headings.size());
	}

	private static Sheet firstSheet(byte[] xlsx) throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			return wb.getSheetAt(0);
		}
	}

	private static List<String> texts(Row row) {
		List<String> texts = new ArrayList<>();
		for (int c = 0; c < row.getLastCellNum(); c++) {
			texts.add((row.getCell(c) != null) ? row.getCell(c).toString() : "");
		}
		return texts;
	}

	/**
	 * A provincial run with one veteran and one visit refused, as the sync records them.
	 */
	private long provincialRun() {
		long run = this.ledger.start("province", RunTrigger.MANUAL, null, null);
		Map<String, String> veteran = new LinkedHashMap<>();
		veteran.put("id", "440700000031");
		veteran.put("xm", "陈建国");
		veteran.put("xbdm", "1");
		veteran.put("sfzhm", CHEN_BAD);
		veteran.put("csrq", "19391104");
		veteran.put("rylb", "11");
		veteran.put("zzmm", "群众");
		veteran.put("lxdh", "13507919373");
		veteran.put("hjszx", "440704");
		veteran.put("hjszz", "外海街道");
		veteran.put("gxsj", "2026-10-31 16:13:00");
		veteran.put("scbz", "0");
		Map<String, String> visit = new LinkedHashMap<>();
		visit.put("zfid", "ZF202600009");
		visit.put("sfzhm", CHEN);
		visit.put("xm", "陈建国");
		visit.put("zfrq", "2026-02-30");
		visit.put("zflx", "日常走访");
		visit.put("zfry", "刘振华");
		visit.put("zfdw", "江海区退役军人服务站");
		visit.put("gxsj", "2026-11-02 16:13:00");
		this.ledger.rejectNow(run, "province",
				List.of(RejectedRow.ofRecord("440700000031", RejectReason.BAD_CHECKSUM, "sfzhm: 身份证号码校验位错误", veteran),
						RejectedRow.ofRecord("ZF202600009", RejectReason.INVALID_DATE, "zfrq: 2026-02-30", visit)));
		this.ledger.finish(run, RunStatus.SUCCEEDED, 2, 0, 2, null, null);
		return run;
	}

	private static String table(String page, String id) {
		int start = page.indexOf("id=\"" + id + "\"");
		assertThat(start).as("table %s", id).isPositive();
		return page.substring(start, page.indexOf("</table>", start));
	}

	/** Every sheet's cells as text, row by row, one list a sheet. */
	private static List<List<String>> cells(byte[] xlsx) throws Exception {
		List<List<String>> sheets = new ArrayList<>();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			for (Sheet sheet : wb) {
				List<String> texts = new ArrayList<>();
				for (Row row : sheet) {
					row.forEach((c) -> texts.add(c.toString()));
				}
				sheets.add(texts);
			}
		}
		return sheets;
	}

}
