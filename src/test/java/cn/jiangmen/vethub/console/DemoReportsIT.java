package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ingest.CsvTableReader;
import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.ingest.TableReader;
import cn.jiangmen.vethub.ingest.XlsxTableReader;
import cn.jiangmen.vethub.normalize.AmountNormalizer;
import cn.jiangmen.vethub.normalize.DateNormalizer;
import cn.jiangmen.vethub.normalize.IdCard;
import cn.jiangmen.vethub.normalize.IdCardNormalizer;
import cn.jiangmen.vethub.normalize.Normalized;
import cn.jiangmen.vethub.normalize.ValueSynonyms;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's "Demo", step by step: the provincial sync of the demo API, the 鹤山 sheets
 * of {@code samples/county/heshan/}, the partners' files of {@code samples/partners/}
 * (whose persons are the demo's); then every report of the console shows figures, and
 * those figures are the ones the sample files give. The expected numbers are worked out
 * here from the sample files themselves (which rows are valid, who is 80 or over today,
 * whose policy is in force today), not copied from the views.
 */
class DemoReportsIT extends HubIntegrationTest {

	private static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");

	private static final String HESHAN = "440784";

	private static final Set<String> PARTY = Set.of("中共党员", "中共预备党员");

	@Autowired
	private ReportCatalog reports;

	/** A person the samples load: county, birth date, party member. */
	private record Person(String county, LocalDate birth, boolean party) {
	}

	@Test
	void everyReportShowsTheFiguresOfTheDemoSamples() throws Exception {
		loadTheReadmeDemo();
		LocalDate today = LocalDate.now(BUREAU);
		Map<String, Person> persons = new HashMap<>(provincePersons());
		persons.putAll(rosterPersons());

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Integer.class)).isEqualTo(persons.size());
		Map<String, Long> perCounty = count(persons, (p) -> true);
		assertThat(byCounty("SELECT county_code, sum(persons) FROM dw.v_report_persons_by_county_category"
				+ " GROUP BY county_code"))
			.isEqualTo(perCounty);

		Set<String> visited = visitedPersons(persons.keySet());
		assertThat(visited).isNotEmpty();
		assertThat(byCounty("SELECT county_code, visited_persons FROM dw.v_report_visit_coverage"
				+ " WHERE NOT is_total AND visited_persons > 0"))
			.isEqualTo(count(persons, visited::contains));
		assertThat(byCounty("SELECT county_code, persons FROM dw.v_report_visit_coverage WHERE NOT is_total"))
			.isEqualTo(perCounty);

		Map<String, BigDecimal> paid = payments(persons.keySet());
		assertThat(paid).isNotEmpty();
		Map<String, BigDecimal> byCategory = new TreeMap<>();
		this.jdbc.query("SELECT category, amount FROM dw.v_report_assistance_by_category WHERE payments > 0", (rs) -> {
			byCategory.put(rs.getString(1), rs.getBigDecimal(2));
		});
		assertThat(byCategory).isEqualTo(paid);
		assertThat(this.jdbc.queryForObject("SELECT amount FROM dw.v_report_assistance_by_county WHERE county_code = ?",
				BigDecimal.class, HESHAN))
			.isEqualByComparingTo(paid.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));

		LocalDate eightyYearsAgo = today.minusYears(80);
		Set<String> insured = insuredToday(today);
		Map<String, Long> aged = count(persons, (id) -> !persons.get(id).birth().isAfter(eightyYearsAgo));
		Map<String, Long> agedInsured = count(persons,
				(id) -> !persons.get(id).birth().isAfter(eightyYearsAgo) && insured.contains(id));
		assertThat(aged).as("the demo has veterans aged 80 and over").isNotEmpty();
		assertThat(byCounty("SELECT county_code, persons_80_plus FROM dw.v_report_insured_80_plus WHERE NOT is_total"))
			.isEqualTo(aged);
		Map<String, Long> insuredByView = byCounty(
				"SELECT county_code, insured FROM dw.v_report_insured_80_plus WHERE NOT is_total AND insured > 0");
		assertThat(insuredByView).isEqualTo(agedInsured);
		assertThat(this.jdbc.queryForObject("SELECT persons_80_plus FROM dw.v_report_insured_80_plus WHERE is_total",
				Long.class))
			.isEqualTo(aged.values().stream().mapToLong(Long::longValue).sum());

		assertThat(byCounty("SELECT county_code, party_members FROM dw.v_report_party_members"
				+ " WHERE NOT is_total AND party_members > 0"))
			.isEqualTo(count(persons, (id) -> persons.get(id).party()));

		// issue 15: volunteers and service stations (V97), worked out from the samples
		volunteersAndStations(persons.keySet());

		// the service centre's and the legal-aid centre's samples name persons of the
		// demo
		Map<String, Long> pairs = pairs(persons);
		assertThat(pairs).as("pairs of demo persons").isNotEmpty();
		assertThat(byCounty("SELECT county_code, pairs FROM dw.v_report_pairing"
				+ " WHERE report_year IS NULL AND NOT is_total AND pairs > 0"))
			.isEqualTo(pairs);
		Map<String, Long> cases = legalAidCases(persons, null);
		assertThat(cases).as("legal-aid cases of demo persons").isNotEmpty();
		assertThat(byCounty("SELECT county_code, cases FROM dw.v_report_legal_aid"
				+ " WHERE report_year IS NULL AND NOT is_total AND cases > 0"))
			.isEqualTo(cases);

		// the overview of 2026 shows them: every pair dates from 2026 or before, the
		// cases
		// of 2026 are those accepted in it, the cadres those serving in it
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		String overview = viewer.get("/overview?year=2026&lang=zh_CN").body();
		assertThat(figure(overview, "pairing"))
			.isEqualTo(String.valueOf(pairs.values().stream().mapToLong(Long::longValue).sum()));
		assertThat(figure(overview, "legal-aid"))
			.isEqualTo(String.valueOf(legalAidCases(persons, 2026).values().stream().mapToLong(Long::longValue).sum()));
		long cadres = this.jdbc.queryForObject(
				"SELECT cadres FROM dw.v_report_village_cadres WHERE is_total AND report_year = 2026", Long.class);
		assertThat(cadres).as("village cadres of the demo serving in 2026").isPositive();
		assertThat(figure(overview, "village-cadres")).isEqualTo(String.valueOf(cadres));

		for (ReportCatalog.Report report : ReportCatalog.REPORTS) {
			ReportCatalog.ReportTable table = this.reports.run(report, Locale.SIMPLIFIED_CHINESE);
			assertThat(table.rows()).as(report.key())
				.anySatisfy((row) -> assertThat(row).as(report.key())
					.anyMatch((v) -> v instanceof Number n && n.doubleValue() > 0));
			// the newest data behind it is the end of one of the runs that loaded the
			// demo
			assertThat(this.reports.newestData(report)).as(report.key())
				.hasValueSatisfying((t) -> assertThat(this.jdbc.queryForObject(
						"SELECT count(*) FROM ops.ingest_run WHERE finished_at = ? AND status = 'succeeded'",
						Long.class, t))
					.as(report.key())
					.isEqualTo(1L));
		}
	}

	private void loadTheReadmeDemo() throws IOException {
		// full: the sync marks outlive the warehouse between tests, and a new hub's first
		// sync reads everything anyway
		int provinceRuns = this.jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run WHERE source_id = 'province'",
				Integer.class);
		adminApi().post().uri("/api/sources/province/sync?full=true").retrieve().toBodilessEntity();
		awaitRunsOf("province", provinceRuns + 1);
		Path county = Path.of("samples/county/heshan");
		drop(county.resolve("鹤山市退役军人花名册_20261115.xlsx"), "county/heshan");
		awaitRunsOf("heshan", 1);
		drop(county.resolve("解三难救助发放明细_20261120.csv"), "county/heshan");
		awaitRunsOf("heshan", 2);
		drop(county.resolve("鹤山市光荣牌悬挂登记表_20261125.xlsx"), "county/heshan");
		awaitRunsOf("heshan", 3);
		drop(county.resolve("鹤山市就业工作统计_20261128.xlsx"), "county/heshan");
		awaitRunsOf("heshan", 4);
		drop(county.resolve("鹤山市培训与学历提升_20261130.xlsx"), "county/heshan");
		awaitRunsOf("heshan", 5);
		// issue 15: volunteers and service stations (V97)
		drop(county.resolve("鹤山市志愿服务与服务站点_20261201.xlsx"), "county/heshan");
		awaitRunsOf("heshan", 6);
		for (String partner : List.of("eye-hospital", "city-hospital", "insurer", "training-school", "legal-aid",
				"service-centre", "volunteer-corps")) {
			int dropped = 0;
			try (var files = Files.list(Path.of("samples/partners", partner))) {
				for (Path file : files.toList()) {
					drop(file, "partners/" + partner);
					dropped++;
				}
			}
			awaitRunsOf(partner, dropped);
		}
	}

	/** A figure of the overview page, as shown. */
	private static String figure(String page, String key) {
		String marker = "id=\"figure-" + key + "\">";
		int at = page.indexOf(marker);
		assertThat(at).as(marker).isNotNegative();
		return page.substring(at + marker.length(), page.indexOf('<', at));
	}

	private void drop(Path sample, String inbox) throws IOException {
		Path staging = Files.createTempFile(DATA_DIR, ".drop-", ".tmp");
		Files.copy(sample, staging, StandardCopyOption.REPLACE_EXISTING);
		Files.move(staging, DATA_DIR.resolve("inbox").resolve(inbox).resolve(sample.getFileName().toString()),
				StandardCopyOption.ATOMIC_MOVE);
	}

	private void awaitRunsOf(String source, int runs) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM ops.ingest_run WHERE source_id = ? AND status <> 'running'", Integer.class,
					source) >= runs);
	}

	private Map<String, Long> byCounty(String sql) {
		Map<String, Long> out = new TreeMap<>();
		this.jdbc.query(sql, (rs) -> {
			out.put(rs.getString(1), rs.getLong(2));
		});
		return out;
	}

	private static Map<String, Long> count(Map<String, Person> persons, java.util.function.Predicate<String> which) {
		Map<String, Long> out = new TreeMap<>();
		persons.forEach((id, p) -> {
			if (which.test(id)) {
				out.merge(p.county(), 1L, Long::sum);
			}
		});
		return out;
	}

	private static List<Map<String, Object>> json(String file) throws IOException {
		return JsonMapper.builder()
			.build()
			.readValue(Files.readAllBytes(Path.of("samples/province", file)),
					new TypeReference<List<Map<String, Object>>>() {
					});
	}

	/**
	 * The veterans the sync loads: not deleted, a valid ID number whose birth date is the
	 * record's csrq.
	 */
	private static Map<String, Person> provincePersons() throws IOException {
		Map<String, Person> out = new HashMap<>();
		for (Map<String, Object> r : json("veterans.json")) {
			Normalized<IdCard> id = IdCardNormalizer.normalize((String) r.get("sfzhm"));
			Normalized<LocalDate> csrq = DateNormalizer.date((String) r.get("csrq"));
			if ("0".equals(r.get("scbz")) && id.isOk() && csrq.isOk() && id.value().birthDate().equals(csrq.value())) {
				out.put(id.value().number(),
						new Person((String) r.get("hjszx"), id.value().birthDate(), PARTY.contains(r.get("zzmm"))));
			}
		}
		return out;
	}

	/**
	 * The 鹤山 roster's persons the hub loads: a valid ID number and a readable birth date
	 * that agrees with it.
	 */
	private static Map<String, Person> rosterPersons() throws Exception {
		Map<String, Person> out = new HashMap<>();
		List<SourceRow> rows = rows(new XlsxTableReader(), "samples/county/heshan/鹤山市退役军人花名册_20261115.xlsx", "花名册");
		Map<String, Integer> header = header(rows, "公民身份号码");
		ValueSynonyms political = ValueSynonyms.politicalStatuses();
		for (SourceRow row : rows.subList(rows.indexOf(headerRow(rows, "公民身份号码")) + 1, rows.size())) {
			Normalized<IdCard> id = IdCardNormalizer.normalize(row.cell(header.get("公民身份号码")));
			Normalized<LocalDate> birth = DateNormalizer.date(row.cell(header.get("出生日期")));
			if (id.isOk() && birth.isOk() && (birth.value() == null || birth.value().equals(id.value().birthDate()))) {
				boolean party = political.canonical(row.text(header.get("政治面貌"))).map(PARTY::contains).orElse(false);
				out.put(id.value().number(), new Person(HESHAN, id.value().birthDate(), party));
			}
		}
		assertThat(out).isNotEmpty();
		return out;
	}

	/** The loaded persons with at least one visit of a real date. */
	private static Set<String> visitedPersons(Set<String> loaded) throws IOException {
		Set<String> out = new HashSet<>();
		for (Map<String, Object> v : json("visits.json")) {
			String id = ((String) v.get("sfzhm")).toUpperCase(Locale.ROOT);
			if (loaded.contains(id) && DateNormalizer.date((String) v.get("zfrq")).isOk()) {
				out.add(id);
			}
		}
		return out;
	}

	/**
	 * The amounts of the payment sheet by category, for rows with a readable amount of a
	 * loaded person.
	 */
	private static Map<String, BigDecimal> payments(Set<String> loaded) throws Exception {
		List<SourceRow> rows = rows(new CsvTableReader(Charset.forName("GBK")),
				"samples/county/heshan/解三难救助发放明细_20261120.csv", null);
		Map<String, Integer> header = header(rows, "身份证号码");
		Map<String, BigDecimal> out = new TreeMap<>();
		for (SourceRow row : rows.subList(1, rows.size())) {
			Normalized<IdCard> id = IdCardNormalizer.normalize(row.cell(header.get("身份证号码")));
			Normalized<BigDecimal> amount = AmountNormalizer.amount(row.cell(header.get("救助金额（元）")));
			if (id.isOk() && loaded.contains(id.value().number()) && amount.isOk() && amount.value() != null) {
				out.merge(row.text(header.get("救助类别")).strip(), amount.value(), BigDecimal::add);
			}
		}
		return out;
	}

	/**
	 * The pairs of the service centre's sample per county of the veteran helped: rows
	 * with a valid ID of a loaded person, a helper, a readable 结对日期 and a helper ID that
	 * is empty or valid.
	 */
	private static Map<String, Long> pairs(Map<String, Person> persons) throws Exception {
		List<SourceRow> rows = rows(new XlsxTableReader(), "samples/partners/service-centre/手拉手帮战友及两委干部台账_2026.xlsx",
				"结对帮扶");
		Map<String, Integer> header = header(rows, "帮扶对象身份证号");
		Map<String, Long> out = new TreeMap<>();
		for (SourceRow row : rows.subList(rows.indexOf(headerRow(rows, "帮扶对象身份证号")) + 1, rows.size())) {
			Normalized<IdCard> id = IdCardNormalizer.normalize(row.cell(header.get("帮扶对象身份证号")));
			Normalized<LocalDate> paired = DateNormalizer.date(row.cell(header.get("结对日期")));
			boolean helperId = row.text(header.get("帮扶人身份证号")).isBlank()
					|| IdCardNormalizer.normalize(row.cell(header.get("帮扶人身份证号"))).isOk();
			if (id.isOk() && persons.containsKey(id.value().number()) && !row.text(header.get("帮扶人")).isBlank()
					&& paired.isOk() && paired.value() != null && helperId) {
				out.merge(persons.get(id.value().number()).county(), 1L, Long::sum);
			}
		}
		return out;
	}

	/** The forms of 是否司法救助 the legal-aid sample writes that mean 是 or 否. */
	private static final Set<String> YES_NO = Set.of("", "是", "否", "Y", "N");

	/**
	 * The legal-aid centre's sample cases per county of the person: rows with a valid ID
	 * of a loaded person, a readable 受理日期, a 是否司法救助 of yes or no (or none) and a readable
	 * 救助金额 (or none).
	 * @param year the year of 受理日期, null for all
	 */
	private static Map<String, Long> legalAidCases(Map<String, Person> persons, Integer year) throws Exception {
		List<SourceRow> rows = rows(new XlsxTableReader(), "samples/partners/legal-aid/法律援助案件_2026年上半年.xlsx", "受理案件");
		Map<String, Integer> header = header(rows, "身份证号码");
		Map<String, Long> out = new TreeMap<>();
		for (SourceRow row : rows.subList(rows.indexOf(headerRow(rows, "身份证号码")) + 1, rows.size())) {
			Normalized<IdCard> id = IdCardNormalizer.normalize(row.cell(header.get("身份证号码")));
			Normalized<LocalDate> accepted = DateNormalizer.date(row.cell(header.get("受理日期")));
			boolean amount = row.text(header.get("救助金额（元）")).isBlank()
					|| AmountNormalizer.amount(row.cell(header.get("救助金额（元）"))).isOk();
			if (id.isOk() && persons.containsKey(id.value().number()) && accepted.isOk() && accepted.value() != null
					&& (year == null || accepted.value().getYear() == year)
					&& YES_NO.contains(row.text(header.get("是否司法救助")).strip()) && amount) {
				out.merge(persons.get(id.value().number()).county(), 1L, Long::sum);
			}
		}
		return out;
	}

	/** The ID numbers (as text, valid) of the insurer's policies in force today. */
	private static Set<String> insuredToday(LocalDate today) throws Exception {
		List<SourceRow> rows = rows(new XlsxTableReader(), "samples/partners/insurer/insurer_2026H1.xlsx", "承保清单");
		Map<String, Integer> header = header(rows, "证件号码");
		Set<String> out = new HashSet<>();
		for (SourceRow row : rows.subList(rows.indexOf(headerRow(rows, "证件号码")) + 1, rows.size())) {
			Normalized<IdCard> id = IdCardNormalizer.normalize(row.cell(header.get("证件号码")));
			Normalized<LocalDate> start = DateNormalizer.date(row.cell(header.get("生效日期")));
			Normalized<LocalDate> end = DateNormalizer.date(row.cell(header.get("终止日期")));
			if (id.isOk() && start.isOk() && end.isOk() && start.value() != null && end.value() != null
					&& !start.value().isAfter(today) && !end.value().isBefore(today)) {
				out.add(id.value().number());
			}
		}
		return out;
	}

	/**
	 * The network of the service centre's register (its 镇级 stations' towns and its 村级
	 * stations' villages in reference towns; 鹤山's sheet names places of the same network)
	 * and the volunteers of 鹤山's sheet and the corps' ledger who are demo persons.
	 */
	private void volunteersAndStations(Set<String> demoPersons) throws Exception {
		Set<String> towns = new HashSet<>(this.jdbc.queryForList("SELECT name FROM ref.town", String.class));
		List<SourceRow> register = rows(new XlsxTableReader(), "samples/partners/service-centre/服务中心（站）台账_2026.xlsx",
				null);
		Map<String, Integer> h = header(register, "层级");
		Set<String> townStations = new HashSet<>();
		Set<String> villages = new HashSet<>();
		for (SourceRow row : register) {
			String town = row.text(h.get("所在镇街")).strip();
			String village = row.text(h.get("所在村（社区）")).strip();
			if (towns.contains(town) && "镇级".equals(row.text(h.get("层级")).strip())) {
				townStations.add(town);
			}
			if (towns.contains(town) && !village.isEmpty() && "村级".equals(row.text(h.get("层级")).strip())) {
				villages.add(town + "/" + village);
			}
		}
		assertThat(this.jdbc.queryForMap("""
				SELECT towns, towns_with_station, village_stations, county_centres, city_centres
				  FROM dw.v_report_station_coverage WHERE is_total AND report_year IS NULL"""))
			.containsEntry("towns", (long) towns.size())
			.containsEntry("towns_with_station", (long) townStations.size())
			.containsEntry("village_stations", (long) villages.size())
			.containsEntry("county_centres", 7L)
			.containsEntry("city_centres", 1L);
		Set<String> volunteers = new HashSet<>();
		for (String file : List.of("samples/county/heshan/鹤山市志愿服务与服务站点_20261201.xlsx",
				"samples/partners/volunteer-corps/侨都星火志愿服务台账_2026.xlsx")) {
			List<SourceRow> rows = rows(new XlsxTableReader(), file, "志愿者");
			int id = header(rows, "身份证号码").get("身份证号码");
			rows.forEach((r) -> volunteers.add(r.text(id).strip()));
		}
		volunteers.retainAll(demoPersons);
		assertThat(volunteers).isNotEmpty();
		assertThat(this.jdbc.queryForObject(
				"SELECT volunteers FROM dw.v_report_volunteers WHERE is_total AND report_year IS NULL", Long.class))
			.isEqualTo((long) volunteers.size());
	}

	private static List<SourceRow> rows(TableReader reader, String file, String sheet) throws Exception {
		List<SourceRow> rows = new ArrayList<>();
		reader.read(Path.of(file), (row) -> {
			if (sheet == null || sheet.equals(row.sheet())) {
				rows.add(row);
			}
		});
		return rows;
	}

	private static SourceRow headerRow(List<SourceRow> rows, String column) {
		return rows.stream()
			.filter((r) -> r.cells().stream().anyMatch((c) -> column.equals(c.text().strip())))
			.findFirst()
			.orElseThrow();
	}

	private static Map<String, Integer> header(List<SourceRow> rows, String column) {
		SourceRow header = headerRow(rows, column);
		Map<String, Integer> out = new HashMap<>();
		for (int c = 0; c < header.cells().size(); c++) {
			out.put(Objects.requireNonNull(header.cells().get(c)).text().strip(), c);
		}
		return out;
	}

}
