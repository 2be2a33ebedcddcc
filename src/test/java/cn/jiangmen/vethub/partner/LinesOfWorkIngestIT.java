package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.testdata.ReportExports;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.RawXlsx;
import cn.jiangmen.vethub.warehouse.PendingFactResolver;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static cn.jiangmen.vethub.partner.LinesOfWorkFixtures.CHEN;
import static cn.jiangmen.vethub.partner.LinesOfWorkFixtures.HE;
import static cn.jiangmen.vethub.partner.LinesOfWorkFixtures.HELPER;
import static cn.jiangmen.vethub.partner.LinesOfWorkFixtures.HUANG;
import static cn.jiangmen.vethub.partner.LinesOfWorkFixtures.LI;
import static cn.jiangmen.vethub.partner.LinesOfWorkFixtures.LIANG;
import static cn.jiangmen.vethub.partner.LinesOfWorkFixtures.WANG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Pairing assistance, legal aid and village cadres arriving as partner workbooks
 * (config/sources/legal-aid.yml, service-centre.yml) into the running hub: rows, rejects
 * with file, sheet, row, reason and raw values, re-deliveries, waiting persons, and the
 * report figures on the reports page's XLSX exports.
 */
class LinesOfWorkIngestIT extends HubIntegrationTest {

	private static final String CASES = "受理案件";

	private static final String STATIONS = "工作站";

	@Autowired
	private PendingFactResolver resolver;

	@BeforeEach
	void knownPersons() {
		// stations are about no person: TRUNCATE dw.person CASCADE does not reach them
		this.jdbc.execute("TRUNCATE dw.legal_aid_station");
		person(LI, "李国强", LocalDate.of(1979, 8, 20), "440784");
		person(CHEN, "陈美玲", LocalDate.of(1990, 1, 1), "440704");
		person(WANG, "王德明", LocalDate.of(1958, 2, 3), "440784");
		person(HE, "何志明", LocalDate.of(1995, 7, 7), "440704");
		person(HUANG, "黄志坚", LocalDate.of(1985, 3, 12), "440784");
	}

	@Test
	void legalAidWorkbookLoadsCasesAndStationsAndRefusesEachBadRowForItsReason() throws IOException {
		Map<String, Object> run = dropAndAwait("legal-aid", "法律援助_2026H1.xlsx", LinesOfWorkFixtures.legalAid("3000"));

		assertThat(run).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 13L)
			.containsEntry("rows_loaded", 8L)
			.containsEntry("rows_rejected", 5L);
		assertThat(this.jdbc.queryForList("""
				SELECT case_no, id_card, accepted_date, case_kind, judicial_aid, aid_amount, station_name, file_name,
				       sheet, row_number, partner_id
				  FROM dw.legal_aid_case ORDER BY case_no"""))
			.extracting((r) -> tuple(r.get("case_no"), r.get("id_card"), r.get("accepted_date"), r.get("case_kind"),
					r.get("judicial_aid"), r.get("aid_amount"), r.get("station_name"), r.get("file_name"),
					r.get("sheet"), r.get("row_number"), r.get("partner_id")))
			.containsExactly(
					tuple("FY2025-010", LI, Date.valueOf("2025-09-09"), "行政", "否", null, null, "法律援助_2026H1.xlsx",
							CASES, 7L, "legal-aid"),
					tuple("FY2026-001", LI, Date.valueOf("2026-03-02"), "劳动争议", "是", new BigDecimal("3000.00"),
							"沙坪街道法律援助工作站", "法律援助_2026H1.xlsx", CASES, 4L, "legal-aid"),
					tuple("FY2026-002", CHEN, Date.valueOf("2026-04-08"), "民事", "否", null, "外海街道法律援助工作站",
							"法律援助_2026H1.xlsx", CASES, 5L, "legal-aid"),
					tuple("FY2026-003", WANG, Date.valueOf("2026-05-01"), "民事", "是", new BigDecimal("1234.57"),
							"沙坪街道法律援助工作站", "法律援助_2026H1.xlsx", CASES, 6L, "legal-aid"));
		assertThat(this.jdbc.queryForList("""
				SELECT station_name, town, village, address, established_date, sheet, row_number
				  FROM dw.legal_aid_station ORDER BY row_number"""))
			.extracting((r) -> tuple(r.get("station_name"), r.get("town"), r.get("village"), r.get("address"),
					r.get("established_date"), r.get("sheet"), r.get("row_number")))
			.containsExactly(tuple("沙坪街道法律援助工作站", "沙坪街道", null, "沙坪街道人民政府一楼", Date.valueOf("2019-05-01"), STATIONS, 3L),
					tuple("龙口镇法律援助工作站", "龙口", "龙口村", null, Date.valueOf("2020-01-01"), STATIONS, 4L),
					tuple("雅瑶镇法律援助工作站", "雅瑶镇", null, null, Date.valueOf("2026-06-01"), STATIONS, 5L),
					tuple("外海街道法律援助工作站", "外海街道", null, null, null, STATIONS, 6L));
		assertThat(rejects(run)).containsExactlyInAnyOrder(tuple("法律援助_2026H1.xlsx", CASES, 8L, "unknown_person"),
				tuple("法律援助_2026H1.xlsx", CASES, 9L, "invalid_date"),
				tuple("法律援助_2026H1.xlsx", CASES, 10L, "bad_value"), tuple("法律援助_2026H1.xlsx", CASES, 11L, "bad_amount"),
				tuple("法律援助_2026H1.xlsx", STATIONS, 7L, "missing_required"));
		assertThat(this.jdbc.queryForMap("""
				SELECT detail, raw_values->>'是否司法救助' AS aid, raw_values->>'案件编号' AS case_no
				  FROM ops.rejected_row WHERE reason = 'bad_value'"""))
			.containsEntry("detail", "是否司法救助“可能”无法识别（应为 是、否）")
			.containsEntry("aid", "可能")
			.containsEntry("case_no", "FY2026-006");
		assertThat(this.jdbc.queryForObject("SELECT detail FROM ops.rejected_row WHERE reason = 'missing_required'",
				String.class))
			.isEqualTo("所在镇街为空");

		String feedback = feedback("legal-aid", "法律援助_2026H1.xlsx");
		assertThat(feedback).contains("读取行数,13,入库行数,8,退回行数,4,待人员信息到达后入库行数,1")
			.contains("受理案件,10,代码或取值无法识别")
			.contains("工作站,7,必填项为空")
			.contains(PersonalDataMask.idCard(LIANG))
			.doesNotContain(LIANG);
	}

	@Test
	void aCorrectedRedeliveryUpdatesItsRecordsAndNeverCountsThemTwice() throws IOException {
		Map<String, Object> first = dropAndAwait("legal-aid", "法律援助_1.xlsx", LinesOfWorkFixtures.legalAid("3000"));
		Map<String, Object> second = dropAndAwait("legal-aid", "法律援助_1_更正.xlsx", LinesOfWorkFixtures.legalAid("3500"));

		assertThat(second).containsEntry("status", "succeeded");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.legal_aid_case", Long.class)).isEqualTo(4);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.legal_aid_station", Long.class)).isEqualTo(4);
		assertThat(this.jdbc
			.queryForMap("SELECT aid_amount, run_id, file_name FROM dw.legal_aid_case WHERE case_no = 'FY2026-001'"))
			.containsEntry("aid_amount", new BigDecimal("3500.00"))
			.containsEntry("run_id", second.get("id"))
			.containsEntry("file_name", "法律援助_1_更正.xlsx");
		assertThat(this.jdbc.queryForObject("SELECT run_id FROM dw.legal_aid_case WHERE case_no = 'FY2026-002'",
				Long.class))
			.as("an unchanged record is not touched")
			.isEqualTo(first.get("id"));
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM ops.rejected_row WHERE reason = 'unknown_person' AND resolved_at IS NULL",
				Long.class))
			.as("the waiting copy of the first delivery is superseded by the second")
			.isEqualTo(1);

		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		assertThat(ReportExports.rows(viewer, "legal-aid", "?year=2026")).containsExactly("江海区|1|0|0.0|0.00|1",
				"鹤山市|2|2|100.0|4734.57|3", "全市合计|3|2|66.7|4734.57|4");
	}

	@Test
	void aCaseOfAnUnknownPersonWaitsAndIsLoadedWithItsOriginWhenThePersonArrives() throws IOException {
		Map<String, Object> run = dropAndAwait("legal-aid", "法律援助_待入库.xlsx", LinesOfWorkFixtures.legalAid("3000"));
		assertThat(this.jdbc.queryForMap("""
				SELECT fact_table, id_card, payload->>'case_no' AS case_no FROM ops.rejected_row
				 WHERE reason = 'unknown_person'""")).containsEntry("fact_table", "dw.legal_aid_case")
			.containsEntry("id_card", LIANG)
			.containsEntry("case_no", "FY2026-004");

		person(LIANG, "梁振邦", LocalDate.of(1966, 10, 1), "440784");
		this.jdbc.execute((java.sql.Connection con) -> this.resolver.resolve(con, (Long) run.get("id")));

		assertThat(this.jdbc.queryForMap("""
				SELECT id_card, accepted_date, judicial_aid, file_name, sheet, row_number, partner_id
				  FROM dw.legal_aid_case WHERE case_no = 'FY2026-004'""")).containsEntry("id_card", LIANG)
			.containsEntry("accepted_date", Date.valueOf("2026-02-14"))
			.containsEntry("judicial_aid", "否")
			.containsEntry("file_name", "法律援助_待入库.xlsx")
			.containsEntry("sheet", CASES)
			.containsEntry("row_number", 8L)
			.containsEntry("partner_id", "legal-aid");
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		assertThat(ReportExports.rows(viewer, "legal-aid", "?county=440784&year=2026"))
			.containsExactly("鹤山市|3|2|66.7|4234.57|3");
	}

	@Test
	void legalAidFiguresPerCountyCityAndYearComeFromTheRows() throws IOException {
		dropAndAwait("legal-aid", "法律援助_报表.xlsx", LinesOfWorkFixtures.legalAid("3000"));

		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		assertThat(viewer.get("/reports?year=2026").body()).contains("法律援助：受理案件、司法救助与工作站", "id=\"filters\"",
				"/reports/legal-aid.xlsx?year=2026", "期间：2026年");
		// cases | judicial aid | share | amount | stations
		assertThat(ReportExports.rows(viewer, "legal-aid", "?year=2026")).containsExactly("江海区|1|0|0.0|0.00|1",
				"鹤山市|2|2|100.0|4234.57|3", "全市合计|3|2|66.7|4234.57|4");
		assertThat(ReportExports.rows(viewer, "legal-aid", "?year=2025")).containsExactly("江海区|0|0||0.00|1",
				"鹤山市|1|0|0.0|0.00|2", "全市合计|1|0|0.0|0.00|3");
		assertThat(ReportExports.rows(viewer, "legal-aid", "")).containsExactly("江海区|1|0|0.0|0.00|1",
				"鹤山市|3|2|66.7|4234.57|3", "全市合计|4|2|50.0|4234.57|4");
		assertThat(ReportExports.rows(viewer, "legal-aid-stations", "?year=2026"))
			.containsExactlyInAnyOrder("江海区|外海街道|1", "鹤山市|沙坪街道|1", "鹤山市|龙口|1", "鹤山市|雅瑶镇|1", "全市合计||4");
		assertThat(ReportExports.rows(viewer, "legal-aid-stations", "?county=440784&year=2025"))
			.containsExactlyInAnyOrder("鹤山市|沙坪街道|1", "鹤山市|龙口|1");
	}

	@Test
	void pairingAndCadreSheetsLoadAndTheirFiguresComeFromTheRows() throws IOException {
		Map<String, Object> run = dropAndAwait("service-centre", "帮扶及两委台账.xlsx", LinesOfWorkFixtures.serviceCentre());

		assertThat(run).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 17L)
			.containsEntry("rows_loaded", 10L)
			.containsEntry("rows_rejected", 7L);
		assertThat(this.jdbc.queryForList("""
				SELECT pair_no, id_card, helper_name, helper_id_card, helper_unit, paired_date, difficulty, row_number
				  FROM dw.pairing ORDER BY pair_no"""))
			.extracting((r) -> tuple(r.get("pair_no"), r.get("id_card"), r.get("helper_name"), r.get("helper_id_card"),
					r.get("helper_unit"), r.get("paired_date"), r.get("difficulty"), r.get("row_number")))
			.containsExactly(
					tuple("JD2025001", LI, "周建国", HELPER, "沙坪街道退役军人服务站站长", Date.valueOf("2025-06-01"), "因病致困", 4L),
					tuple("JD2026001", CHEN, "何志明", null, "外海街道某村党支部书记", Date.valueOf("2026-01-15"), "子女上学", 5L));
		assertThat(this.jdbc.queryForList(
				"SELECT pair_no, id_card, kind, solved_date, sheet, row_number FROM dw.pairing_solved ORDER BY row_number"))
			.extracting((r) -> tuple(r.get("pair_no"), r.get("id_card"), r.get("kind"), r.get("solved_date"),
					r.get("sheet"), r.get("row_number")))
			.containsExactly(tuple("JD2025001", LI, "思想", Date.valueOf("2026-01-10"), "解决问题", 3L),
					tuple("JD2025001", LI, "健康", Date.valueOf("2026-03-05"), "解决问题", 4L),
					tuple("JD2026001", CHEN, "学业", Date.valueOf("2026-02-20"), "解决问题", 5L),
					tuple(null, CHEN, "就业", Date.valueOf("2025-11-11"), "解决问题", 6L));
		assertThat(this.jdbc.queryForList(
				"SELECT id_card, village, post, education, term_start, term_end FROM dw.village_cadre ORDER BY row_number"))
			.extracting((r) -> tuple(r.get("id_card"), r.get("village"), r.get("post"), r.get("education"),
					r.get("term_start"), r.get("term_end")))
			.containsExactly(tuple(LI, "越塘村", "村党委书记、村委会主任", "大专", Date.valueOf("2021-05-01"), null),
					tuple(CHEN, "麻一村", "两委委员", "高中/中专", Date.valueOf("2026-01-10"), null),
					tuple(HE, "直冲村", "村委会副主任", "研究生", Date.valueOf("2021-05-01"), null),
					tuple(WANG, "玉桥村", "村委会主任", "初中及以下", Date.valueOf("2021-05-01"), Date.valueOf("2025-12-31")));
		assertThat(rejects(run)).containsExactlyInAnyOrder(tuple("帮扶及两委台账.xlsx", "结对帮扶", 6L, "unknown_person"),
				tuple("帮扶及两委台账.xlsx", "结对帮扶", 7L, "bad_checksum"),
				tuple("帮扶及两委台账.xlsx", "结对帮扶", 8L, "missing_required"),
				tuple("帮扶及两委台账.xlsx", "解决问题", 7L, "unknown_person"), tuple("帮扶及两委台账.xlsx", "解决问题", 8L, "bad_value"),
				tuple("帮扶及两委台账.xlsx", "解决问题", 9L, "invalid_date"), tuple("帮扶及两委台账.xlsx", "两委干部", 6L, "bad_value"));
		assertThat(this.jdbc.queryForList(
				"SELECT detail FROM ops.rejected_row WHERE reason = 'bad_value' ORDER BY sheet", String.class))
			.containsExactlyInAnyOrder("问题类别“旅游”无法识别（应为 思想、学业、就业、创业、解困、维权、健康）",
					"文化程度“博士后”无法识别（应为 研究生、本科、大专、高中/中专、初中及以下）");
		assertThat(this.jdbc.queryForObject("SELECT detail FROM ops.rejected_row WHERE reason = 'bad_checksum'",
				String.class))
			.startsWith("帮扶人身份证号")
			.doesNotContain(IdCards.withWrongCheckDigit(HELPER));

		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		// pairs | new | veterans | solved | 思想 学业 就业 创业 解困 维权 健康
		assertThat(ReportExports.rows(viewer, "pairing", "?year=2026")).containsExactly("江海区|1|1|1|1|0|1|0|0|0|0|0",
				"鹤山市|1|0|1|2|1|0|0|0|0|0|1", "全市合计|2|1|2|3|1|1|0|0|0|0|1");
		assertThat(ReportExports.rows(viewer, "pairing", "?year=2025")).containsExactly("江海区|0|0|0|1|0|0|1|0|0|0|0",
				"鹤山市|1|1|1|0|0|0|0|0|0|0|0", "全市合计|1|1|1|1|0|0|1|0|0|0|0");
		// cadres | 研究生 本科 大专 高中/中专 初中及以下 未填 | ≤35 36–45 46–55 ≥56
		assertThat(ReportExports.rows(viewer, "village-cadres", "?year=2026"))
			.containsExactly("江海区|2|1|0|0|1|0|0|1|1|0|0", "鹤山市|1|0|0|1|0|0|0|0|0|1|0", "全市合计|3|1|0|1|1|0|0|1|1|1|0");
		assertThat(ReportExports.rows(viewer, "village-cadres", "?year=2025"))
			.containsExactly("江海区|1|1|0|0|0|0|0|1|0|0|0", "鹤山市|2|0|0|1|0|1|0|0|0|1|1", "全市合计|3|1|0|1|0|1|0|1|0|1|1");

		// the veteran of pair JD2026002 arrives: his pair and his solved problem load
		person(LIANG, "梁振邦", LocalDate.of(1966, 10, 1), "440784");
		this.jdbc.execute((java.sql.Connection con) -> this.resolver.resolve(con, (Long) run.get("id")));
		assertThat(ReportExports.rows(viewer, "pairing", "?county=440784&year=2026"))
			.containsExactly("鹤山市|2|1|2|3|1|0|0|0|1|0|1");
	}

	private void person(String idCard, String name, LocalDate birth, String county) {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, county_code, name_source, name_set_at)
				VALUES (?, ?, ?, ?, ?, 'province', now())""", idCard, name,
				(idCard.charAt(16) - '0') % 2 == 1 ? "M" : "F", Date.valueOf(birth), county);
	}

	private Map<String, Object> dropAndAwait(String partner, String name, RawXlsx workbook) throws IOException {
		Path staging = Files.createTempFile(DATA_DIR, ".drop-", ".tmp");
		workbook.writeTo(staging);
		Files.move(staging, DATA_DIR.resolve("inbox/partners").resolve(partner).resolve(name),
				StandardCopyOption.ATOMIC_MOVE);
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			List<Map<String, Object>> runs = this.jdbc.queryForList("""
					SELECT * FROM ops.ingest_run WHERE source_id = ? AND file_name = ? AND status <> 'running'""",
					partner, name);
			return runs.isEmpty() ? null : runs.get(0);
		}, (r) -> r != null);
	}

	private List<Tuple> rejects(Map<String, Object> run) {
		return this.jdbc
			.queryForList("SELECT file_name, sheet, row_number, reason FROM ops.rejected_row WHERE run_id = ?",
					run.get("id"))
			.stream()
			.map((r) -> tuple(r.get("file_name"), r.get("sheet"), r.get("row_number"), r.get("reason")))
			.toList();
	}

	private String feedback(String partner, String fileName) throws IOException {
		Path file = DATA_DIR.resolve("outbox").resolve(partner).resolve(fileName + ".回执.csv");
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));
		return Files.readString(file, StandardCharsets.UTF_8);
	}

}
