package cn.jiangmen.vethub.county;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import cn.jiangmen.vethub.testdata.IdCards;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Writes the synthetic sample files of the README demo into
 * {@code samples/county/heshan/}: a 鹤山 roster workbook with two bad rows and a GBK CSV
 * payment sheet with a bad amount and a payment for a person not in the roster. Every
 * name and ID number is made up (IDs with correct check digits). Run {@code main} to
 * regenerate them; {@link CountySampleFilesIT} proves they load as the README says.
 */
final class CountySampleFiles {

	static final String ROSTER = "鹤山市退役军人花名册_20261115.xlsx";

	static final String PAYMENTS = "解三难救助发放明细_20261120.csv";

	static final String PLAQUES = "鹤山市光荣牌悬挂登记表_20261125.xlsx";

	static final String EMPLOYMENT = "鹤山市就业工作统计_20261128.xlsx";

	static final String TRAINING = "鹤山市培训与学历提升_20261130.xlsx";

	static final String SCHOOL = "学员名单_202611.csv";

	static final String HE = IdCards.valid("440784", LocalDate.of(1962, 5, 8), 11, true);

	static final String LIANG = IdCards.valid("440784", LocalDate.of(1975, 9, 21), 23, false);

	static final String FENG = IdCards.valid("440784", LocalDate.of(1980, 12, 2), 35, true);

	static final String XIE = IdCards.valid("445321", LocalDate.of(1958, 3, 17), 47, true);

	static final String TAN = IdCards.valid("440784", LocalDate.of(1983, 7, 30), 59, true);

	static final String OU = IdCards.valid("440784", LocalDate.of(1990, 2, 3), 61, false);

	static final String NOT_IN_ROSTER = IdCards.valid("440784", LocalDate.of(1955, 10, 1), 73, true);

	private CountySampleFiles() {
	}

	public static void main(String[] args) throws IOException {
		Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "samples/county/heshan"));
		roster(dir.resolve(ROSTER));
		payments(dir.resolve(PAYMENTS));
		plaques(dir.resolve(PLAQUES));
		employment(dir.resolve(EMPLOYMENT));
		training(dir.resolve(TRAINING));
		Path school = Files.createDirectories(Path.of("samples/partners/training-school"));
		trainingSchool(school.resolve(SCHOOL));
	}

	static Path roster(Path file) throws IOException {
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet notes = wb.sheet("说明");
			wb.row(notes, 0, "填表说明：本表为演示用虚构数据。身份证号码请以文本格式填写，出生日期可填日期或“1990年5月1日”。");
			Sheet s = wb.sheet("花名册");
			wb.row(s, 0, "鹤山市退役军人花名册（截至2026年11月15日）");
			s.addMergedRegion(new CellRangeAddress(0, 0, 0, 10));
			wb.row(s, 1, "序号", "姓名", "公民身份号码", "出生日期", "入伍时间", "退伍时间", "联系电话", "所属镇街", "村（社区）", "政治面貌", "人员类别");
			wb.row(s, 2, 1, "何建国", HE, LocalDate.of(1962, 5, 8), "1980年11月1日", LocalDate.of(1984, 12, 1),
					"138-0750-1101", "沙坪", "中东西村", "党员", "退伍军人");
			wb.row(s, 3, 2, "梁秀兰", LIANG, "1975/9/21", null, null, "139 0750 2202", null, "沙坪村", "群众", "烈属");
			wb.row(s, 4, 3, "冯志明", FENG, LocalDate.of(1980, 12, 2), "1998.12.01", "2003.12.01", 13707503303L, null,
					"越塘村", "党员", "转业干部");
			s.addMergedRegion(new CellRangeAddress(2, 4, 7, 7));
			wb.row(s, 5, 4, "谢·阿卜杜", XIE, LocalDate.of(1958, 3, 17), "1976-12-01", "1981-10-01", "13607504404", "共和",
					"平岭村", "群众", "复员军人");
			wb.row(s, 6, 5, "谭伟", IdCards.withWrongCheckDigit(TAN), null, null, null, "13507505505", "龙口", null, "团员",
					"退伍军人");
			wb.row(s, 7, 6, "区丽华", OU, "1990-02-30", null, null, null, "雅瑶", null, "群众", "其他");
			wb.row(s, 8, "合计：6人");
			wb.row(s, 9, "制表人：鹤山市退役军人事务局　　审核人：（演示）");
			return wb.writeTo(file);
		}
	}

	static Path payments(Path file) {
		return CountyFiles.csv(file, CountyFiles.gbk(), false,
				List.of("序号,姓名,身份证号码,救助类别,救助金额（元）,发放日期,经办人", "1,何建国," + HE + ",生活困难救助,\"1,200.00元\",2026-11-10,陈敏",
						"2,梁秀兰," + LIANG + ",医疗困难救助,0.12万元,2026年11月12日,陈敏",
						"3,冯志明," + FENG + ",住房困难救助,待定,2026-11-12,陈敏",
						"4,罗德华," + NOT_IN_ROSTER + ",慰问金,500,2026/11/15,陈敏", "合计,,,,\"1,900.00\",,"));
	}

	/**
	 * 光荣牌悬挂登记表 of the roster's persons: two hung (a Chinese date, an Excel date serial),
	 * one not yet, one with an impossible date, one of a person not on the roster
	 * (waits).
	 */
	static Path plaques(Path file) throws IOException {
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet s = wb.sheet("光荣牌");
			wb.row(s, 0, "鹤山市光荣牌悬挂登记表（演示用虚构数据）");
			s.addMergedRegion(new CellRangeAddress(0, 0, 0, 8));
			wb.row(s, 1, "序号", "姓名", "身份证号码", "所属镇街", "村（社区）", "悬挂日期", "光荣牌编号", "悬挂情况", "备注");
			wb.row(s, 2, 1, "何建国", HE, "沙坪", "中东西村", "2026年3月5日", "HS-2026-001", "已悬挂", null);
			wb.row(s, 3, 2, "梁秀兰", LIANG, "沙坪", "沙坪村", CountyFileIngestIT.serial(LocalDate.of(2025, 8, 1)),
					"HS-2025-017", "已悬挂", "烈属户");
			wb.row(s, 4, 3, "冯志明", FENG, "沙坪", "越塘村", null, "HS-2026-002", "未悬挂", "家中装修，待悬挂");
			wb.row(s, 5, 4, "谢·阿卜杜", XIE, "共和", "平岭村", "2026年2月30日", "HS-2026-003", "已悬挂", null);
			wb.row(s, 6, 5, "罗德华", NOT_IN_ROSTER, "沙坪", null, LocalDate.of(2026, 3, 8), "HS-2026-004", "已悬挂", null);
			wb.row(s, 7, "合计", null, null, null, null, null, "5块", "4户已悬挂", null);
			return wb.writeTo(file);
		}
	}

	/**
	 * 就业工作统计 (issue 15): a 招聘会 sheet (a merged title, an Excel date serial, counts as
	 * number cells and as text with units, an impossible date, a 合计 row) and a 推荐就业 sheet
	 * (three of this year's college-student soldiers with an intention to work, two
	 * placed; a person not on the roster, who waits; a flag nobody can read).
	 */
	static Path employment(Path file) throws IOException {
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet fairs = wb.sheet("招聘会");
			wb.row(fairs, 0, "鹤山市2026年退役军人专场招聘会统计表（演示用虚构数据）");
			fairs.addMergedRegion(new CellRangeAddress(0, 0, 0, 7));
			wb.row(fairs, 1, "序号", "举办日期", "招聘会名称", "举办地点", "参会企业（家）", "提供岗位（个）", "参会退役军人（人）", "达成就业意向（人）");
			wb.row(fairs, 2, 1, "2026年3月15日", "春风行动退役军人专场", "鹤山市人才市场", 35, 420, 180, 56);
			wb.row(fairs, 3, 2, CountyFileIngestIT.serial(LocalDate.of(2026, 9, 20)), "金秋招聘月退役军人专场", "沙坪街道", "20家",
					"260个", 95.0, 31);
			wb.row(fairs, 4, 3, "2026年9月31日", "校园专场", "鹤山职校", 8, 60, 40, 9);
			wb.row(fairs, 5, "合计", null, null, null, 63, 740, 315, 96);
			Sheet placed = wb.sheet("推荐就业");
			wb.row(placed, 0, "鹤山市2026年退役军人推荐就业登记表（演示用虚构数据）");
			placed.addMergedRegion(new CellRangeAddress(0, 0, 0, 9));
			wb.row(placed, 1, "序号", "姓名", "身份证号码", "推荐日期", "推荐单位", "推荐岗位", "就业方式", "是否当年退役大学生士兵", "是否有就业意向", "是否已就业");
			wb.row(placed, 2, 1, "何建国", HE, "2026年4月1日", "鹤山市某机械有限公司", "设备维修", "推荐就业", "是", "是", "是");
			wb.row(placed, 3, 2, "梁秀兰", LIANG, LocalDate.of(2026, 4, 2), "鹤山市某物流有限公司", "仓储管理", "推荐就业", "是", "是", "否");
			wb.row(placed, 4, 3, "冯志明", FENG, "2026/4/3", "鹤山市某电子商务公司", "客服主管", "推荐就业", "√", "√", "已落实");
			wb.row(placed, 5, 4, "谢·阿卜杜", XIE, "2026年4月8日", "沙坪街道", "公益性岗位", "公益性岗位", "否", "是", "是");
			wb.row(placed, 6, 5, "罗德华", NOT_IN_ROSTER, "2026年4月9日", "鹤山市某酒店", "安保", "推荐就业", "否", "是", "是");
			wb.row(placed, 7, 6, "冯志明", FENG, "2026年5月6日", "鹤山市某工厂", "普工", "推荐就业", "是", "也许", "否");
			wb.row(placed, 8, "小计", null, null, null, null, null, null, "3人", null, null);
			return wb.writeTo(file);
		}
	}

	/**
	 * 培训与学历提升 (issue 15): 适应性培训 (a year written 2026年, an hour count as a number cell),
	 * 技能培训 (工业机器人, 无人机, 电商, 叉车; a session as a number cell; a row without its session)
	 * and 学历提升 (中职, 大专 read as 高职, 本科 refused).
	 */
	static Path training(Path file) throws IOException {
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet adaptive = wb.sheet("适应性培训");
			wb.row(adaptive, 0, "鹤山市退役军人适应性培训名册（演示用虚构数据）");
			adaptive.addMergedRegion(new CellRangeAddress(0, 0, 0, 6));
			wb.row(adaptive, 1, "序号", "姓名", "身份证号码", "培训年度", "培训日期", "培训学时", "是否结业");
			wb.row(adaptive, 2, 1, "何建国", HE, 2026, "2026年3月2日", 40.0, "是");
			wb.row(adaptive, 3, 2, "梁秀兰", LIANG, "2026年", "2026年3月2日", 40, "是");
			wb.row(adaptive, 4, 3, "冯志明", FENG, 2025, "2025年10月8日", 36, "否");
			wb.row(adaptive, 5, "合计", null, null, null, null, 116, null);
			Sheet skills = wb.sheet("技能培训");
			wb.row(skills, 0, "鹤山市退役军人职业技能培训花名册（演示用虚构数据）");
			skills.addMergedRegion(new CellRangeAddress(0, 0, 0, 8));
			wb.row(skills, 1, "序号", "姓名", "身份证号码", "培训项目", "期次", "开班日期", "结业日期", "培训机构", "是否取得证书");
			wb.row(skills, 2, 1, "何建国", HE, "工业机器人", "第1期", "2026年4月1日", "2026年4月30日", "江门技师学院（演示）", "是");
			wb.row(skills, 3, 2, "梁秀兰", LIANG, "工业机器人", "第1期", "2026年4月1日", "2026年4月30日", "江门技师学院（演示）", "否");
			wb.row(skills, 4, 3, "冯志明", FENG, "无人机", "第1期", LocalDate.of(2026, 5, 6), null, "鹤山职校（演示）", "√");
			wb.row(skills, 5, 4, "何建国", HE, "电商", "第2期", "2026年6月1日", null, "鹤山职校（演示）", "否");
			wb.row(skills, 6, 5, "谢·阿卜杜", XIE, "叉车", 1, "2026年7月1日", "2026年7月15日", "鹤山职校（演示）", "是");
			wb.row(skills, 7, 6, "谢·阿卜杜", XIE, "叉车", null, "2026年8月1日", null, "鹤山职校（演示）", "是");
			wb.row(skills, 8, "合计", null, null, null, null, null, null, null, "3人");
			Sheet degree = wb.sheet("学历提升");
			wb.row(degree, 0, "鹤山市退役军人学历提升登记表（演示用虚构数据）");
			degree.addMergedRegion(new CellRangeAddress(0, 0, 0, 7));
			wb.row(degree, 1, "序号", "姓名", "身份证号码", "学历层次", "就读院校", "专业", "入学日期", "是否毕业");
			wb.row(degree, 2, 1, "梁秀兰", LIANG, "高职", "江门职业技术学院（演示）", "物流管理", "2026年9月1日", "否");
			wb.row(degree, 3, 2, "冯志明", FENG, "大专", "江门职业技术学院（演示）", "电子商务", "2026年9月1日", "否");
			wb.row(degree, 4, 3, "何建国", HE, "中职", "鹤山职校（演示）", "机电技术应用", "2025年9月1日", "是");
			wb.row(degree, 5, 4, "谢·阿卜杜", XIE, "本科", "某大学", "法学", "2026年9月1日", "否");
			return wb.writeTo(file);
		}
	}

	/**
	 * The training school's own list (a partner file, GBK CSV) into the same table as the
	 * county's 技能培训 sheet: a 叉车 session of its own, and a person not on any roster.
	 */
	static Path trainingSchool(Path file) {
		return CountyFiles.csv(file, CountyFiles.gbk(), false,
				List.of("学员姓名,学员身份证号,培训项目,期次,开班日期,结业日期,是否取得证书", "冯志明," + FENG + ",叉车,第3期,2026-11-02,2026-11-20,是",
						"何建国," + HE + ",工业机器人,第5期,2026-11-09,,否", "罗德华," + NOT_IN_ROSTER + ",叉车,第3期,2026-11-02,,否"));
	}

}
