package cn.jiangmen.vethub.county;

import java.time.LocalDate;
import java.util.List;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.RawXlsx;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * County sheets of legal aid, village cadres and solved pairing problems, recognised by
 * their header from {@code hub.county.sheets} alone (no code of their own) and loaded
 * through the partner mapping and loader: coded values read in their written forms or
 * refused as {@code bad_value}, a person not yet known waiting, a totals row skipped, and
 * a re-delivery updating rather than adding.
 */
class CountyLinesOfWorkIT extends HubIntegrationTest {

	static final String LIANG = IdCards.valid("440784", LocalDate.of(1968, 5, 1), 21, true);

	static final String HE = IdCards.valid("440784", LocalDate.of(1985, 9, 9), 23, false);

	/** Not on any roster when the workbook arrives. */
	static final String NEW = IdCards.valid("440784", LocalDate.of(1990, 2, 2), 27, true);

	private CountyInbox inbox;

	@BeforeEach
	void roster() throws Exception {
		this.inbox = new CountyInbox(DATA_DIR, this.jdbc);
		this.inbox.load("heshan", CountyFiles.csv(this.inbox.staging("鹤山花名册_20260401.csv"), CountyFiles.gbk(), false,
				List.of("姓名,身份证号码,镇街,人员类别", "梁国栋," + LIANG + ",沙坪,退役士兵", "何美华," + HE + ",共和,退役士兵")));
	}

	@Test
	void legalAidCadreAndPairingSheetsLoadFromConfigurationAlone() throws Exception {
		long run = this.inbox.load("heshan", workbook("鹤山市法律援助与两委干部_20261130.xlsx", "1200.5", "高中"));

		assertThat(this.inbox.run(run)).containsEntry("status", "succeeded")
			.containsEntry("rows_loaded", 4L)
			.containsEntry("rows_rejected", 2L);
		assertThat(this.jdbc.queryForList("""
				SELECT case_no || '|' || id_card || '|' || accepted_date || '|' || judicial_aid || '|' || aid_amount
				       || '|' || sheet || '|' || row_number
				  FROM dw.legal_aid_case ORDER BY case_no""", String.class))
			.containsExactly("FY2026-001|" + LIANG + "|2026-03-15|是|1200.50|法律援助|3");
		assertThat(this.jdbc.queryForList("""
				SELECT id_card || '|' || village || '|' || post || '|' || education || '|' || term_start
				  FROM dw.village_cadre""", String.class)).containsExactly(HE + "|共和村|村委会主任|高中/中专|2021-01-01");
		assertThat(this.jdbc.queryForList("SELECT id_card || '|' || kind || '|' || solved_date FROM dw.pairing_solved",
				String.class))
			.containsExactlyInAnyOrder(LIANG + "|就业|2026-05-20", HE + "|思想|2026-06-01");
		assertThat(this.jdbc.queryForList("""
				SELECT sheet || '|' || row_number || '|' || reason FROM ops.rejected_row
				 WHERE run_id = ? ORDER BY sheet, row_number""", String.class, run))
			.containsExactlyInAnyOrder("法律援助|4|unknown_person", "解决问题|4|bad_value");
		assertThat(this.jdbc.queryForObject(
				"SELECT detail FROM ops.rejected_row WHERE run_id = ? AND reason = 'bad_value'", String.class, run))
			.isEqualTo("问题类别“旅游”无法识别（应为 思想、学业、就业、创业、解困、维权、健康）");
		assertThat(this.jdbc.queryForObject(
				"SELECT fact_table FROM ops.rejected_row WHERE run_id = ? AND reason = 'unknown_person'", String.class,
				run))
			.isEqualTo("dw.legal_aid_case");

		// corrected re-delivery: the amount changes, nothing is added
		long again = this.inbox.load("heshan", workbook("鹤山市法律援助与两委干部_20261201.xlsx", "1300", "大专"));
		assertThat(this.inbox.run(again)).containsEntry("status", "succeeded");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.legal_aid_case", Long.class)).isOne();
		assertThat(this.jdbc.queryForObject("SELECT aid_amount::text FROM dw.legal_aid_case", String.class))
			.isEqualTo("1300.00");
		assertThat(this.jdbc.queryForObject("SELECT education FROM dw.village_cadre", String.class)).isEqualTo("大专");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.pairing_solved", Long.class)).isEqualTo(2);
	}

	/**
	 * The workbook as Excel writes it: a merged title, dates as serials and as Chinese
	 * text, a totals row.
	 */
	private java.nio.file.Path workbook(String name, String amount, String education) throws Exception {
		RawXlsx wb = new RawXlsx();
		wb.row("法律援助", "鹤山市退役军人法律援助案件受理登记表").merge("法律援助", "A1:G1");
		wb.row("法律援助", "案件编号", "受援人", "身份证号码", "受理日期", "案件类型", "是否司法救助", "救助金额（元）");
		wb.row("法律援助", "FY2026-001", "梁国栋", LIANG, RawXlsx.date("46096"), "劳动争议", "Y", RawXlsx.number(amount));
		wb.row("法律援助", "FY2026-002", "新人", NEW, "2026年4月2日", "民事", "否", null);
		wb.row("法律援助", "合计", null, null, null, null, null, RawXlsx.number(amount));
		wb.row("两委干部", "姓名", "公民身份号码", "镇街", "村（社区）", "职务", "文化程度", "任职时间");
		wb.row("两委干部", "何美华", HE, "共和", "共和村", "村委会主任", education, RawXlsx.date("44197"));
		wb.row("解决问题", "帮扶解决问题情况（2026年）");
		wb.row("解决问题", "姓名", "身份证号", "问题类别", "解决日期", "帮扶内容");
		wb.row("解决问题", "梁国栋", LIANG, "就业帮扶", "2026年5月20日", "推荐到本地企业就业");
		wb.row("解决问题", "梁国栋", LIANG, "旅游", "2026年5月21日", "不在约定类别");
		wb.row("解决问题", "何美华", HE, "思想", RawXlsx.shortDate("46174"), "谈心谈话");
		return wb.writeTo(this.inbox.staging(name));
	}

}
