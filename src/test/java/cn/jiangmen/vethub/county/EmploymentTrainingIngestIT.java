package cn.jiangmen.vethub.county;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.ReportExports;
import cn.jiangmen.vethub.testdata.IdCards;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * County sheets of the bureau's lines of work (issue 15): job fairs, placements (推荐就业),
 * adaptive training, skills courses and degree upgrades, recognised by their header from
 * {@code hub.county.sheets} and loaded through the partner mapping and loader: the shared
 * reject vocabulary, unknown persons waiting, re-deliveries updating rather than adding,
 * a training school's own file feeding the same table, and the report views' figures.
 */
class EmploymentTrainingIngestIT extends HubIntegrationTest {

	static final String A = IdCards.valid("440784", LocalDate.of(2001, 3, 12), 1, true);

	static final String B = IdCards.valid("440784", LocalDate.of(2002, 8, 20), 3, true);

	static final String C = IdCards.valid("440784", LocalDate.of(2000, 1, 1), 20, false);

	static final String D = IdCards.valid("440784", LocalDate.of(1999, 11, 30), 15, true);

	/** Not on any roster when the sheets arrive. */
	static final String E = IdCards.valid("440784", LocalDate.of(2001, 4, 5), 41, false);

	static final String BAD_VALID = IdCards.valid("440784", LocalDate.of(2001, 6, 6), 5, true);

	static final String BAD = IdCards.withWrongCheckDigit(BAD_VALID);

	private CountyInbox inbox;

	@BeforeEach
	void roster() throws Exception {
		this.inbox = new CountyInbox(DATA_DIR, this.jdbc);
		this.inbox.load("heshan",
				CountyFiles.csv(this.inbox.staging("鹤山花名册_20260301.csv"), CountyFiles.gbk(), false,
						List.of("姓名,身份证号码,镇街,人员类别,退役时间", "黄志强," + A + ",沙坪,退役士兵,2026-01-10",
								"李志明," + B + ",沙坪,退役士兵,2026-02-20", "陈美玲," + C + ",雅瑶,退役士兵,2025-09-01",
								"周杰," + D + ",共和,退役士兵,2026-03-01")));
	}

	@Test
	void jobFairsAndPlacementsLoadRejectWaitAndGiveTheEmploymentRate() throws Exception {
		Path file;
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet fairs = wb.sheet("招聘会");
			wb.row(fairs, 0, "鹤山市2026年退役军人专场招聘会统计表");
			fairs.addMergedRegion(new CellRangeAddress(0, 0, 0, 7));
			wb.row(fairs, 1, "序号", "举办日期", "招聘会名称", "举办地点", "参会企业\n（家）", "提供岗位（个）", "参会退役军人（人）", "达成就业意向（人）");
			wb.row(fairs, 2, 1, "2026年3月15日", "春风行动专场", "鹤山人才市场", 35, 420, 180, 56);
			// a date as Excel stores it (a serial number) and counts as numeric cells
			wb.row(fairs, 3, 2, CountyFileIngestIT.serial(LocalDate.of(2026, 5, 20)), "退役军人专场", "沙坪街道", 20.0, "260个",
					95, 31);
			wb.row(fairs, 4, 3, "2026年13月1日", "秋季专场", "鹤山人才市场", 10, 100, 50, 10);
			wb.row(fairs, 5, 4, "2026年6月1日", "校园招聘", "鹤山人才市场", 12.5, 100, 50, 10);
			wb.row(fairs, 6, "合计", null, null, null, 77.5, 880, 375, 107);
			Sheet placed = wb.sheet("推荐就业");
			wb.row(placed, 0, "鹤山市2026年退役军人推荐就业情况登记表");
			placed.addMergedRegion(new CellRangeAddress(0, 0, 0, 9));
			wb.row(placed, 1, "序号", "姓名", "身份证号码", "推荐日期", "推荐单位", "推荐岗位", "就业方式", "是否当年退役大学生士兵", "是否有就业意向", "是否已就业");
			wb.row(placed, 2, 1, "黄志强", A, "2026年4月1日", "鹤山某机械厂", "技工", "推荐就业", "是", "是", "是");
			wb.row(placed, 3, 2, "李志明", B, LocalDate.of(2026, 4, 2), "鹤山某物流公司", "仓管", "推荐就业", "是", "是", "否");
			wb.row(placed, 4, 3, "陈美玲", C, "2026/4/3", "鹤山某电商", "客服", "推荐就业", "√", "√", "已落实");
			wb.row(placed, 5, 4, "周杰", D, "2026年4月8日", "鹤山某保安公司", "保安", "公益性岗位", "否", "是", "是");
			wb.row(placed, 6, 5, "何秀英", E, "2026年4月9日", "鹤山某酒店", "前台", "推荐就业", "是", "是", "是");
			wb.row(placed, 7, 6, "张伟", BAD, "2026年4月9日", "鹤山某酒店", "厨师", "推荐就业", "是", "是", "是");
			wb.row(placed, 8, 7, "周杰", D, "2026年4月10日", "鹤山某工厂", "普工", "推荐就业", "否", "也许", "是");
			wb.row(placed, 9, "小计", null, null, null, null, null, null, "5人", null, null);
			file = wb.writeTo(this.inbox.staging("鹤山市就业工作统计_20260415.xlsx"));
		}

		long runId = this.inbox.load("heshan", file);

		assertThat(this.inbox.run(runId)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 11L)
			.containsEntry("rows_loaded", 6L)
			.containsEntry("rows_rejected", 5L);
		assertThat(this.jdbc.queryForList("""
				SELECT fair_date || '|' || fair_name || '|' || employers || '|' || posts || '|' || attendees || '|'
				       || intentions || '|' || county_code || '|' || source_id || '|' || sheet || '!' || row_number
				       || '|' || file_name
				  FROM dw.job_fair ORDER BY fair_date""", String.class)).containsExactly(
				"2026-03-15|春风行动专场|35|420|180|56|440784|heshan|招聘会!3|鹤山市就业工作统计_20260415.xlsx",
				"2026-05-20|退役军人专场|20|260|95|31|440784|heshan|招聘会!4|鹤山市就业工作统计_20260415.xlsx");
		assertThat(this.jdbc.queryForList("""
				SELECT id_card || '|' || placement_date || '|' || employer || '|' || college_soldier || intends_work
				       || employed || '|' || sheet || '!' || row_number
				  FROM dw.job_placement ORDER BY row_number""", String.class)).containsExactly(
				A + "|2026-04-01|鹤山某机械厂|是是是|推荐就业!3", B + "|2026-04-02|鹤山某物流公司|是是否|推荐就业!4",
				C + "|2026-04-03|鹤山某电商|是是是|推荐就业!5", D + "|2026-04-08|鹤山某保安公司|否是是|推荐就业!6");
		assertThat(this.jdbc.queryForList("""
				SELECT file_name || '|' || sheet || '|' || row_number || '|' || reason || '|' || detail || '|'
				       || coalesce(raw_values->>'姓名', raw_values->>'招聘会名称')
				  FROM ops.rejected_row WHERE run_id = ? ORDER BY sheet, row_number""", String.class, runId))
			.containsExactly("鹤山市就业工作统计_20260415.xlsx|招聘会|5|invalid_date|举办日期：不是日历上的日期: 2026年13月1日|秋季专场",
					"鹤山市就业工作统计_20260415.xlsx|招聘会|6|bad_value|参会企业（家）“12.5”不是非负整数|校园招聘",
					"鹤山市就业工作统计_20260415.xlsx|推荐就业|7|unknown_person|人员库中尚无身份证号码 " + mask(E) + " 的人员|何秀英",
					"鹤山市就业工作统计_20260415.xlsx|推荐就业|8|bad_checksum|身份证号码：校验位应为 " + BAD_VALID.charAt(17) + ": " + mask(BAD)
							+ "|张伟",
					"鹤山市就业工作统计_20260415.xlsx|推荐就业|9|bad_value|是否有就业意向“也许”无法识别（应为 是、否）|周杰");
		String feedback = this.inbox.feedback("heshan", "鹤山市就业工作统计_20260415.xlsx.回执.csv");
		assertThat(feedback).contains("读取行数,11,入库行数,6,退回行数,4,待人员信息到达后入库行数,1")
			.contains("招聘会,5,日期无效,")
			.contains("推荐就业,7,库中无此人员，待人员信息到达后自动入库,");
		for (String id : List.of(A, B, C, D, E, BAD)) {
			assertThat(feedback).doesNotContain(id);
		}
		// 当年退役大学生士兵 with an intention to work: 黄志强, 李志明, 陈美玲; found work: 黄志强, 陈美玲
		assertThat(employment(2026)).containsExactly("440784|4|3|2|66.7", "total|4|3|2|66.7");
		assertThat(fairs(2026)).containsExactly("440784|2|55|680|275|87", "total|2|55|680|275|87");

		// 何秀英 arrives on a roster: her placement waiting since the sheet is loaded
		long rosterRun = this.inbox.load("heshan", CountyFiles.csv(this.inbox.staging("鹤山花名册_20260420.csv"),
				CountyFiles.utf8(), true, List.of("姓名,身份证号码,镇街,人员类别,退役时间", "何秀英," + E + ",桃源,退役士兵,2026-03-01")));

		assertThat(this.jdbc.queryForObject(
				"SELECT employer || '|' || county_code || '|' || sheet || '!' || row_number || '|' || run_id"
						+ " FROM dw.job_placement WHERE id_card = ?",
				String.class, E))
			.isEqualTo("鹤山某酒店|440784|推荐就业!7|" + runId);
		assertThat(this.jdbc.queryForObject("SELECT resolved_run_id FROM ops.rejected_row WHERE id_card = ?",
				Long.class, E))
			.isEqualTo(rosterRun);
		assertThat(employment(2026)).containsExactly("440784|5|4|3|75.0", "total|5|4|3|75.0");

		// the county corrects its sheet: 李志明 found work, the fairs come again unchanged
		Path again;
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet fairs = wb.sheet("招聘会（更正）");
			wb.row(fairs, 0, "举办日期", "招聘会名称", "举办地点", "参会企业数", "提供岗位数", "参会人数", "达成意向人数");
			wb.row(fairs, 1, "2026年3月15日", "春风行动专场", "鹤山人才市场", 35, 420, 180, 56);
			wb.row(fairs, 2, "2026年5月20日", "退役军人专场", "沙坪街道", 20, 260, 95, 31);
			Sheet placed = wb.sheet("推荐就业（更正）");
			wb.row(placed, 0, "姓名", "公民身份号码", "推荐日期", "推荐单位", "是否当年退役大学生士兵", "是否有就业意向", "是否已就业");
			wb.row(placed, 1, "李志明", B, "2026年4月2日", "鹤山某物流公司", "是", "是", "已上岗");
			again = wb.writeTo(this.inbox.staging("鹤山市就业工作统计_20260430.xlsx"));
		}

		long againRun = this.inbox.load("heshan", again);

		assertThat(this.inbox.run(againRun)).containsEntry("rows_read", 3L)
			.containsEntry("rows_loaded", 3L)
			.containsEntry("rows_rejected", 0L);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.job_fair", Long.class)).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.job_placement", Long.class)).isEqualTo(5);
		assertThat(this.jdbc.queryForObject("SELECT employed || '|' || run_id FROM dw.job_placement WHERE id_card = ?",
				String.class, B))
			.isEqualTo("是|" + againRun);
		// unchanged fairs keep the run and the row that loaded them
		assertThat(this.jdbc.queryForList("SELECT DISTINCT run_id FROM dw.job_fair", Long.class))
			.containsExactly(runId);
		assertThat(fairs(2026)).containsExactly("440784|2|55|680|275|87", "total|2|55|680|275|87");
		assertThat(employment(2026)).containsExactly("440784|5|4|4|100.0", "total|5|4|4|100.0");
		assertThat(employment(2025)).isEmpty();

		// the console: the reports with their filters, and the XLSX export of the rows
		// shown
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		assertThat(viewer.get("/reports?county=440784&year=2026").body()).contains("推荐就业与当年退役大学生士兵就业率",
				"id=\"filters\"", "id=\"report-job-fairs\"", "/reports/employment.xlsx?county=440784&amp;year=2026");
		assertThat(ReportExports.rows(viewer, "employment", "?year=2026")).containsExactly("鹤山市|5|5|4|4|100.0",
				"全市合计|5|5|4|4|100.0");
		assertThat(ReportExports.rows(viewer, "job-fairs", "?county=440784")).containsExactly("鹤山市|2|55|680|275|87");
	}

	@Test
	void trainingSheetsAndATrainingSchoolsFileLoadIntoTheSameTables() throws Exception {
		// a GBK CSV with a title line above its header, a year written with its unit
		Path adaptive = CountyFiles.csv(this.inbox.staging("鹤山市适应性培训名册_2026.csv"), CountyFiles.gbk(), false,
				List.of("鹤山市2026年退役军人适应性培训名册,,,,,,", "序号,姓名,身份证号码,培训年度,培训日期,培训学时,是否结业",
						"1,黄志强," + A + ",2026,2026年3月2日,40,是", "2,李志明," + B + ",2026年,2026年3月2日,40,是",
						"3,陈美玲," + C + ",2025,2025年10月8日,36,是", "4,周杰," + D + ",2026,2026年2月30日,40,是",
						"5,何秀英," + E + ",2026,2026年3月2日,40,否", "合计,,,,,196,"));

		long adaptiveRun = this.inbox.load("heshan", adaptive);

		assertThat(this.inbox.run(adaptiveRun)).containsEntry("rows_read", 5L)
			.containsEntry("rows_loaded", 3L)
			.containsEntry("rows_rejected", 2L);
		assertThat(this.jdbc.queryForList("""
				SELECT id_card || '|' || training_year || '|' || training_date || '|' || hours || '|' || completed
				       || '|' || coalesce(sheet, '-') || '!' || row_number
				  FROM dw.adaptive_training ORDER BY row_number""", String.class)).containsExactly(
				A + "|2026|2026-03-02|40|是|-!3", B + "|2026|2026-03-02|40|是|-!4", C + "|2025|2025-10-08|36|是|-!5");
		assertThat(this.jdbc
			.queryForList("SELECT row_number || '|' || reason || '|' || (raw_values->>'培训日期') FROM ops.rejected_row"
					+ " WHERE run_id = ? ORDER BY row_number", String.class, adaptiveRun))
			.containsExactly("6|invalid_date|2026年2月30日", "7|unknown_person|2026年3月2日");
		// discharged in 2026 in 鹤山: 黄志强, 李志明, 周杰; trained in 2026: 黄志强, 李志明
		assertThat(this.jdbc.queryForList("""
				SELECT coalesce(county_code, 'total') || '|' || discharged || '|' || trained || '|' || trained_pct
				  FROM dw.v_report_adaptive_training WHERE report_year = 2026 ORDER BY is_total""", String.class))
			.containsExactly("440784|3|2|66.7", "total|3|2|66.7");

		Path courses;
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet skills = wb.sheet("技能培训");
			wb.row(skills, 0, "鹤山市2026年退役军人职业技能培训花名册");
			skills.addMergedRegion(new CellRangeAddress(0, 0, 0, 8));
			wb.row(skills, 1, "序号", "姓名", "身份证号码", "培训项目", "期次", "开班日期", "结业日期", "培训机构", "是否取得证书");
			wb.row(skills, 2, 1, "黄志强", A, "工业机器人", "第1期", "2026年4月1日", "2026年4月30日", "江门技师学院", "是");
			wb.row(skills, 3, 2, "李志明", B, "工业机器人", "第1期", "2026年4月1日", "2026年4月30日", "江门技师学院", "否");
			wb.row(skills, 4, 3, "陈美玲", C, "无人机", "第1期", LocalDate.of(2026, 5, 6), null, "鹤山职校", "√");
			wb.row(skills, 5, 4, "黄志强", A, "电商", "第2期", "2026年6月1日", null, "鹤山职校", "否");
			// a session number as a numeric cell
			wb.row(skills, 6, 5, "周杰", D, "叉车", 1, "2026年7月1日", null, "鹤山职校", "是");
			wb.row(skills, 7, 6, "周杰", D, "叉车", null, "2026年7月1日", null, "鹤山职校", "是");
			wb.row(skills, 8, "合计", null, null, null, null, null, null, null, "3人");
			Sheet degree = wb.sheet("学历提升");
			wb.row(degree, 0, "鹤山市退役军人学历提升登记表");
			degree.addMergedRegion(new CellRangeAddress(0, 0, 0, 7));
			wb.row(degree, 1, "序号", "姓名", "身份证号码", "学历层次", "就读院校", "专业", "入学日期", "是否毕业");
			wb.row(degree, 2, 1, "黄志强", A, "高职", "江门职业技术学院", "机电一体化", "2026年9月1日", "否");
			wb.row(degree, 3, 2, "李志明", B, "大专", "江门职业技术学院", "物流管理", "2026年9月1日", "否");
			wb.row(degree, 4, 3, "陈美玲", C, "中职", "鹤山职校", "电子商务", "2025年9月1日", "是");
			wb.row(degree, 5, 4, "周杰", D, "本科", "某大学", "法学", "2026年9月1日", "否");
			courses = wb.writeTo(this.inbox.staging("鹤山市培训与学历提升_20261010.xlsx"));
		}

		long coursesRun = this.inbox.load("heshan", courses);

		assertThat(this.inbox.run(coursesRun)).containsEntry("rows_read", 10L)
			.containsEntry("rows_loaded", 8L)
			.containsEntry("rows_rejected", 2L);
		assertThat(this.jdbc
			.queryForList("SELECT sheet || '|' || row_number || '|' || reason || '|' || detail FROM ops.rejected_row"
					+ " WHERE run_id = ? ORDER BY sheet, row_number", String.class, coursesRun))
			.containsExactly("学历提升|6|bad_value|学历层次“本科”无法识别（应为 中职、高职）", "技能培训|8|missing_required|期次为空");
		assertThat(this.jdbc.queryForList(
				"SELECT level || '|' || count(*) FROM dw.degree_upgrade GROUP BY level ORDER BY level", String.class))
			.containsExactly("中职|1", "高职|2");
		assertThat(this.jdbc.queryForObject("SELECT session FROM dw.skills_training WHERE course = '叉车'", String.class))
			.isEqualTo("1");

		// the training school sends its own list: a GBK CSV into the same table
		Path school = CountyFiles.csv(this.inbox.staging("学员名单_202607.csv"), CountyFiles.gbk(), false,
				List.of("学员姓名,学员身份证号,培训项目,期次,开班日期,结业日期,是否取得证书", "陈美玲," + C + ",叉车,第3期,2026-07-10,2026-07-20,是",
						"周杰," + D + ",工业机器人,第1期,2026-08-01,,是", "何秀英," + E + ",工业机器人,第1期,2026-08-01,,否",
						"李四," + BAD + ",工业机器人,第1期,2026-08-01,,否"));
		long schoolRun = loadPartner("training-school", school);

		assertThat(this.inbox.run(schoolRun)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", 4L)
			.containsEntry("rows_loaded", 2L)
			.containsEntry("rows_rejected", 2L);
		assertThat(this.jdbc.queryForList("""
				SELECT course || '|' || session || '|' || coalesce(county_code, '-') || '|' || file_name || '|'
				       || row_number
				  FROM dw.skills_training WHERE partner_id = 'training-school' ORDER BY row_number""", String.class))
			.containsExactly("叉车|第3期|-|学员名单_202607.csv|2", "工业机器人|第1期|-|学员名单_202607.csv|3");
		assertThat(this.jdbc.queryForList(
				"SELECT row_number || '|' || reason FROM ops.rejected_row WHERE run_id = ? ORDER BY row_number",
				String.class, schoolRun))
			.containsExactly("4|unknown_person", "5|bad_checksum");
		// per course, in 鹤山 (the school's participants count where they live): sessions,
		// participants, person-times, certified
		assertThat(this.jdbc.queryForList("""
				SELECT course || '|' || sessions || '|' || participants || '|' || person_times || '|' || certified
				  FROM dw.v_report_skills_training WHERE report_year = 2026 AND is_total ORDER BY course""",
				String.class))
			.containsExactly("叉车|2|2|2|2", "工业机器人|2|3|3|2", "无人机|1|1|1|1", "电商|1|1|1|0");

		// the school delivers its list again with a correction: no row is added
		Path schoolAgain = CountyFiles.csv(this.inbox.staging("学员名单_202607_更正.csv"), CountyFiles.utf8(), true,
				List.of("学员姓名,学员身份证号,培训项目,期次,开班日期,结业日期,是否取得证书", "陈美玲," + C + ",叉车,第3期,2026-07-10,2026-07-20,否",
						"周杰," + D + ",工业机器人,第1期,2026-08-01,2026-08-30,是"));
		loadPartner("training-school", schoolAgain);

		assertThat(this.jdbc
			.queryForObject("SELECT count(*) FROM dw.skills_training WHERE partner_id = 'training-school'", Long.class))
			.isEqualTo(2);
		assertThat(this.jdbc.queryForList("""
				SELECT course || '|' || participants || '|' || certified
				  FROM dw.v_report_skills_training WHERE report_year = 2026 AND is_total ORDER BY course""",
				String.class))
			.containsExactly("叉车|2|1", "工业机器人|3|2", "无人机|1|1", "电商|1|0");
		assertThat(this.jdbc.queryForList("""
				SELECT coalesce(county_code, 'total') || '|' || level || '|' || persons || '|' || graduated
				  FROM dw.v_report_degree_upgrade WHERE report_year IS NULL ORDER BY is_total, level""", String.class))
			.containsExactly("440784|中职|1|1", "440784|高职|2|0", "total|中职|1|1", "total|高职|2|0");
	}

	private long loadPartner(String partner, Path file) {
		String name = file.getFileName().toString();
		Path inbox = DATA_DIR.resolve("inbox/partners/" + partner);
		CountyFiles.drop(file, inbox);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !Files.exists(inbox.resolve(name)) && this.jdbc.queryForObject(
					"SELECT count(*) FROM ops.ingest_run WHERE file_name = ? AND status <> 'running'", Long.class,
					name) > 0);
		return this.jdbc.queryForObject("SELECT max(id) FROM ops.ingest_run WHERE file_name = ?", Long.class, name);
	}

	/**
	 * The employment report of a year: county (or total), placed, intending, employed,
	 * rate.
	 */
	private List<String> employment(int year) {
		return this.jdbc.queryForList("""
				SELECT coalesce(county_code, 'total') || '|' || placed_persons || '|' || intending || '|' || employed
				       || '|' || employment_pct
				  FROM dw.v_report_employment WHERE report_year = ? ORDER BY is_total, county_code""", String.class,
				year);
	}

	private List<String> fairs(int year) {
		return this.jdbc.queryForList("""
				SELECT coalesce(county_code, 'total') || '|' || fairs || '|' || employers || '|' || posts || '|'
				       || attendees || '|' || intentions
				  FROM dw.v_report_job_fairs WHERE report_year = ? ORDER BY is_total, county_code""", String.class,
				year);
	}

	private static String mask(String id) {
		return cn.jiangmen.vethub.ops.PersonalDataMask.idCard(id);
	}

}
