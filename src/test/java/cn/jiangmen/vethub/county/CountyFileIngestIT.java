package cn.jiangmen.vethub.county;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ingest.InboxFiles;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.RawXlsx;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * County files dropped into a running hub: the warehouse rows, the reject rows and the
 * feedback file.
 */
class CountyFileIngestIT extends HubIntegrationTest {

	@Autowired
	private MeterRegistry meters;

	private CountyInbox inbox;

	@BeforeEach
	void inbox() {
		this.inbox = new CountyInbox(DATA_DIR, this.jdbc);
	}

	static final String HUANG = IdCards.valid("440784", LocalDate.of(1985, 3, 12), 1, true);

	static final String LI = IdCards.valid("440784", LocalDate.of(1979, 8, 20), 3, true);

	static final String CHEN = IdCards.valid("440784", LocalDate.of(1990, 1, 1), 20, false);

	static final String ZHANG_BAD = IdCards
		.withWrongCheckDigit(IdCards.valid("440784", LocalDate.of(1988, 6, 6), 5, true));

	static final String WANG = IdCards.valid("440784", LocalDate.of(1990, 2, 3), 8, false);

	static final String LIU = IdCards.valid("440784", LocalDate.of(1985, 3, 12), 7, true);

	/** Born in 湖南 长沙: veterans are often born outside Jiangmen. */
	static final String ZHOU = IdCards.valid("430102", LocalDate.of(1972, 11, 30), 15, true);

	static final String NEWBIE = IdCards.valid("440784", LocalDate.of(1968, 4, 5), 41, false);

	@Test
	void rosterWorkbookLoadsGoodRowsAndRejectsEachBadRowWithOneReason() throws Exception {
		Path file;
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet notes = wb.sheet("说明");
			wb.row(notes, 0, "填表说明");
			wb.row(notes, 1, "1. 身份证号码请以文本格式填写。");
			Sheet s = wb.sheet("花名册");
			wb.row(s, 0, "鹤山市退役军人花名册（2026年11月）");
			s.addMergedRegion(new CellRangeAddress(0, 0, 0, 11));
			wb.row(s, 1, "序号", "姓名", "性别", "公民身份\n号码", "出生日期", "入伍时间", "退役时间", "手机号码", "镇（街）", "村（社区）", "政治面貌", "人员类别");
			wb.row(s, 2, 1, "黄志强", "男", HUANG, LocalDate.of(1985, 3, 12), "2003年12月1日", LocalDate.of(2005, 12, 1),
					"138-2345-6789", "沙坪", "沙坪村", "党员", "退伍军人");
			wb.row(s, 3, 2, "李𠮷祥", "男", fullWidthWithNbsp(LI), serial(LocalDate.of(1979, 8, 20)), "1997/12/1",
					"2001.12.01", 13912345678L, null, null, "群众", "转业干部");
			wb.row(s, 4, 3, "陈美玲", "女", Double.valueOf(CHEN.substring(0, 17)), null, null, null, null, null, null, null,
					null);
			s.addMergedRegion(new CellRangeAddress(2, 4, 8, 8));
			wb.row(s, 5, 4, "林国栋", "男", "4.40785E+17", null, null, null, null, "龙口", null, null, null);
			wb.row(s, 6, 5, "张伟", "男", ZHANG_BAD, null, null, null, null, "龙口", null, null, null);
			wb.row(s, 7, 6, "王芳", "女", WANG, "1990-02-30", null, null, null, "龙口", null, null, null);
			wb.row(s, 8, 7, "刘洋", "男", LIU, LocalDate.of(1985, 3, 13), null, null, null, "龙口", null, null, null);
			wb.row(s, 9, 8, "周杰", "男", ZHOU, null, null, null, "13700000001", "共和", null, null, "其他");
			wb.row(s, 10, 9, "周杰", "男", ZHOU, null, null, null, "13700000002", "共和镇", "平岭村", null, "其他");
			wb.row(s, 11, 10, "𠮷振华", "男", "", null, null, null, null, "龙口", null, null, null);
			s.createRow(12);
			wb.row(s, 13, "合计", null, null, null, null, null, null, null, null, null, null, "10人");
			wb.row(s, 14, "填表说明：身份证号码请以文本格式填写。制表人：李明");
			Sheet dictionary = wb.sheet("字典");
			wb.row(dictionary, 0, "人员类别", "退伍军人", "转业干部", "残疾军人", "烈属", "其他");
			file = wb.writeTo(staging("鹤山市退役军人花名册_20261115.xlsx"));
		}

		long runId = load("heshan", file);

		assertThat(run(runId)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 10L)
			.containsEntry("rows_loaded", 3L)
			.containsEntry("rows_rejected", 7L)
			.containsEntry("feedback_file", "鹤山市退役军人花名册_20261115.xlsx.回执.csv");
		assertThat(this.jdbc.queryForMap(
				"""
						SELECT name, gender, birth_date::text, enlist_date::text, discharge_date::text, category, political_status,
						       party_member, phone, county_code, town, village, name_source, (name_set_at AT TIME ZONE 'Asia/Shanghai')::date::text AS name_set_at
						  FROM dw.person WHERE id_card = ?""",
				HUANG))
			.containsExactlyEntriesOf(ordered("name", "黄志强", "gender", "M", "birth_date", "1985-03-12", "enlist_date",
					"2003-12-01", "discharge_date", "2005-12-01", "category", "退役士兵", "political_status", "中共党员",
					"party_member", true, "phone", "13823456789", "county_code", "440784", "town", "沙坪街道", "village",
					"沙坪村", "name_source", "heshan", "name_set_at", "2026-11-15"));
		assertThat(this.jdbc.queryForMap(
				"""
						SELECT name, enlist_date::text, discharge_date::text, category, political_status, party_member, phone, town
						  FROM dw.person WHERE id_card = ?""",
				LI))
			.containsExactlyEntriesOf(ordered("name", "李𠮷祥", "enlist_date", "1997-12-01", "discharge_date",
					"2001-12-01", "category", "军队转业干部", "political_status", "群众", "party_member", false, "phone",
					"13912345678", "town", "沙坪街道"));
		assertThat(
				this.jdbc.queryForMap("SELECT phone, town, village, category FROM dw.person WHERE id_card = ?", ZHOU))
			.containsExactlyEntriesOf(
					ordered("phone", "13700000002", "town", "共和镇", "village", "平岭村", "category", "其他优抚对象"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isEqualTo(3);

		List<String> rejects = this.jdbc.queryForList("""
				SELECT file_name || '|' || sheet || '|' || row_number || '|' || reason || '|' || (raw_values->>'姓名')
				  FROM ops.rejected_row WHERE run_id = ? ORDER BY row_number""", String.class, runId);
		String f = "鹤山市退役军人花名册_20261115.xlsx|花名册|";
		assertThat(rejects).containsExactly(f + "5|id_lost_precision|陈美玲", f + "6|id_lost_precision|林国栋",
				f + "7|bad_checksum|张伟", f + "8|invalid_date|王芳", f + "9|id_birthdate_mismatch|刘洋",
				f + "10|duplicate_in_file|周杰", f + "12|missing_required|𠮷振华");
		assertThat(this.jdbc.queryForObject(
				"SELECT raw_values->>'公民身份号码' FROM ops.rejected_row WHERE run_id = ? AND row_number = 7", String.class,
				runId))
			.isEqualTo(ZHANG_BAD);

		String feedback = feedback("heshan", "鹤山市退役军人花名册_20261115.xlsx.回执.csv");
		assertThat(feedback).contains("读取行数,10,入库行数,3,退回行数,7")
			.contains("花名册,7,身份证号码校验位错误,")
			.contains("花名册,8,日期无效,")
			.contains("1990-**-**")
			.doesNotContain("1990-02-30")
			.contains("花名册,12,必填项为空,")
			.contains("𠮷**")
			.contains(ZHANG_BAD.substring(0, 6) + "************");
		for (String id : List.of(HUANG, LI, CHEN, ZHANG_BAD, WANG, LIU, ZHOU)) {
			assertThat(feedback).doesNotContain(id).doesNotContain(id.substring(6, 14) + id.substring(14, 17));
		}
		assertThat(folders("archive/heshan/" + LocalDate.now(InboxFiles.CHINA)).resolve(file.getFileName())).exists();
	}

	@Test
	void paymentsLoadExactAmountsOnceAndWaitForUnknownPersons() throws Exception {
		load("heshan", CountyFiles.csv(staging("鹤山花名册_20261101.csv"), CountyFiles.utf8(), true,
				List.of("姓名,身份证号码,镇街", "黄志强," + HUANG + ",沙坪", "陈美玲," + CHEN + ",雅瑶")));
		Path payments;
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet s = wb.sheet("发放明细");
			wb.row(s, 0, "2026年11月解三难救助发放明细");
			s.addMergedRegion(new CellRangeAddress(0, 0, 0, 6));
			wb.row(s, 1, "序号", "姓名", "身份证号码", "救助类别", "救助金额\n（元）", "发放日期", "经办人");
			wb.row(s, 2, 1, "黄志强", HUANG, "生活困难救助", "1,200.00元", LocalDate.of(2026, 11, 10), "李明");
			wb.row(s, 3, 2, "黄志强", HUANG, "医疗困难救助", "0.12万元", "2026/11/12", "李明");
			wb.row(s, 4, 3, "陈美玲", CHEN, "住房困难救助", "待定", LocalDate.of(2026, 11, 10), "李明");
			wb.row(s, 5, 4, "陈美玲", CHEN, "慰问金", "壹仟元", LocalDate.of(2026, 11, 10), "李明");
			wb.row(s, 6, 5, "何秀英", NEWBIE, "生活困难救助", 800, LocalDate.of(2026, 11, 15), "李明");
			wb.row(s, 7, 6, "黄志强", HUANG, "生活困难救助", "1200", LocalDate.of(2026, 11, 10), "王芳");
			wb.row(s, 8, "合计", null, null, null, "4,400.00", null, null);
			payments = wb.writeTo(staging("解三难救助发放明细_20261120.xlsx"));
		}

		long runId = load("heshan", payments);

		assertThat(run(runId)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 6L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 4L);
		assertThat(this.jdbc.queryForList(
				"""
						SELECT category || '|' || amount || '|' || paid_date || '|' || handler || '|' || county_code || '|' || source_id
						  FROM dw.assistance_payment WHERE id_card = ? ORDER BY category""",
				String.class, HUANG))
			.containsExactly("医疗困难救助|1200.00|2026-11-12|李明|440784|heshan",
					"生活困难救助|1200.00|2026-11-10|王芳|440784|heshan");
		assertThat(this.jdbc.queryForList(
				"SELECT row_number || '|' || reason FROM ops.rejected_row WHERE run_id = ? ORDER BY row_number",
				String.class, runId))
			.containsExactly("3|duplicate_in_file", "5|bad_amount", "6|bad_amount", "7|unknown_person");
		assertThat(this.jdbc.queryForMap("""
				SELECT fact_table, id_card, payload->>'amount' AS amount, payload->>'paid_date' AS paid_date,
				       payload->>'county_code' AS county_code, resolved_at
				  FROM ops.rejected_row WHERE run_id = ? AND reason = 'unknown_person'""", runId))
			.containsEntry("fact_table", "dw.assistance_payment")
			.containsEntry("id_card", NEWBIE)
			.containsEntry("amount", "800.00")
			.containsEntry("paid_date", "2026-11-15")
			.containsEntry("county_code", "440784")
			.containsEntry("resolved_at", null);
		assertThat(feedback("heshan", "解三难救助发放明细_20261120.xlsx.回执.csv")).contains("发放明细,5,金额无效,")
			.contains("待定")
			.contains("壹仟元")
			.contains("发放明细,7,库中无此人员，待人员信息到达后自动入库,");

		long rosterRun = load("heshan", CountyFiles.csv(staging("鹤山花名册_20261125.csv"), CountyFiles.gbk(), false,
				List.of("姓名,身份证号码,镇街", "何秀英," + NEWBIE + ",桃源")));

		assertThat(this.jdbc.queryForObject("SELECT amount::text FROM dw.assistance_payment WHERE id_card = ?",
				String.class, NEWBIE))
			.isEqualTo("800.00");
		assertThat(this.jdbc.queryForMap(
				"SELECT resolved_run_id, resolved_at IS NOT NULL AS resolved FROM ops.rejected_row WHERE id_card = ?",
				NEWBIE))
			.containsEntry("resolved_run_id", rosterRun)
			.containsEntry("resolved", true);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.assistance_payment", Long.class)).isEqualTo(3);
	}

	@Test
	void numberCellsAsExcelWritesThemLoadAsExcelShowsThem() throws Exception {
		// <v> texts as Excel writes them: 1979.08 typed as a number is
		// 1979.0799999999999, a
		// phone 1.3912345678E+10, amounts 1234.5699999999999 and 4567.8000000000002
		long rosterRun = load("heshan", new RawXlsx().row("花名册", "姓名", "身份证号码", "出生年月", "联系电话", "镇街")
			.row("花名册", "李𠮷祥", LI, RawXlsx.number("1979.0799999999999"), RawXlsx.number("1.3912345678E+10"), "沙坪")
			.row("花名册", "黄志强", HUANG, RawXlsx.number("1985.03"), RawXlsx.number("13823456789"), "雅瑶")
			.writeTo(staging("鹤山花名册_excel.xlsx")));
		long paymentRun = load("heshan", new RawXlsx().row("发放明细", "姓名", "身份证号码", "救助类别", "救助金额（元）", "发放日期", "经办人")
			.row("发放明细", "李𠮷祥", LI, "生活困难救助", RawXlsx.number("1234.5699999999999"), RawXlsx.date("46335.999999999993"),
					"李明")
			.row("发放明细", "黄志强", HUANG, "医疗困难救助", RawXlsx.number("4567.8000000000002"), RawXlsx.shortDate("46337"), "李明")
			.row("发放明细", "黄志强", HUANG, "慰问金", RawXlsx.number("12.345"), RawXlsx.date("46337"), "李明")
			.writeTo(staging("解三难救助发放明细_excel.xlsx")));

		assertThat(run(rosterRun)).containsEntry("rows_loaded", 2L).containsEntry("rows_rejected", 0L);
		assertThat(this.jdbc.queryForList("SELECT phone FROM dw.person ORDER BY phone", String.class))
			.containsExactly("13823456789", "13912345678");
		assertThat(run(paymentRun)).containsEntry("rows_loaded", 2L).containsEntry("rows_rejected", 1L);
		assertThat(this.jdbc.queryForList(
				"SELECT category || '|' || amount || '|' || paid_date FROM dw.assistance_payment ORDER BY amount",
				String.class))
			.containsExactly("生活困难救助|1234.57|2026-11-10", "医疗困难救助|4567.80|2026-11-11");
		assertThat(this.jdbc.queryForObject(
				"SELECT row_number || '|' || reason || '|' || detail FROM ops.rejected_row WHERE run_id = ?",
				String.class, paymentRun))
			.startsWith("4|bad_amount|")
			.contains("12.345");
	}

	@Test
	void amountsSavedAtFullPrecisionInGbkAndUtf8CsvLoadAsExcelShowsThem() throws Exception {
		load("heshan", CountyFiles.csv(staging("鹤山花名册_20261102.csv"), CountyFiles.utf8(), true,
				List.of("姓名,身份证号码,镇街", "黄志强," + HUANG + ",沙坪", "陈美玲," + CHEN + ",雅瑶")));
		long gbk = load("heshan",
				CountyFiles.csv(staging("救助发放_gbk.csv"), CountyFiles.gbk(), false,
						List.of("姓名,身份证号码,救助类别,救助金额（元）,发放日期", "黄志强," + HUANG + ",生活困难救助,1234.5699999999999,2026-11-10",
								"陈美玲," + CHEN + ",生活困难救助,12.3400000000000001,2026-11-10")));
		long utf8 = load("heshan",
				CountyFiles.csv(staging("救助发放_utf8.csv"), CountyFiles.utf8(), true,
						List.of("姓名,身份证号码,救助类别,救助金额（元）,发放日期",
								"黄志强," + HUANG + ",医疗困难救助,\"4,567.8000000000002元\",2026-11-10",
								"陈美玲," + CHEN + ",医疗困难救助,12.345,2026-11-10")));

		assertThat(run(gbk)).containsEntry("rows_loaded", 1L).containsEntry("rows_rejected", 1L);
		assertThat(run(utf8)).containsEntry("rows_loaded", 1L).containsEntry("rows_rejected", 1L);
		assertThat(
				this.jdbc.queryForList("SELECT amount::text FROM dw.assistance_payment ORDER BY amount", String.class))
			.containsExactly("1234.57", "4567.80");
		assertThat(this.jdbc.queryForList(
				"SELECT reason FROM ops.rejected_row WHERE run_id IN (?, ?) AND detail LIKE '%两位%'", String.class, gbk,
				utf8))
			.containsExactly("bad_amount", "bad_amount");
	}

	@Test
	void csvFilesArriveInGbkAndInUtf8WithBom() throws Exception {
		long rosterRun = load("kaiping",
				CountyFiles.csv(staging("开平花名册.csv"), CountyFiles.utf8(), true,
						List.of("姓名,身份证号,出生年月,联系电话,镇（街）,政治面貌,人员类别",
								"李𠮷祥," + LI + ",1979.08,139 1234 5678,长沙,预备党员,残疾军人",
								"黄志强," + HUANG + ",1985年4月,,三埠,,")));
		long paymentRun = load("kaiping",
				CountyFiles.csv(staging("开平救助发放.csv"), CountyFiles.gbk(), false,
						List.of("姓名,证件号码,救助类别,救助金额（元）,发放日期,经办人", "李吉祥," + LI + ",应急救助,\"1,200.00元\",2026年11月3日,陈明",
								"李吉祥," + LI + ",慰问金,12O.00,2026-11-03,陈明")));

		assertThat(run(rosterRun)).containsEntry("rows_loaded", 1L).containsEntry("rows_rejected", 1L);
		assertThat(this.jdbc.queryForMap("SELECT name, phone, town, county_code, political_status FROM dw.person"))
			.containsExactlyEntriesOf(ordered("name", "李𠮷祥", "phone", "13912345678", "town", "长沙街道", "county_code",
					"440783", "political_status", "中共预备党员"));
		assertThat(this.jdbc
			.queryForList("SELECT row_number || '|' || reason || '|' || coalesce(sheet, '-') FROM ops.rejected_row"
					+ " ORDER BY run_id", String.class))
			.containsExactly("3|id_birthdate_mismatch|-", "3|bad_amount|-");
		assertThat(this.jdbc.queryForObject("SELECT amount::text || '|' || county_code FROM dw.assistance_payment",
				String.class))
			.isEqualTo("1200.00|440783");
		assertThat(run(paymentRun)).containsEntry("rows_read", 2L).containsEntry("rows_loaded", 1L);
		assertThat(feedback("kaiping", "开平花名册.csv.回执.csv")).contains(",3,出生日期与身份证号码不一致,");
	}

	@Test
	void corruptFileIsUnreadableMovedToErrorAndAnswered() throws Exception {
		Path whole;
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet s = wb.sheet("花名册");
			wb.row(s, 0, "姓名", "身份证号码");
			wb.row(s, 1, "黄志强", HUANG);
			whole = wb.writeTo(staging("whole.xlsx"));
		}
		byte[] bytes = Files.readAllBytes(whole);
		Path cut = Files.write(staging("鹤山花名册_传输中断.xlsx"), Arrays.copyOf(bytes, bytes.length * 2 / 3));

		long runId = load("heshan", cut);

		assertThat(run(runId)).containsEntry("status", "unreadable").containsEntry("rows_loaded", 0L);
		assertThat(this.jdbc.queryForList("SELECT reason || '|' || file_name FROM ops.rejected_row", String.class))
			.containsExactly("unreadable_file|鹤山花名册_传输中断.xlsx");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isZero();
		assertThat(folders("error/heshan").resolve("鹤山花名册_传输中断.xlsx")).exists();
		assertThat(feedback("heshan", "鹤山花名册_传输中断.xlsx.回执.csv")).contains("文件无法读取");
	}

	@Test
	void oldExcelAndAWorkbookWithoutAnyTableAreUnreadableToo() throws Exception {
		Path xls = Files.write(staging("花名册2003版.xls"), new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
				(byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0, 0 });
		Path noTable;
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			wb.row(wb.sheet("说明"), 0, "本月无新增人员");
			noTable = wb.writeTo(staging("鹤山花名册_空.XLSX"));
		}

		long xlsRun = load("heshan", xls);
		long noTableRun = load("heshan", noTable);

		assertThat(run(xlsRun)).containsEntry("status", "unreadable");
		assertThat(run(noTableRun)).containsEntry("status", "unreadable");
		assertThat(this.jdbc.queryForList("SELECT detail FROM ops.rejected_row ORDER BY id", String.class))
			.satisfiesExactly((d) -> assertThat(d).contains(".xls"), (d) -> assertThat(d).contains("未找到数据表"));
		assertThat(folders("error/heshan").resolve("花名册2003版.xls")).exists();
		assertThat(folders("error/heshan").resolve("鹤山花名册_空.XLSX")).exists();
	}

	@Test
	void byteIdenticalRedeliveryUnderAnotherNameIsSkipped() throws Exception {
		List<String> lines = List.of("姓名,身份证号码,镇街,联系电话", "黄志强," + HUANG + ",沙坪,13800000001");
		long first = load("heshan", CountyFiles.csv(staging("鹤山花名册_20261101.csv"), CountyFiles.utf8(), false, lines));
		String before = this.jdbc.queryForObject("SELECT updated_at::text || last_run_id FROM dw.person", String.class);

		long second = load("heshan", CountyFiles.csv(staging("鹤山花名册_重发.csv"), CountyFiles.utf8(), false, lines));

		assertThat(run(first)).containsEntry("status", "succeeded");
		assertThat(run(second)).containsEntry("status", "skipped_duplicate").containsEntry("rows_read", 0L);
		assertThat(this.jdbc.queryForObject("SELECT updated_at::text || last_run_id FROM dw.person", String.class))
			.isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person_observation", Long.class)).isEqualTo(1);
		assertThat(folders("archive/heshan/" + LocalDate.now(InboxFiles.CHINA)).resolve("鹤山花名册_重发.csv")).exists();
	}

	@Test
	void aRedeliveryUnderTheSameNameIsAnsweredWithWhatIsStillWrongInIt() throws Exception {
		// the office sends the same sheet again (it lost the answer, or never fixed it):
		// the new answer replaces the first in the outbox, so it must still name the row
		List<String> lines = List.of("姓名,身份证号码,镇街,联系电话", "黄志强," + HUANG + ",沙坪,13800000001",
				"张伟," + ZHANG_BAD + ",沙坪,13800000002");
		Path delivered = CountyFiles.csv(staging("鹤山花名册_20261125.csv"), CountyFiles.gbk(), false, lines);
		byte[] sheet = Files.readAllBytes(delivered);
		long first = load("heshan", delivered);
		assertThat(run(first)).containsEntry("status", "succeeded").containsEntry("rows_rejected", 1L);
		assertThat(feedback("heshan", "鹤山花名册_20261125.csv.回执.csv"))
			.contains(",3," + RejectReason.BAD_CHECKSUM.labelZh() + ",");

		Path again = staging("鹤山花名册_20261125.csv");
		Files.write(again, sheet);
		long second = load("heshan", again);

		assertThat(run(second)).containsEntry("status", "skipped_duplicate").containsEntry("rows_read", 0L);
		String answer = feedback("heshan", "鹤山花名册_20261125.csv.回执.csv");
		assertThat(answer).contains("读取行数,0,入库行数,0,退回行数,0")
			.contains("与第 " + first + " 次运行已入库的文件内容完全相同，未重复入库；下列 1 行是第 " + first + " 次运行未能入库、至今仍未入库的行")
			.contains(",3," + RejectReason.BAD_CHECKSUM.labelZh() + ",")
			.doesNotContain(ZHANG_BAD)
			.doesNotContain(HUANG)
			.doesNotContain("黄志强");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.rejected_row", Long.class))
			.as("nothing refused again")
			.isOne();
	}

	@Test
	void aFailureAfterTheCommitNeverLoadsTheFileTwice() throws Exception {
		// the day's archive folder cannot be made (a file stands in its place): the move
		// after the commit fails
		Path day = folders("archive/heshan/" + LocalDate.now(InboxFiles.CHINA));
		deleteRecursively(day);
		Files.createDirectories(day.getParent());
		Files.writeString(day, "in the way");
		try {
			List<String> lines = List.of("姓名,身份证号码,镇街,联系电话", "黄志强," + HUANG + ",沙坪,13800000001");
			Path inbox = folders("inbox/county/heshan");
			long finishedBefore = finishedRuns("heshan");
			CountyFiles.drop(CountyFiles.csv(staging("鹤山花名册_20261120.csv"), CountyFiles.utf8(), false, lines), inbox);
			// the run is marked succeeded with the load's commit; the file is archived
			// after that, and the run's metrics published last: the archiving has been
			// tried (and failed) only once they are
			await().atMost(Duration.ofSeconds(30)).until(() -> finishedRuns("heshan") == finishedBefore + 1);
			assertThat(this.jdbc.queryForList("SELECT status FROM ops.ingest_run ORDER BY id", String.class))
				.containsExactly("succeeded");
			assertThat(inbox.resolve("鹤山花名册_20261120.csv")).as("left in the inbox").exists();

			Files.delete(day);
			await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox.resolve("鹤山花名册_20261120.csv")));
			assertThat(this.jdbc.queryForList("SELECT status FROM ops.ingest_run ORDER BY id", String.class))
				.as("loaded once, then answered as a re-delivery")
				.containsExactly("succeeded", "skipped_duplicate");
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person_observation", Long.class)).isEqualTo(1);
		}
		finally {
			if (Files.isRegularFile(day)) {
				Files.delete(day);
			}
		}
	}

	/**
	 * Runs of the source whose end the ledger published ({@code vethub.run.duration}).
	 */
	private long finishedRuns(String source) {
		return this.meters.find("vethub.run.duration")
			.tag("source", source)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (Files.exists(path)) {
			try (java.util.stream.Stream<Path> all = Files.walk(path)) {
				for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}
	}

	@Test
	void twoRostersGiveTheSamePersonInEitherOrder() throws Exception {
		List<String> older = List.of("姓名,身份证号码,镇街,村（社区）,联系电话,人员类别", "黄志强," + HUANG + ",沙坪,沙坪村,13800000001,退伍军人");
		List<String> newer = List.of("姓名,身份证号码,镇街,村（社区）,联系电话,政治面貌", "黄志强," + HUANG + ",共和,平岭村,13800000002,党员");
		String person = """
				SELECT name || '|' || coalesce(category, '-') || '|' || coalesce(political_status, '-') || '|' || phone
				       || '|' || town || '|' || village || '|' || county_code || '|' || (phone_set_at AT TIME ZONE 'Asia/Shanghai')::date FROM dw.person""";

		load("heshan", CountyFiles.csv(staging("鹤山花名册_20260101.csv"), CountyFiles.utf8(), false, older));
		load("heshan", CountyFiles.csv(staging("鹤山花名册_20261001.csv"), CountyFiles.utf8(), false, newer));
		String olderFirst = this.jdbc.queryForObject(person, String.class);
		emptyWarehouseAndLedgerAgain();
		load("heshan", CountyFiles.csv(staging("鹤山花名册_20261001.csv"), CountyFiles.utf8(), false, newer));
		load("heshan", CountyFiles.csv(staging("鹤山花名册_20260101.csv"), CountyFiles.utf8(), false, older));
		String newerFirst = this.jdbc.queryForObject(person, String.class);

		assertThat(olderFirst).isEqualTo("黄志强|-|中共党员|13800000002|共和镇|平岭村|440784|2026-10-01");
		assertThat(newerFirst).isEqualTo(olderFirst);
	}

	private void emptyWarehouseAndLedgerAgain() {
		this.jdbc.execute("TRUNCATE dw.person, dw.person_observation_log, dw.assistance_payment, ops.rejected_row,"
				+ " ops.ingest_run CASCADE");
	}

	private long load(String sourceId, Path file) {
		return this.inbox.load(sourceId, file);
	}

	private Map<String, Object> run(long runId) {
		return this.inbox.run(runId);
	}

	private String feedback(String sourceId, String name) throws IOException {
		return this.inbox.feedback(sourceId, name);
	}

	private Path folders(String relative) {
		return this.inbox.folder(relative);
	}

	private Path staging(String name) throws IOException {
		return this.inbox.staging(name);
	}

	static long serial(LocalDate date) {
		return ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), date);
	}

	/**
	 * The ID in full-width digits with a no-break space in the middle, as pasted from a
	 * web form.
	 */
	static String fullWidthWithNbsp(String id) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			sb.append(Character.isDigit(c) ? (char) ('０' + (c - '0')) : c);
			if (i == 5) {
				sb.append('\u00A0');
			}
		}
		return sb.toString();
	}

	static Map<String, Object> ordered(Object... keyValues) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put((String) keyValues[i], keyValues[i + 1]);
		}
		return map;
	}

}
