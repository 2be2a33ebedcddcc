package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.RawXlsx;

import static cn.jiangmen.vethub.testdata.RawXlsx.date;
import static cn.jiangmen.vethub.testdata.RawXlsx.number;

/**
 * Workbooks of the bureau's other lines of work as the legal-aid centre and the veterans'
 * service centre send them (config/sources/legal-aid.yml, service-centre.yml): a merged
 * title row, a note row, the header, numbered rows with numbers and dates as Excel stores
 * them, dates also typed as Chinese text, a 合计 row, and a few rows the hub must refuse.
 * Every ID number is invented, with a valid check digit unless the row tests a wrong one.
 * Also written to {@code samples/partners/} by {@link #main(String[])}, naming the demo's
 * persons ({@link Cast#DEMO}) so that the README demo loads their facts.
 */
final class LinesOfWorkFixtures {

	/** 鹤山 (440784), born 1979-08-20. */
	static final String LI = IdCards.valid("440784", LocalDate.of(1979, 8, 20), 3, true);

	/** 江海 (440704), born 1990-01-01. */
	static final String CHEN = IdCards.valid("440704", LocalDate.of(1990, 1, 1), 20, false);

	/** 鹤山, born 1958-02-03. */
	static final String WANG = IdCards.valid("440784", LocalDate.of(1958, 2, 3), 8, true);

	/** 江海, born 1995-07-07. */
	static final String HE = IdCards.valid("440704", LocalDate.of(1995, 7, 7), 15, true);

	/** 鹤山, born 1985-03-12. */
	static final String HUANG = IdCards.valid("440784", LocalDate.of(1985, 3, 12), 1, true);

	/** 鹤山, born 1966-10-01: not in the warehouse until a test adds him. */
	static final String LIANG = IdCards.valid("440784", LocalDate.of(1966, 10, 1), 77, true);

	/** Never in the warehouse. */
	static final String ZHAO = IdCards.valid("440784", LocalDate.of(1972, 5, 5), 31, true);

	/** A helper who is not a person of the warehouse. */
	static final String HELPER = IdCards.valid("440703", LocalDate.of(1975, 4, 4), 61, true);

	private LinesOfWorkFixtures() {
	}

	/** A person a workbook names: ID number and name. */
	record Person(String id, String name) {
	}

	/**
	 * Who the workbooks name in the roles of 李国强 (鹤山), 陈美玲 (江海), 王德明 (鹤山, born 1958), 何志明
	 * (江海) and 黄志坚 (鹤山); 梁振邦, 赵立新 and the helper are never anyone else.
	 */
	record Cast(Person li, Person chen, Person wang, Person he, Person huang) {

		/** The tests' own persons, which each test adds to the warehouse. */
		static final Cast FIXTURES = new Cast(new Person(LI, "李国强"), new Person(CHEN, "陈美玲"), new Person(WANG, "王德明"),
				new Person(HE, "何志明"), new Person(HUANG, "黄志坚"));

		/**
		 * Persons of the README demo, so that the samples' facts load in the demo: the 鹤山
		 * roster of samples/county/heshan/ (冯志明, 谢·阿卜杜, 何建国) and veterans of
		 * samples/province/veterans.json living in 江海 (谭秀英, 容金水).
		 */
		static final Cast DEMO = new Cast(new Person("440784198012020353", "冯志明"),
				new Person("510107196108042366", "谭秀英"), new Person("445321195803170474", "谢·阿卜杜"),
				new Person("450902199611015938", "容金水"), new Person("440784196205080118", "何建国"));

	}

	/** The Excel serial of a day, as a date cell stores it. */
	static RawXlsx.Cell day(int year, int month, int dayOfMonth) {
		return date(Long
			.toString(ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), LocalDate.of(year, month, dayOfMonth))));
	}

	/**
	 * The legal-aid centre's workbook: sheet 受理案件 (rows 4-11 data, row 12 合计) and sheet
	 * 工作站 (rows 3-7, row 8 合计).
	 * @param firstAmount the 救助金额 of case FY2026-001 as Excel stores it
	 */
	static RawXlsx legalAid(String firstAmount) {
		return legalAid(firstAmount, Cast.FIXTURES);
	}

	/**
	 * The legal-aid centre's workbook with the persons of a cast.
	 */
	static RawXlsx legalAid(String firstAmount, Cast cast) {
		String cases = "受理案件";
		String stations = "工作站";
		return new RawXlsx().merge(cases, "A1:I1")
			.row(cases, "江门市法律援助中心退役军人法律援助案件受理登记表")
			.row(cases, "填报单位：江门市法律援助中心", null, null, null, null, null, null, "制表日期：2026年6月30日")
			.row(cases, "序号", "案件编号", "受援人", "身份证号码", "受理日期", "案件类型", "是否司法救助", "救助金额（元）", "承办站点")
			.row(cases, number("1"), "FY2026-001", cast.li().name(), cast.li().id(), day(2026, 3, 2), "劳动争议", "是",
					number(firstAmount), "沙坪街道法律援助工作站")
			.row(cases, number("2"), "FY2026-002", cast.chen().name(), cast.chen().id(), "2026年4月8日", "民事", "否", null,
					"外海街道法律援助工作站")
			.row(cases, number("3"), "FY2026-003", cast.wang().name(), cast.wang().id(), day(2026, 5, 1), "民事", "Y",
					number("1234.5699999999999"), "沙坪街道法律援助工作站")
			.row(cases, number("4"), "FY2025-010", cast.li().name(), cast.li().id(), day(2025, 9, 9), "行政", "否", null,
					null)
			.row(cases, number("5"), "FY2026-004", "梁振邦", LIANG, day(2026, 2, 14), "劳动争议", "否", null, null)
			.row(cases, number("6"), "FY2026-005", cast.huang().name(), cast.huang().id(), "2026-02-30", "民事", "否",
					null, null)
			.row(cases, number("7"), "FY2026-006", cast.chen().name(), cast.chen().id(), day(2026, 6, 1), "民事", "可能",
					null, null)
			.row(cases, number("8"), "FY2026-007", cast.chen().name(), cast.chen().id(), day(2026, 6, 2), "民事", "是",
					"三千元", null)
			.row(cases, "合计", null, null, null, null, null, null, number("4234.5699999999999"), null)
			.merge(stations, "A1:F1")
			.row(stations, "江门市退役军人法律援助工作站一览表")
			.row(stations, "序号", "工作站名称", "所在镇街", "所在村（社区）", "地址", "设立日期")
			.row(stations, number("1"), "沙坪街道法律援助工作站", "沙坪街道", null, "沙坪街道人民政府一楼", day(2019, 5, 1))
			.row(stations, number("2"), "龙口镇法律援助工作站", "龙口", "龙口村", null, "2020年1月1日")
			.row(stations, number("3"), "雅瑶镇法律援助工作站", "雅瑶镇", null, null, day(2026, 6, 1))
			.row(stations, number("4"), "外海街道法律援助工作站", "外海街道", null, null, null)
			.row(stations, number("5"), "礼乐街道法律援助工作站", null, null, null, day(2024, 3, 1))
			.row(stations, "合计", null, "5个", null, null, null);
	}

	/**
	 * The service centre's workbook: sheets 结对帮扶 (rows 4-8, 合计 row 9), 解决问题 (rows 3-9, 合计
	 * row 10) and 两委干部 (header in row 1, rows 2-6).
	 */
	static RawXlsx serviceCentre() {
		return serviceCentre(Cast.FIXTURES);
	}

	/** The service centre's workbook with the persons of a cast. */
	static RawXlsx serviceCentre(Cast cast) {
		String pairs = "结对帮扶";
		String solved = "解决问题";
		String cadres = "两委干部";
		return new RawXlsx().merge(pairs, "A1:I1")
			.row(pairs, "江门市“手拉手帮战友”结对帮扶台账")
			.row(pairs, "填报单位：江门市退役军人服务中心", null, null, null, null, null, null, "制表日期：2026年6月30日")
			.row(pairs, "序号", "结对编号", "帮扶对象", "帮扶对象身份证号", "帮扶人", "帮扶人身份证号", "帮扶人单位及职务", "结对日期", "困难情况")
			.row(pairs, number("1"), "JD2025001", cast.li().name(), cast.li().id(), "周建国", HELPER, "沙坪街道退役军人服务站站长",
					day(2025, 6, 1), "因病致困")
			.row(pairs, number("2"), "JD2026001", cast.chen().name(), cast.chen().id(), "何志明", null, "外海街道某村党支部书记",
					"2026年1月15日", "子女上学")
			.row(pairs, number("3"), "JD2026002", "梁振邦", LIANG, "林少华", null, null, "2026年2月3日", "失业")
			.row(pairs, number("4"), "JD2026003", cast.huang().name(), cast.huang().id(), "吴永强",
					IdCards.withWrongCheckDigit(HELPER), null, day(2026, 3, 1), null)
			.row(pairs, number("5"), "JD2026004", cast.wang().name(), cast.wang().id(), null, null, null,
					day(2026, 3, 2), null)
			.row(pairs, "合计：5对", null, null, null, null, null, null, null, null)
			.merge(solved, "A1:G1")
			.row(solved, "帮扶解决问题情况")
			.row(solved, "序号", "结对编号", "姓名", "身份证号", "问题类别", "解决日期", "帮扶内容")
			.row(solved, number("1"), "JD2025001", cast.li().name(), cast.li().id(), "思想", day(2026, 1, 10), "谈心谈话")
			.row(solved, number("2"), "JD2025001", cast.li().name(), cast.li().id(), "健康帮扶", "2026年3月5日", "协助办理住院")
			.row(solved, number("3"), "JD2026001", cast.chen().name(), cast.chen().id(), "学业", day(2026, 2, 20),
					"申请子女助学金")
			.row(solved, number("4"), null, cast.chen().name(), cast.chen().id(), "就业", day(2025, 11, 11), "推荐到企业就业")
			.row(solved, number("5"), "JD2026002", "梁振邦", LIANG, "解困", day(2026, 2, 10), "临时救助")
			.row(solved, number("6"), "JD2026003", cast.huang().name(), cast.huang().id(), "旅游", day(2026, 3, 3), null)
			.row(solved, number("7"), "JD2025001", cast.li().name(), cast.li().id(), "思想", "2026年13月1日", null)
			.row(solved, "合计", null, null, null, null, null, null)
			.row(cadres, "序号", "姓名", "公民身份号码", "镇街", "村（社区）", "职务", "文化程度", "任职时间", "离任时间")
			.row(cadres, number("1"), cast.li().name(), cast.li().id(), "沙坪街道", "越塘村", "村党委书记、村委会主任", "大专",
					day(2021, 5, 1), null)
			.row(cadres, number("2"), cast.chen().name(), cast.chen().id(), "外海街道", "麻一村", "两委委员", "高中",
					day(2026, 1, 10), null)
			.row(cadres, number("3"), cast.he().name(), cast.he().id(), "外海街道", "直冲村", "村委会副主任", "硕士", "2021年5月1日",
					null)
			.row(cadres, number("4"), cast.wang().name(), cast.wang().id(), "沙坪街道", "玉桥村", "村委会主任", "初中",
					day(2021, 5, 1), day(2025, 12, 31))
			.row(cadres, number("5"), "赵立新", ZHAO, "沙坪街道", "越塘村", "两委委员", "博士后", day(2021, 5, 1), null);
	}

	/**
	 * Writes the two workbooks to {@code samples/partners/legal-aid/} and
	 * {@code samples/partners/service-centre/} (run from the project folder), with the
	 * persons of the demo ({@link Cast#DEMO}).
	 */
	public static void main(String[] args) throws IOException {
		Path legalAid = Files.createDirectories(Path.of("samples/partners/legal-aid"));
		legalAid("3000", Cast.DEMO).writeTo(legalAid.resolve("法律援助案件_2026年上半年.xlsx"));
		Path centre = Files.createDirectories(Path.of("samples/partners/service-centre"));
		serviceCentre(Cast.DEMO).writeTo(centre.resolve("手拉手帮战友及两委干部台账_2026.xlsx"));
	}

}
