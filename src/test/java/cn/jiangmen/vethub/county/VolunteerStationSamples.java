package cn.jiangmen.vethub.county;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.RawXlsx;

import static cn.jiangmen.vethub.county.CountySampleFiles.FENG;
import static cn.jiangmen.vethub.county.CountySampleFiles.HE;
import static cn.jiangmen.vethub.county.CountySampleFiles.LIANG;
import static cn.jiangmen.vethub.county.CountySampleFiles.NOT_IN_ROSTER;
import static cn.jiangmen.vethub.county.CountySampleFiles.XIE;
import static cn.jiangmen.vethub.testdata.RawXlsx.number;

/**
 * The synthetic samples of volunteers and service stations (issue 15) for the README
 * demo, written as Excel writes them (raw sheet XML: merged titles, shared strings, dates
 * as serials and as Chinese text, numbers as stored, totals rows) and with a few rows the
 * hub must refuse:
 * <ul>
 * <li>{@code samples/county/heshan/鹤山市志愿服务与服务站点_20261201.xlsx}: 鹤山's teams, volunteers
 * (persons of the 鹤山 roster sample), activities and stations;</li>
 * <li>{@code samples/partners/volunteer-corps/侨都星火志愿服务台账_2026.xlsx}: the corps' own
 * ledger;</li>
 * <li>{@code samples/partners/service-centre/服务中心（站）台账_2026.xlsx}: the city's register of
 * the four-level network, 1 city centre, 7 county centres, a station in each of the 73
 * reference towns and 1,330 village stations whose village names are invented
 * ({@code 沙坪示例01村}: there is no reference list of villages).</li>
 * </ul>
 * Run {@code main} from the project folder to regenerate them; VolunteersStationsIT and
 * DemoReportsIT prove they load as the README says.
 */
final class VolunteerStationSamples {

	static final String COUNTY = "鹤山市志愿服务与服务站点_20261201.xlsx";

	static final String CORPS = "侨都星火志愿服务台账_2026.xlsx";

	static final String REGISTER = "服务中心（站）台账_2026.xlsx";

	/** Village stations in the register: 1,330, as the bureau reports. */
	static final int VILLAGES = 1330;

	/** A volunteer of the corps the warehouse never knows (waits). */
	static final String STRANGER = IdCards.valid("440703", LocalDate.of(1988, 8, 1), 91, true);

	static final String SHAPING_TEAM = "鹤山市侨都星火志愿服务队沙坪分队";

	static final String GONGHE_TEAM = "鹤山市侨都星火志愿服务队共和分队";

	private VolunteerStationSamples() {
	}

	public static void main(String[] args) throws IOException {
		county().writeTo(Path.of("samples/county/heshan").resolve(COUNTY));
		corps().writeTo(Files.createDirectories(Path.of("samples/partners/volunteer-corps")).resolve(CORPS));
		register().writeTo(Files.createDirectories(Path.of("samples/partners/service-centre")).resolve(REGISTER));
	}

	/** The Excel serial of a day, as a date cell stores it. */
	static RawXlsx.Cell day(int year, int month, int dayOfMonth) {
		return RawXlsx.date(Long
			.toString(ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), LocalDate.of(year, month, dayOfMonth))));
	}

	/**
	 * 鹤山's workbook: 队伍 (row 5: 白沙 is no town of 鹤山, unknown_town), 志愿者 (row 6: a person
	 * not on the roster, waits), 活动 (row 5: 2026年2月30日, invalid_date) and 服务站 (row 8: a
	 * 村级 station without its village, missing_required). 17 rows read, 13 loaded.
	 */
	static RawXlsx county() {
		RawXlsx wb = new RawXlsx();
		String teams = "队伍";
		wb.row(teams, "鹤山市侨都星火志愿服务队伍登记表（演示用虚构数据）").merge(teams, "A1:D1");
		wb.row(teams, "序号", "队伍名称", "所在镇街", "成立日期");
		wb.row(teams, number("1"), SHAPING_TEAM, "沙坪", "2024年3月5日");
		wb.row(teams, number("2"), GONGHE_TEAM, "共和镇", day(2025, 5, 1));
		wb.row(teams, number("3"), "鹤山市侨都星火志愿服务队白沙分队", "白沙", "2025年6月1日");
		wb.row(teams, "合计", "3支");
		String volunteers = "志愿者";
		wb.row(volunteers, "鹤山市侨都星火志愿者名册（演示用虚构数据）").merge(volunteers, "A1:E1");
		wb.row(volunteers, "序号", "姓名", "身份证号码", "所属队伍", "加入日期");
		wb.row(volunteers, number("1"), "何建国", HE, SHAPING_TEAM, day(2024, 3, 5));
		wb.row(volunteers, number("2"), "梁秀兰", LIANG, SHAPING_TEAM, "2025年1月10日");
		wb.row(volunteers, number("3"), "冯志明", FENG, GONGHE_TEAM, "2026/2/1");
		wb.row(volunteers, number("4"), "罗德华", NOT_IN_ROSTER, GONGHE_TEAM, "2026年3月1日");
		wb.row(volunteers, "合计：4人");
		String activities = "活动";
		wb.row(activities, "鹤山市2026年志愿服务活动登记表（演示用虚构数据）").merge(activities, "A1:H1");
		wb.row(activities, "序号", "活动日期", "服务队", "活动名称", "活动类型", "活动镇街", "参与志愿者（人次）", "服务对象（人）");
		wb.row(activities, number("1"), "2026年3月5日", SHAPING_TEAM, "学雷锋日关爱老兵", "关爱帮扶", "沙坪", number("12"),
				number("30"));
		wb.row(activities, number("2"), day(2026, 7, 28), GONGHE_TEAM, "防汛抢险", "应急救援", "共和", "25人次", number("200"));
		wb.row(activities, number("3"), "2026年2月30日", SHAPING_TEAM, "国防教育宣讲", "宣讲", "沙坪", number("8"), number("60"));
		wb.row(activities, number("4"), "2026年8月1日", SHAPING_TEAM, "八一慰问", "关爱帮扶", "沙坪街道", number("15.0"),
				number("45"));
		wb.row(activities, "合计", null, null, null, null, null, number("60"), number("335"));
		String stations = "服务站";
		wb.row(stations, "鹤山市退役军人服务中心（站）台账（演示用虚构数据）").merge(stations, "A1:H1");
		wb.row(stations, "序号", "层级", "站点名称", "所在镇街", "所在村（社区）", "地址", "办公电话", "建成日期");
		wb.row(stations, number("1"), "县级", "鹤山市退役军人服务中心", null, null, "鹤山市沙坪街道示例路1号", "0750-0000001", "2019年3月1日");
		wb.row(stations, number("2"), "镇（街道）级", "沙坪街道退役军人服务站", "沙坪", null, "沙坪街道示例路2号", "0750-0000002",
				day(2019, 6, 1));
		wb.row(stations, number("3"), "镇级", "共和镇退役军人服务站", "共和", null, null, null, day(2019, 6, 1));
		wb.row(stations, number("4"), "村级", "沙坪示例01村退役军人服务站", "沙坪", "沙坪示例01村", null, null, "2020年5月1日");
		wb.row(stations, number("5"), "村（社区）级", "沙坪示例02村退役军人服务站", "沙坪街道", "沙坪示例02村", null, null, day(2021, 5, 1));
		wb.row(stations, number("6"), "村级", "共和某村退役军人服务站", "共和", null, null, null, null);
		wb.row(stations, "合计", "6个");
		return wb;
	}

	/**
	 * The corps' ledger: 队伍 (row 5: 白沙 without a county is 蓬江's 白沙街道 or 台山's 白沙镇,
	 * unknown_town), 志愿者 (row 2: a 鹤山 roster person in the 蓬江 team; row 3: a person the
	 * warehouse does not know, waits), 活动. 8 rows read, 6 loaded once the 鹤山 roster is.
	 */
	static RawXlsx corps() {
		RawXlsx wb = new RawXlsx();
		String teams = "队伍";
		wb.row(teams, "侨都星火志愿服务总队队伍一览（演示用虚构数据）").merge(teams, "A1:D1");
		wb.row(teams, "队伍名称", "县（市、区）", "所在镇街", "成立日期");
		wb.row(teams, "侨都星火志愿服务总队蓬江大队", "蓬江区", "环市", day(2023, 1, 10));
		wb.row(teams, "侨都星火志愿服务总队江海大队", "江海", "外海街道", "2023年4月1日");
		wb.row(teams, "侨都星火志愿服务总队台山大队", null, "白沙", "2023年8月1日");
		String volunteers = "志愿者";
		wb.row(volunteers, "姓名", "身份证号码", "所属队伍", "加入日期");
		wb.row(volunteers, "谢·阿卜杜", XIE, "侨都星火志愿服务总队蓬江大队", "2023年2月1日");
		wb.row(volunteers, "区志强", STRANGER, "侨都星火志愿服务总队江海大队", "2024年6月1日");
		String activities = "活动";
		wb.row(activities, "活动日期", "服务队", "活动名称", "活动类型", "活动镇街", "参与志愿者（人次）", "服务对象（人）");
		wb.row(activities, "2026年4月4日", "侨都星火志愿服务总队蓬江大队", "清明祭扫英烈", "纪念活动", "环市街道", number("40"), number("120"));
		wb.row(activities, day(2026, 5, 12), "侨都星火志愿服务总队江海大队", "防灾减灾宣传", "宣讲", "外海", number("18"), number("500"));
		wb.row(activities, "2025年12月5日", "侨都星火志愿服务总队江海大队", "国际志愿者日服务", "关爱帮扶", null, number("22"), number("64"));
		wb.row(activities, "合计", null, null, null, null, number("80"), number("684"));
		return wb;
	}

	/**
	 * The city's register of the network: 1 city centre, 7 county centres, a town station
	 * in each of the 73 towns of {@code db/seed/jiangmen-towns.csv}, 1,330 village
	 * stations (the first 16 towns 19 each, the others 18) built 2020 to 2025; and two
	 * rows the hub refuses (东湖镇 is no town of the city; a 村级 station without its
	 * village). 1,413 rows read, 1,411 loaded.
	 */
	static RawXlsx register() throws IOException {
		List<String[]> towns = new ArrayList<>();
		List<String[]> counties = new ArrayList<>();
		for (String line : Files
			.readAllLines(Path.of("src/main/resources/db/seed/jiangmen-towns.csv"), StandardCharsets.UTF_8)
			.subList(1, 74)) {
			String[] f = line.split(",");
			towns.add(f);
			if (counties.stream().noneMatch((c) -> c[0].equals(f[0]))) {
				counties.add(f);
			}
		}
		RawXlsx wb = new RawXlsx();
		String s = "服务中心（站）";
		wb.row(s, "江门市退役军人服务中心（站）台账（演示用虚构数据，村名为虚构）").merge(s, "A1:I1");
		wb.row(s, "序号", "层级", "站点名称", "县（市、区）", "所在镇街", "所在村（社区）", "地址", "办公电话", "建成日期");
		int n = 0;
		wb.row(s, number(Integer.toString(++n)), "市级", "江门市退役军人服务中心", null, null, null, "江门市示例大道1号", "0750-0000100",
				day(2019, 1, 1));
		for (String[] c : counties) {
			wb.row(s, number(Integer.toString(++n)), "县级", c[1] + "退役军人服务中心", c[1], null, null, c[1] + "示例路1号",
					"0750-00001" + String.format("%02d", n), day(2019, 3, 1));
		}
		for (String[] t : towns) {
			wb.row(s, number(Integer.toString(++n)), "镇级", t[2] + "退役军人服务站", t[1], t[2], null, null, null,
					day(2019, 6, 1));
		}
		int villages = 0;
		for (int i = 0; i < towns.size(); i++) {
			String[] t = towns.get(i);
			String shortName = t[2].endsWith(t[3]) ? t[2].substring(0, t[2].length() - t[3].length()) : t[2];
			int count = (i < 16) ? 19 : 18;
			for (int v = 1; v <= count; v++) {
				String village = shortName + "示例" + String.format("%02d", v) + "村";
				int year = 2020 + (villages % 6);
				Object built = (villages % 2 == 0) ? day(year, 1 + villages % 12, 1)
						: year + "年" + (1 + villages % 12) + "月1日";
				wb.row(s, number(Integer.toString(++n)), "村级", village + "退役军人服务站", t[1], t[2], village, null, null,
						built);
				villages++;
			}
		}
		if (villages != VILLAGES) {
			throw new IllegalStateException(villages + " village stations");
		}
		wb.row(s, number(Integer.toString(++n)), "村级", "东湖示例01村退役军人服务站", null, "东湖镇", "东湖示例01村", null, null,
				day(2022, 1, 1));
		wb.row(s, number(Integer.toString(++n)), "村级", "某村退役军人服务站", "开平市", "长沙街道", null, null, null, null);
		wb.row(s, "合计", null, null, null, null, null, null, null, null);
		return wb;
	}

}
