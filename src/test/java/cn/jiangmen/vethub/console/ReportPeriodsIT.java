package cn.jiangmen.vethub.console;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.console.ReportCatalog.Report;
import cn.jiangmen.vethub.console.ReportCatalog.ReportFilter;
import cn.jiangmen.vethub.console.ReportCatalog.ReportTable;
import cn.jiangmen.vethub.testdata.ReportExports;
import cn.jiangmen.vethub.testdata.IdCards;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports over a month and a date range (issue 16 point 8, V100): figures computed by the
 * warehouse from rows dated around the period's ends, the county filter on the reports
 * that once had none, the city total as the sum of the counties, the period kept in the
 * export links and the language switch and named in the export's title row, and a period
 * that cannot be used refused with a clear 400. All dates are in 2025, before the day the
 * test runs, so stock figures (as of the period's end, or today) do not depend on the
 * clock.
 */
class ReportPeriodsIT extends HubIntegrationTest {

	@Autowired
	private ReportCatalog catalog;

	private String heshanA;

	private String heshanB;

	private String heshanLate;

	private String enping;

	private String enpingOld;

	@BeforeEach
	void rows() {
		this.heshanA = person("440784", LocalDate.of(1985, 3, 1), 1, "退役士兵", true, "440784", null);
		this.heshanB = person("440784", LocalDate.of(1990, 7, 9), 2, "退役士兵", false, "440784", null);
		// discharged on 10 December: a veteran of the December figures, not of November's
		this.heshanLate = person("440784", LocalDate.of(2003, 5, 5), 3, "退役士兵", true, "440784",
				LocalDate.of(2025, 12, 10));
		this.enping = person("440785", LocalDate.of(1978, 1, 20), 4, "伤残军人", false, "440785", null);
		// turns 80 on 20 November 2025, insured from 1 November
		this.enpingOld = person("440785", LocalDate.of(1945, 11, 20), 5, "退役士兵", false, "440785", null);
		this.jdbc.update(
				"""
						INSERT INTO dw.insurance_policy (source_id, partner_id, policy_no, id_card, start_date, end_date, run_id)
						VALUES ('insurer', 'insurer', 'P-1', ?, '2025-11-01', '2026-10-31', 1)""",
				this.enpingOld);
		// payments on both sides of the end of November
		payment(this.heshanA, "生活困难救助", "1000.00", "2025-11-30", "440784");
		payment(this.heshanA, "医疗困难救助", "500.00", "2025-12-01", "440784");
		payment(this.enping, "生活困难救助", "300.50", "2025-11-01", "440785");
		payment(this.enping, "应急救助", "99.00", "2025-10-31", "440785");
		// visits: one on the last day of the range, one the day after
		visit(this.heshanB, "V1", "2025-12-15");
		visit(this.heshanA, "V2", "2025-12-16");
	}

	@Test
	void monthAndRangeFiguresAreComputedFromTheRowsOfTheirDaysBothEndsIncluded() throws Exception {
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");

		// November: the payment of 30 November counts, that of 1 December does not
		Map<String, String> november = byFirstCell(
				ReportExports.rows(viewer, "assistance-by-county", "?month=2025-11"));
		assertThat(november).containsEntry("鹤山市", "1|1000.00")
			.containsEntry("恩平市", "1|300.50")
			.containsEntry("全市合计", "2|1300.50");
		assertCityIsTheSumOfTheCounties(november);
		Map<String, String> december = byFirstCell(
				ReportExports.rows(viewer, "assistance-by-county", "?period=month&month=2025-12"));
		assertThat(december).containsEntry("鹤山市", "1|500.00")
			.containsEntry("恩平市", "0|0.00")
			.containsEntry("全市合计", "1|500.00");
		// a range of two days across the month's end takes both
		Map<String, String> range = byFirstCell(
				ReportExports.rows(viewer, "assistance-by-county", "?period=range&from=2025-11-30&to=2025-12-01"));
		assertThat(range).containsEntry("鹤山市", "2|1500.00").containsEntry("全市合计", "2|1500.00");
		assertCityIsTheSumOfTheCounties(range);
		// by category, for one county only: its categories and its own total
		assertThat(byFirstCell(
				ReportExports.rows(viewer, "assistance-by-category", "?county=440785&from=2025-10-01&to=2025-11-30")))
			.containsEntry("生活困难救助", "1|300.50")
			.containsEntry("应急救助", "1|99.00")
			.containsEntry("医疗困难救助", "0|0.00")
			.containsEntry("合计", "2|399.50");

		// visit coverage from 15 November to 15 December: the visit of the 15th counts,
		// that
		// of the 16th does not; the persons are those who were veterans on the 15th
		// (heshanLate, discharged on the 10th, is one)
		List<String> coverage = ReportExports.rows(viewer, "visit-coverage", "?from=2025-11-15&to=2025-12-15");
		assertThat(coverage).containsExactly("鹤山市|3|1|33.3", "恩平市|2|0|0.0", "全市合计|5|1|20.0");
		// in November he was not yet discharged, and nobody was visited
		assertThat(ReportExports.rows(viewer, "visit-coverage", "?month=2025-11")).containsExactly("鹤山市|2|0|0.0",
				"恩平市|2|0|0.0", "全市合计|4|0|0.0");

		// insured aged 80+: a stock, as of the period's last day
		assertThat(ReportExports.rows(viewer, "insured-80-plus", "?month=2025-10")).isEmpty();
		assertThat(ReportExports.rows(viewer, "insured-80-plus", "?month=2025-11")).containsExactly("恩平市|1|1|100.0",
				"全市合计|1|1|100.0");

		// an empty period says so on the page
		String empty = viewer.get("/reports?month=2024-02").body();
		assertThat(section(empty, "assistance-by-county")).as("every county, 0 paid").contains("<table");
		assertThat(section(empty, "insured-80-plus")).contains("id=\"empty-insured-80-plus\"").doesNotContain("<table");
	}

	@Test
	void theCountyFilterWorksOnTheReportsThatHadNoneAndTheCityRowIsTheSumOfItsCounties() throws Exception {
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		List<String> all = ReportExports.rows(viewer, "party-members", "?year=2025");
		assertThat(all).containsExactly("鹤山市|3|2|66.7", "恩平市|2|0|0.0", "全市合计|5|2|40.0");
		assertThat(ReportExports.rows(viewer, "party-members", "?county=440785&year=2025"))
			.containsExactly("恩平市|2|0|0.0");
		// persons by category: one county's rows only
		assertThat(ReportExports.rows(viewer, "persons", "?county=440785")).containsExactlyInAnyOrder("恩平市|伤残军人|1",
				"恩平市|退役士兵|1");
	}

	@Test
	void thePeriodIsKeptInTheLinksAndNamedInTheExportAndABadPeriodIsAClear400() throws Exception {
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		String page = viewer.get("/reports?period=month&month=2025-11&county=440784").body();
		assertThat(page).contains("/reports/assistance-by-county.xlsx?county=440784&amp;month=2025-11",
				"期间：2025年11月；县（市、区）：鹤山市", "value=\"2025-11\"");
		assertThat(page).as("the language switch keeps the period")
			.contains("period=month&amp;month=2025-11&amp;county=440784&amp;lang=en");
		assertThat(section(page, "assistance-by-county")).contains("鹤山市", "1,000.00").doesNotContain("恩平市");

		HttpResponse<byte[]> xlsx = viewer.getBytes("/reports/assistance-by-county.xlsx?county=440784&month=2025-11");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("解三难救助发放（按县（市、区））（2025年11月）");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains("县（市、区）：鹤山市；期间：2025年11月");
		}
		HttpResponse<byte[]> english = viewer
			.getBytes("/reports/assistance-by-county.xlsx?from=2025-11-15&to=2025-12-15&lang=en");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(english.body()))) {
			assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
				.isEqualTo("Hardship payments by county (2025-11-15 to 2025-12-15)");
		}

		HttpResponse<String> month13 = viewer.get("/reports?period=month&month=2026-13&lang=zh_CN");
		assertThat(month13.statusCode()).isEqualTo(400);
		assertThat(month13.body()).contains("请求有误", "月份“2026-13”无效", "id=\"nav-reports\"")
			.doesNotContain("Exception", "at cn.");
		HttpResponse<String> reversed = viewer.get("/reports?from=2025-12-31&to=2025-11-01&lang=en");
		assertThat(reversed.statusCode()).isEqualTo(400);
		assertThat(reversed.body()).contains("The first day is after the last day (2025-12-31 &gt; 2025-11-01)");
		assertThat(viewer.getBytes("/reports/persons.xlsx?year=2025&month=2025-11").statusCode()).isEqualTo(400);
		assertThat(viewer.get("/reports?county=999999&lang=zh_CN").body()).contains("县（市、区）代码“999999”不是本市的县（市、区）");
	}

	@Test
	void everyReportOfTheCatalogTakesAnyPeriodAndACountyAndRunsForAMonth() {
		// no report is left by year only: each reads a dw.report_*(from, to) function
		assertThat(ReportCatalog.REPORTS).allSatisfy((r) -> {
			assertThat(r.periods()).as(r.key()).isEqualTo(ReportCatalog.Periods.PERIOD);
			assertThat(r.sql()).as(r.key()).containsPattern("FROM dw\\.report_\\w+\\(CAST\\(:from AS date\\)");
		});
		// with a county, no row of another county nor the city's
		List<String> others = this.jdbc.queryForList("SELECT name FROM ref.county WHERE code <> '440784'",
				String.class);
		ReportFilter november = new ReportFilter("440784", ReportPeriod.month(java.time.YearMonth.of(2025, 11)));
		for (Report report : ReportCatalog.REPORTS) {
			ReportTable table = this.catalog.run(report, november, Locale.CHINA);
			assertThat(table.rows()).as(report.key())
				.allSatisfy((row) -> assertThat(row).doesNotContainAnyElementsOf(others).doesNotContain("全市合计"));
		}
	}

	private static void assertCityIsTheSumOfTheCounties(Map<String, String> rows) {
		long payments = 0;
		BigDecimal amount = BigDecimal.ZERO;
		for (Map.Entry<String, String> row : rows.entrySet()) {
			if (!row.getKey().equals("全市合计")) {
				String[] cells = row.getValue().split("\\|");
				payments += Long.parseLong(cells[0]);
				amount = amount.add(new BigDecimal(cells[1]));
			}
		}
		assertThat(rows.get("全市合计")).isEqualTo(payments + "|" + amount.setScale(2));
	}

	/** The rows of an export keyed by their first cell, the other cells joined by |. */
	private static Map<String, String> byFirstCell(List<String> rows) {
		Map<String, String> out = new LinkedHashMap<>();
		for (String row : rows) {
			int bar = row.indexOf('|');
			out.put(row.substring(0, bar), row.substring(bar + 1));
		}
		return out;
	}

	private static String section(String page, String key) {
		int start = page.indexOf("id=\"report-" + key + "\"");
		assertThat(start).as(key).isNotNegative();
		return page.substring(start, page.indexOf("</section>", start));
	}

	private String person(String region, LocalDate birth, int seq, String category, boolean party, String county,
			LocalDate discharged) {
		String id = IdCards.valid(region, birth, seq, seq % 2 == 1);
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, category, political_status, party_member,
				                       county_code, discharge_date, name_source, name_set_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'province', now())""", id, "人员" + seq, (seq % 2 == 1) ? "M" : "F",
				birth, category, party ? "中共党员" : "群众", party, county, discharged);
		return id;
	}

	private void payment(String id, String category, String amount, String paid, String county) {
		this.jdbc.update("""
				INSERT INTO dw.assistance_payment (source_id, id_card, category, amount, paid_date, county_code, run_id)
				VALUES ('heshan', ?, ?, ?, ?::date, ?, 1)""", id, category, new BigDecimal(amount), paid, county);
	}

	private void visit(String id, String key, String day) {
		this.jdbc.update("""
				INSERT INTO dw.visit (source_id, visit_key, id_card, visit_date, visit_type, run_id)
				VALUES ('province', ?, ?, ?::date, '走访', 1)""", key, id, day);
	}

}
