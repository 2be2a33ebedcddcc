package cn.jiangmen.vethub.province;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.jiangmen.vethub.testdata.IdCards;

/**
 * Realistic provincial API records for tests: veterans with valid GB 11643 ID numbers (a
 * Jiangmen or an out-of-province birthplace), in the API's field names and formats.
 */
public final class ProvinceSamples {

	static final String[] SURNAMES = { "陈", "李", "黄", "梁", "张", "吴", "林", "谭", "冯", "邓", "甄", "司徒" };

	static final String[] GIVEN = { "建国", "志强", "国华", "伟明", "永康", "少华", "丽娟", "秀英", "家豪", "振华", "锦荣", "美玲", "桂芳", "文辉",
			"德明", "嘉欣" };

	/** County code and a town of it, for the 7 counties. */
	static final String[][] TOWNS = { { "440703", "杜阮镇" }, { "440704", "礼乐街道" }, { "440705", "会城街道" },
			{ "440781", "台城街道" }, { "440783", "赤坎镇" }, { "440784", "沙坪街道" }, { "440785", "恩城街道" } };

	/**
	 * Birthplace region codes: Jiangmen counties and a few from elsewhere (湖南衡阳, 四川成都,
	 * 广西玉林).
	 */
	static final String[] REGIONS = { "440703", "440705", "440781", "440784", "430421", "510107", "450902" };

	private static final DateTimeFormatter CSRQ = DateTimeFormatter.BASIC_ISO_DATE;

	private ProvinceSamples() {
	}

	static String name(int i) {
		return SURNAMES[i % SURNAMES.length] + GIVEN[(i / SURNAMES.length) % GIVEN.length];
	}

	static boolean male(int i) {
		return i % 5 != 3;
	}

	static LocalDate birth(int i) {
		return LocalDate.of(1950, 1, 1).plusDays(i * 97L % 18000);
	}

	/** The valid ID number of sample veteran {@code i}. */
	public static String idCard(int i) {
		return IdCards.valid(REGIONS[i % REGIONS.length], birth(i), 100 + i % 800, male(i));
	}

	public static String id(int i) {
		return "V%05d".formatted(i);
	}

	/** Veteran {@code i}, updated at {@code gxsj}. */
	public static Map<String, Object> veteran(int i, LocalDateTime gxsj) {
		String[] town = TOWNS[i % TOWNS.length];
		LocalDate enlist = birth(i).plusYears(18).withDayOfMonth(1);
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("id", id(i));
		r.put("xm", name(i));
		r.put("xbdm", male(i) ? "1" : "2");
		r.put("sfzhm", idCard(i));
		r.put("csrq", CSRQ.format(birth(i)));
		r.put("rwsj", enlist.toString());
		r.put("twsj", enlist.plusYears(2 + i % 10).toString());
		r.put("rylb", new String[] { "11", "12", "13", "21", "31", "99" }[i % 6]);
		r.put("zzmm", new String[] { "中共党员", "群众", "共青团员", "中共预备党员" }[i % 4]);
		r.put("lxdh", (i % 9 == 0) ? null : "13%09d".formatted(600000000L + i * 7919L % 400000000L));
		r.put("hjszx", town[0]);
		r.put("hjszz", town[1]);
		r.put("gxsj", ProvinceClient.TIME.format(gxsj));
		r.put("cjsj", ProvinceClient.TIME.format(gxsj.minusDays(30)));
		r.put("scbz", "0");
		return r;
	}

	/** A home visit of veteran {@code person}. */
	public static Map<String, Object> visit(int n, int person, LocalDateTime gxsj) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("zfid", "ZF%06d".formatted(n));
		r.put("sfzhm", idCard(person));
		r.put("xm", name(person));
		r.put("zfrq", gxsj.toLocalDate().minusDays(1).toString());
		r.put("zflx", new String[] { "节日慰问", "日常走访", "困难帮扶" }[n % 3]);
		r.put("zfry", "刘主任");
		r.put("zfdw", "江门市退役军人事务局");
		r.put("zfnr", "上门看望，了解生活情况");
		r.put("gxsj", ProvinceClient.TIME.format(gxsj));
		return r;
	}

}
