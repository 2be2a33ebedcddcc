package cn.jiangmen.vethub.county;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Honour plaque sheets (光荣牌悬挂登记表) dropped into a county inbox: recognised by their
 * header, checked with the shared reject vocabulary, waiting for unknown persons, updated
 * by 光荣牌编号 on re-delivery, and counted by {@code dw.v_report_plaques}.
 */
class HonourPlaqueIngestIT extends HubIntegrationTest {

	static final String HUANG = IdCards.valid("440784", LocalDate.of(1985, 3, 12), 1, true);

	static final String LI = IdCards.valid("440784", LocalDate.of(1979, 8, 20), 3, true);

	static final String CHEN = IdCards.valid("440784", LocalDate.of(1990, 1, 1), 20, false);

	/** 其他优抚对象: on the roster, but not of a category the bureau hangs plaques for. */
	static final String ZHOU = IdCards.valid("430102", LocalDate.of(1972, 11, 30), 15, true);

	static final String NEWBIE = IdCards.valid("440784", LocalDate.of(1968, 4, 5), 41, false);

	static final String ZHANG_BAD = IdCards
		.withWrongCheckDigit(IdCards.valid("440784", LocalDate.of(1988, 6, 6), 5, true));

	static final String WANG = IdCards.valid("440784", LocalDate.of(1990, 2, 3), 8, false);

	private CountyInbox inbox;

	@BeforeEach
	void inbox() {
		this.inbox = new CountyInbox(DATA_DIR, this.jdbc);
	}

	@Test
	void plaqueSheetLoadsRejectsWaitsAndIsCountedOnceWhenRedelivered() throws Exception {
		this.inbox.load("heshan",
				CountyFiles.csv(this.inbox.staging("鹤山花名册_20260301.csv"), CountyFiles.gbk(), false,
						List.of("姓名,身份证号码,镇街,人员类别", "黄志强," + HUANG + ",沙坪,退役士兵", "李志明," + LI + ",沙坪,转业干部",
								"陈美玲," + CHEN + ",雅瑶,退役士兵", "周杰," + ZHOU + ",共和,其他")));

		Path sheet;
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet s = wb.sheet("光荣牌");
			wb.row(s, 0, "鹤山市光荣牌悬挂登记表（2026年3月）");
			s.addMergedRegion(new CellRangeAddress(0, 0, 0, 8));
			wb.row(s, 1, "序号", "姓名", "身份证号码", "所属镇街", "村（社区）", "悬挂日期", "光荣牌编号", "悬挂情况", "备注");
			wb.row(s, 2, 1, "黄志强", HUANG, "沙坪街道", "沙坪村", "2026年3月5日", "HS-0001", "已悬挂", null);
			// a date cell as Excel stores it: a serial number (2025-12-01), and a numeric
			// plaque number
			wb.row(s, 3, 2, "李志明", LI, "沙坪", null, CountyFileIngestIT.serial(LocalDate.of(2025, 12, 1)), 1002, "是",
					"补挂");
			wb.row(s, 4, 3, "何秀英", NEWBIE, "桃源", null, LocalDate.of(2026, 3, 10), "HS-0003", "已挂", null);
			wb.row(s, 5, 4, "张伟", ZHANG_BAD, "龙口", null, "2026年3月6日", "HS-0004", "已悬挂", null);
			wb.row(s, 6, 5, "王芳", WANG, "龙口", null, "2026年2月30日", "HS-0005", "已悬挂", null);
			wb.row(s, 7, 6, "陈美玲", CHEN, "雅瑶", null, null, "HS-0006", "挂了", null);
			wb.row(s, 8, 7, "陈美玲", CHEN, "火星镇", null, null, "HS-0007", "未悬挂", null);
			wb.row(s, 9, 8, "周杰", ZHOU, "共和", null, "2026年3月7日", null, "已悬挂", null);
			wb.row(s, 10, "合计", null, null, null, null, null, null, "8户", null);
			wb.row(s, 11, "填表说明：悬挂日期请填写年月日。");
			sheet = wb.writeTo(this.inbox.staging("鹤山市光荣牌悬挂登记表_20260315.xlsx"));
		}

		long runId = this.inbox.load("heshan", sheet);

		assertThat(this.inbox.run(runId)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 8L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 6L);
		assertThat(this.jdbc.queryForList("""
				SELECT plaque_no || '|' || id_card || '|' || status || '|' || hung_date || '|' || county_code || '|'
				       || town || '|' || coalesce(village, '-') || '|' || coalesce(notes, '-') || '|' || source_id
				       || '|' || sheet || '!' || row_number || '|' || file_name
				  FROM dw.honour_plaque ORDER BY plaque_no""", String.class)).containsExactly(
				"1002|" + LI + "|已悬挂|2025-12-01|440784|沙坪街道|-|补挂|heshan|光荣牌!4|鹤山市光荣牌悬挂登记表_20260315.xlsx",
				"HS-0001|" + HUANG + "|已悬挂|2026-03-05|440784|沙坪街道|沙坪村|-|heshan|光荣牌!3|鹤山市光荣牌悬挂登记表_20260315.xlsx");
		assertThat(this.jdbc.queryForList("""
				SELECT sheet || '|' || row_number || '|' || reason || '|' || (raw_values->>'姓名')
				  FROM ops.rejected_row WHERE run_id = ? ORDER BY row_number""", String.class, runId)).containsExactly(
				"光荣牌|5|unknown_person|何秀英", "光荣牌|6|bad_checksum|张伟", "光荣牌|7|invalid_date|王芳", "光荣牌|8|bad_value|陈美玲",
				"光荣牌|9|unknown_town|陈美玲", "光荣牌|10|missing_required|周杰");
		assertThat(this.jdbc.queryForMap("""
				SELECT fact_table, record_key, payload->>'hung_date' AS hung_date, payload->>'town' AS town
				  FROM ops.rejected_row WHERE run_id = ? AND reason = 'unknown_person'""", runId))
			.containsEntry("fact_table", "dw.honour_plaque")
			.containsEntry("record_key", "HS-0003")
			.containsEntry("hung_date", "2026-03-10")
			.containsEntry("town", "桃源镇");
		String feedback = this.inbox.feedback("heshan", "鹤山市光荣牌悬挂登记表_20260315.xlsx.回执.csv");
		assertThat(feedback).contains("读取行数,8,入库行数,2,退回行数,5,待人员信息到达后入库行数,1")
			.contains("光荣牌,5,库中无此人员，待人员信息到达后自动入库,")
			.contains("光荣牌,8,代码或取值无法识别,")
			.contains("光荣牌,10,必填项为空,");
		for (String id : List.of(HUANG, LI, NEWBIE, ZHANG_BAD, WANG, CHEN, ZHOU)) {
			assertThat(feedback).doesNotContain(id);
		}
		// eligible in 鹤山: 黄志强, 李志明, 陈美玲 (周杰 is 其他优抚对象); hung: 黄志强, 李志明
		assertThat(plaqueReport()).containsExactly("440784|3|2|66.7", "total|3|2|66.7");
		assertThat(plaqueReport(2026)).containsExactly("440784|3|1|33.3", "total|3|1|33.3");
		assertThat(plaqueReport(2025)).containsExactly("440784|3|1|33.3", "total|3|1|33.3");

		long rosterRun = this.inbox.load("heshan", CountyFiles.csv(this.inbox.staging("鹤山花名册_20260320.csv"),
				CountyFiles.utf8(), true, List.of("姓名,身份证号码,镇街,人员类别", "何秀英," + NEWBIE + ",桃源,烈属")));

		assertThat(this.jdbc.queryForObject(
				"SELECT hung_date::text || '|' || run_id FROM dw.honour_plaque" + " WHERE plaque_no = 'HS-0003'",
				String.class))
			.isEqualTo("2026-03-10|" + runId);
		assertThat(this.jdbc.queryForObject("SELECT resolved_run_id FROM ops.rejected_row WHERE id_card = ?",
				Long.class, NEWBIE))
			.isEqualTo(rosterRun);
		assertThat(plaqueReport()).containsExactly("440784|4|3|75.0", "total|4|3|75.0");

		Path again;
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet s = wb.sheet("光荣牌悬挂登记");
			wb.row(s, 0, "鹤山市光荣牌悬挂登记表（更正）");
			s.addMergedRegion(new CellRangeAddress(0, 0, 0, 6));
			wb.row(s, 1, "姓名", "公民身份号码", "镇街", "悬挂日期", "光荣牌编号", "是否悬挂", "备注");
			wb.row(s, 2, "黄志强", HUANG, "沙坪", "2026年3月5日", "HS-0001", "已悬挂", "初次");
			wb.row(s, 3, "黄志强", HUANG, "沙坪", "2026年3月5日", "HS-0001", "已悬挂", "门牌已更换");
			wb.row(s, 4, "李志明", LI, "沙坪", null, "1002", "未悬挂", "搬迁后未挂");
			wb.row(s, 5, "何秀英", NEWBIE, "桃源", LocalDate.of(2026, 3, 10), "HS-0003", "已悬挂", null);
			again = wb.writeTo(this.inbox.staging("鹤山市光荣牌悬挂登记表_20260325.xlsx"));
		}

		long againRun = this.inbox.load("heshan", again);

		assertThat(this.inbox.run(againRun)).containsEntry("rows_read", 4L)
			.containsEntry("rows_loaded", 3L)
			.containsEntry("rows_rejected", 1L);
		assertThat(this.jdbc.queryForList(
				"SELECT row_number || '|' || reason FROM ops.rejected_row WHERE run_id = ? ORDER BY row_number",
				String.class, againRun))
			.containsExactly("3|duplicate_in_file");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.honour_plaque", Long.class)).isEqualTo(3);
		assertThat(this.jdbc.queryForList("""
				SELECT plaque_no || '|' || status || '|' || coalesce(hung_date::text, '-') || '|' || notes
				  FROM dw.honour_plaque WHERE run_id = ? ORDER BY plaque_no""", String.class, againRun))
			.containsExactly("1002|未悬挂|-|搬迁后未挂", "HS-0001|已悬挂|2026-03-05|门牌已更换");
		// HS-0003 came again unchanged: its row keeps the run that loaded it
		assertThat(
				this.jdbc.queryForObject("SELECT run_id FROM dw.honour_plaque WHERE plaque_no = 'HS-0003'", Long.class))
			.isEqualTo(runId);
		assertThat(plaqueReport()).containsExactly("440784|4|2|50.0", "total|4|2|50.0");
	}

	@Test
	void aPlaqueSheetWithoutPlaqueNumbersIsRefusedRowByRowAndCreatesNoPerson() throws Exception {
		Path sheet;
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet s = wb.sheet("光荣牌");
			wb.row(s, 0, "姓名", "身份证号码", "悬挂时间");
			wb.row(s, 1, "黄志强", HUANG, "2026年3月5日");
			wb.row(s, 2, "李志明", LI, null);
			sheet = wb.writeTo(this.inbox.staging("鹤山市光荣牌_无编号_20260315.xlsx"));
		}

		long runId = this.inbox.load("heshan", sheet);

		assertThat(this.inbox.run(runId)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 2L)
			.containsEntry("rows_rejected", 2L);
		assertThat(this.jdbc
			.queryForList("SELECT row_number || '|' || reason || '|' || detail FROM ops.rejected_row WHERE run_id = ?"
					+ " ORDER BY row_number", String.class, runId))
			.containsExactly("2|missing_required|光荣牌编号为空", "3|missing_required|光荣牌编号为空");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isZero();
	}

	/** The report's rows of all years: county (or total), eligible, hung, rate. */
	private List<String> plaqueReport() {
		return this.jdbc.queryForList("""
				SELECT coalesce(county_code, 'total') || '|' || eligible || '|' || hung || '|' || hung_pct
				  FROM dw.v_report_plaques WHERE hung_year IS NULL ORDER BY is_total, county_code""", String.class);
	}

	private List<String> plaqueReport(int year) {
		return this.jdbc.queryForList("""
				SELECT coalesce(county_code, 'total') || '|' || eligible || '|' || hung || '|' || hung_pct
				  FROM dw.v_report_plaques WHERE hung_year = ? ORDER BY is_total, county_code""", String.class, year);
	}

}
