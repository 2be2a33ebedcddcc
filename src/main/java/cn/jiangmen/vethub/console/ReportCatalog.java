package cn.jiangmen.vethub.console;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.sql.Types;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The bureau's reports. Each is a plain SELECT of one warehouse function
 * {@code dw.report_*(from, to)} (V100, V102: any period, {@link Periods#PERIOD}),
 * filtered by county; the figures and the city total rows are computed by the warehouse,
 * not here. With it a list of columns with their kind, and how to chart it. Labels come
 * from the message bundles ({@code report.<key>.title}, {@code column.<name>}).
 */
@Component
class ReportCatalog {

	/**
	 * The county filter of a report over a period: every county and the city rows, or the
	 * rows of one county.
	 */
	private static final String COUNTY = "(CAST(:county AS text) IS NULL OR county_code = CAST(:county AS text))";

	static final List<Report> REPORTS = List.of(
			// issue 16 point 8: every report over a period (V100 functions dw.report_*)
			Report.overPeriod("persons", """
					SELECT county_code, county_name, is_total, category, persons
					  FROM dw.report_persons(CAST(:from AS date), CAST(:to AS date))
					 WHERE %s
					 ORDER BY is_total, county_code NULLS LAST, category NULLS LAST""".formatted(COUNTY),
					List.of(Column.text("county_name"), Column.text("category"), Column.count("persons")),
					new Chart("county_name", "category", "persons")),
			overPeriod("visit-coverage", "dw.report_visit_coverage", "", "persons", "visited_persons", "%coverage_pct"),
			// the city's categories and grand total, or one county's categories and its
			// total
			Report.overPeriod("assistance-by-category", """
					SELECT county_code, county_name, category IS NULL AS is_total, category, payments, amount
					  FROM dw.report_assistance(CAST(:from AS date), CAST(:to AS date))
					 WHERE county_code IS NOT DISTINCT FROM CAST(:county AS text)
					 ORDER BY category IS NULL, category""",
					List.of(Column.text("category"), Column.count("payments"), Column.money("amount")),
					new Chart("category", null, "amount")),
			Report.overPeriod("assistance-by-county", """
					SELECT county_code, county_name, is_total, payments, amount
					  FROM dw.report_assistance(CAST(:from AS date), CAST(:to AS date))
					 WHERE category IS NULL AND %s
					 ORDER BY is_total, county_code""".formatted(COUNTY),
					List.of(Column.text("county_name"), Column.count("payments"), Column.money("amount")),
					new Chart("county_name", null, "amount")),
			overPeriod("insured-80-plus", "dw.report_insured_80_plus", "", "persons_80_plus", "insured",
					"%insured_pct"),
			Report.overPeriod("party-members", """
					SELECT county_code, county_name, is_total, persons, party_members, party_pct
					  FROM dw.report_party_members(CAST(:from AS date), CAST(:to AS date))
					 WHERE %s
					 ORDER BY is_total, county_code NULLS LAST""".formatted(COUNTY),
					List.of(Column.text("county_name"), Column.count("persons"), Column.count("party_members"),
							Column.percent("party_pct")),
					new Chart("county_name", null, "party_members")),
			Report.overPeriod("plaques", """
					SELECT county_code, county_name, is_total, eligible, hung, hung_pct, newly_hung
					  FROM dw.report_plaques(CAST(:from AS date), CAST(:to AS date))
					 WHERE %s
					 ORDER BY is_total, county_code NULLS LAST""".formatted(COUNTY),
					List.of(Column.text("county_name"), Column.count("eligible"), Column.count("hung"),
							Column.percent("hung_pct"), Column.count("newly_hung")),
					new Chart("county_name", null, "hung_pct")),
			// employment and training (issue 15, V87; over a period: V100)
			overPeriod("job-fairs", "dw.report_job_fairs", "", "fairs", "employers", "posts", "attendees",
					"intentions"),
			overPeriod("employment", "dw.report_employment", "", "placements", "placed_persons", "intending",
					"employed", "%employment_pct"),
			overPeriod("adaptive-training", "dw.report_adaptive_training", "", "discharged", "trained", "%trained_pct"),
			overPeriod("skills-training", "dw.report_skills_training", "course", "sessions", "participants",
					"person_times", "certified"),
			overPeriod("degree-upgrade", "dw.report_degree_upgrade", "level", "persons", "graduated"),
			// issue 15: pairing assistance, legal aid, village cadres (V90; over a
			// period: V100)
			Report.overPeriod("pairing",
					"""
							SELECT county_code, county_name, is_total, pairs, new_pairs, veterans, solved, solved_thought,
							       solved_study, solved_employment, solved_business, solved_hardship, solved_rights, solved_health
							  FROM dw.report_pairing(CAST(:from AS date), CAST(:to AS date))
							 WHERE %s
							 ORDER BY is_total, county_code NULLS LAST"""
						.formatted(COUNTY),
					List.of(Column.text("county_name"), Column.count("pairs"), Column.count("new_pairs"),
							Column.count("veterans"), Column.count("solved"), Column.count("solved_thought"),
							Column.count("solved_study"), Column.count("solved_employment"),
							Column.count("solved_business"), Column.count("solved_hardship"),
							Column.count("solved_rights"), Column.count("solved_health")),
					new Chart("county_name", null, "solved")),
			Report.overPeriod("legal-aid", """
					SELECT county_code, county_name, is_total, cases, judicial_aid_cases, judicial_aid_pct, aid_amount,
					       stations
					  FROM dw.report_legal_aid(CAST(:from AS date), CAST(:to AS date))
					 WHERE %s
					 ORDER BY is_total, county_code NULLS LAST""".formatted(COUNTY),
					List.of(Column.text("county_name"), Column.count("cases"), Column.count("judicial_aid_cases"),
							Column.percent("judicial_aid_pct"), Column.money("aid_amount"), Column.count("stations")),
					new Chart("county_name", null, "cases")),
			Report.overPeriod("legal-aid-stations", """
					SELECT county_code, county_name, is_total, town, stations
					  FROM dw.report_legal_aid_stations(CAST(:from AS date), CAST(:to AS date))
					 WHERE %s
					 ORDER BY is_total, county_code NULLS LAST, town""".formatted(COUNTY),
					List.of(Column.text("county_name"), Column.text("town"), Column.count("stations")),
					new Chart("town", null, "stations")),
			Report.overPeriod("village-cadres", """
					SELECT county_code, county_name, is_total, cadres, edu_graduate, edu_bachelor, edu_college,
					       edu_senior, edu_junior, edu_unknown, age_35_under, age_36_45, age_46_55, age_56_over
					  FROM dw.report_village_cadres(CAST(:from AS date), CAST(:to AS date))
					 WHERE %s
					 ORDER BY is_total, county_code NULLS LAST""".formatted(COUNTY),
					List.of(Column.text("county_name"), Column.count("cadres"), Column.count("edu_graduate"),
							Column.count("edu_bachelor"), Column.count("edu_college"), Column.count("edu_senior"),
							Column.count("edu_junior"), Column.count("edu_unknown"), Column.count("age_35_under"),
							Column.count("age_36_45"), Column.count("age_46_55"), Column.count("age_56_over")),
					new Chart("county_name", null, "cadres")),
			// issue 15: volunteers and service stations (V97; over a period: V102)
			Report.overPeriod("volunteers", """
					SELECT county_code, county_name, is_total, teams, volunteers, activities, volunteer_times,
					       beneficiaries
					  FROM dw.report_volunteers(CAST(:from AS date), CAST(:to AS date))
					 WHERE %s
					 ORDER BY is_total, county_code NULLS LAST""".formatted(COUNTY),
					List.of(Column.text("county_name"), Column.count("teams"), Column.count("volunteers"),
							Column.count("activities"), Column.count("volunteer_times"), Column.count("beneficiaries")),
					new Chart("county_name", null, "volunteer_times")),
			Report.overPeriod("station-coverage", """
					SELECT county_code, county_name, is_total, city_centres, county_centres, towns, towns_with_station,
					       town_coverage_pct, village_stations
					  FROM dw.report_station_coverage(CAST(:from AS date), CAST(:to AS date))
					 WHERE %s
					 ORDER BY is_total, county_code NULLS LAST""".formatted(COUNTY),
					List.of(Column.text("county_name"), Column.count("city_centres"), Column.count("county_centres"),
							Column.count("towns"), Column.count("towns_with_station"),
							Column.percent("town_coverage_pct"), Column.count("village_stations")),
					new Chart("county_name", null, "town_coverage_pct")),
			Report.overPeriod("station-towns", """
					SELECT county_code, county_name, is_total, town, town_station, village_stations
					  FROM dw.report_station_towns(CAST(:from AS date), CAST(:to AS date))
					 WHERE %s
					 ORDER BY is_total, county_code NULLS LAST, town""".formatted(COUNTY),
					List.of(Column.text("county_name"), Column.text("town"), Column.text("town_station"),
							Column.count("village_stations")),
					new Chart("town", null, "village_stations")));

	/**
	 * A report of a V100 function {@code dw.report_*(from, to)} with {@code county_code}
	 * and {@code is_total}: the county, an optional breakdown column, then the figures; a
	 * name starting with {@code %} is a percentage. The chart shows the last percentage,
	 * else the first figure after the counts' first (e.g. participants per course, a
	 * pivot by the breakdown). The period and county are named parameters ({@code :from},
	 * {@code :to}, {@code :county}).
	 */
	private static Report overPeriod(String key, String function, String breakdown, String... figures) {
		List<Column> columns = new ArrayList<>();
		columns.add(Column.text("county_name"));
		if (!breakdown.isEmpty()) {
			columns.add(Column.text(breakdown));
		}
		String charted = null;
		for (String figure : figures) {
			if (figure.startsWith("%")) {
				columns.add(Column.percent(figure.substring(1)));
				charted = figure.substring(1);
			}
			else {
				columns.add(Column.count(figure));
			}
		}
		if (charted == null) {
			charted = figures[(figures.length > 1 && breakdown.isEmpty()) ? 0 : Math.min(1, figures.length - 1)];
		}
		String select = String.join(", ",
				columns.stream().map(Column::name).filter((n) -> !"county_name".equals(n)).toList());
		String sql = "SELECT county_code, county_name, is_total, " + select + " FROM " + function
				+ "(CAST(:from AS date), CAST(:to AS date)) WHERE " + COUNTY
				+ " ORDER BY is_total, county_code NULLS LAST" + (breakdown.isEmpty() ? "" : ", " + breakdown);
		return Report.overPeriod(key, sql, List.copyOf(columns),
				new Chart("county_name", breakdown.isEmpty() ? null : breakdown, charted));
	}

	private final JdbcTemplate jdbc;

	private final MessageSource messages;

	/**
	 * The views and functions a report reads ({@code dw.v_report_*},
	 * {@code dw.report_*}).
	 */
	private static final Pattern VIEW = Pattern.compile("dw\\.(?:v_)?report_\\w+");

	private final NamedParameterJdbcTemplate named;

	/**
	 * Per report, the queries of {@link #newestData}: the schema is fixed once migrated.
	 */
	private final Map<String, List<String>> sources = new ConcurrentHashMap<>();

	ReportCatalog(JdbcTemplate jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.messages = messages;
	}

	Optional<Report> find(String key) {
		return REPORTS.stream().filter((r) -> r.key().equals(key)).findFirst();
	}

	/**
	 * Runs a report: its rows with display labels (total and unknown rows named in the
	 * user's language).
	 */
	ReportTable run(Report report, Locale locale) {
		return run(report, ReportFilter.NONE, locale);
	}

	/**
	 * Runs a report with its filters (ignored by a report that has none).
	 */
	ReportTable run(Report report, ReportFilter filter, Locale locale) {
		List<String> names = report.columns().stream().map(Column::name).toList();
		String title = message("report." + report.key() + ".title", locale);
		List<String> headers = names.stream().map((n) -> message("column." + n, locale)).toList();
		List<Boolean> totals = new ArrayList<>();
		String totalLabel = (filter.county() != null && report.periods() != Periods.NONE) ? "report.total.county"
				: "report.total";
		RowMapper<List<Object>> mapper = (rs, i) -> {
			boolean total = Boolean.TRUE.equals(rs.getObject("is_total"));
			totals.add(total);
			List<Object> row = new ArrayList<>();
			for (String name : names) {
				Object value = rs.getObject(name);
				if (value == null && "county_name".equals(name)) {
					value = message(total ? totalLabel : "report.unknown-county", locale);
				}
				else if (value == null && "category".equals(name)) {
					value = message(total ? totalLabel : "report.unknown", locale);
				}
				row.add(value);
			}
			return row;
		};
		List<List<Object>> rows = switch (report.periods()) {
			case NONE -> this.jdbc.query(report.sql(), mapper);
			case PERIOD -> this.named.query(report.sql(),
					new MapSqlParameterSource().addValue("from", filter.period().from(), Types.DATE)
						.addValue("to", filter.period().to(), Types.DATE)
						.addValue("county", filter.county(), Types.VARCHAR),
					mapper);
		};
		return new ReportTable(report, title, headers, rows, totals);
	}

	/**
	 * Chart data for ECharts: categories on the x axis and one series per value column,
	 * or per value of the series column (a pivot). Total rows are left out of the chart.
	 */
	Map<String, Object> chart(ReportTable table, Locale locale) {
		Chart chart = table.report().chart();
		List<String> names = table.report().columns().stream().map(Column::name).toList();
		int x = names.indexOf(chart.x());
		int value = names.indexOf(chart.value());
		Map<String, Object> out = new LinkedHashMap<>();
		if (chart.series() == null) {
			List<Object> categories = new ArrayList<>();
			List<Object> data = new ArrayList<>();
			for (int i = 0; i < table.rows().size(); i++) {
				if (!table.totals().get(i)) {
					categories.add(table.rows().get(i).get(x));
					data.add(table.rows().get(i).get(value));
				}
			}
			out.put("x", categories);
			out.put("series", List.of(Map.of("name", message("column." + chart.value(), locale), "data", data)));
			out.put("stacked", false);
			return out;
		}
		int s = names.indexOf(chart.series());
		LinkedHashSet<Object> categories = new LinkedHashSet<>();
		LinkedHashSet<Object> seriesNames = new LinkedHashSet<>();
		List<List<Object>> rows = new ArrayList<>();
		for (int i = 0; i < table.rows().size(); i++) {
			if (!table.totals().get(i)) {
				rows.add(table.rows().get(i));
			}
		}
		rows.forEach((r) -> {
			categories.add(r.get(x));
			seriesNames.add(r.get(s));
		});
		List<Object> xs = new ArrayList<>(categories);
		List<Map<String, Object>> series = new ArrayList<>();
		for (Object name : seriesNames) {
			Object[] data = new Object[xs.size()];
			java.util.Arrays.fill(data, 0);
			for (List<Object> r : rows) {
				if (name.equals(r.get(s))) {
					data[xs.indexOf(r.get(x))] = r.get(value);
				}
			}
			series.add(Map.of("name", name, "data", data));
		}
		out.put("x", xs);
		out.put("series", series);
		out.put("stacked", true);
		return out;
	}

	/**
	 * When the newest data behind a report was loaded: the end (else the start) of the
	 * latest run, by run id, that wrote a row of one of the warehouse tables the report's
	 * view reads, found through the view's dependencies in the catalog (views of views
	 * followed) and the tables' {@code run_id} or {@code last_run_id} column. Empty when
	 * no such run is recorded. Rows deleted by a later run do not count.
	 */
	Optional<OffsetDateTime> newestData(Report report) {
		List<String> maxima = this.sources.computeIfAbsent(report.key(), (k) -> sourcesOf(report));
		if (maxima.isEmpty()) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.jdbc
			.queryForObject("SELECT max(coalesce(finished_at, started_at)) FROM ops.ingest_run WHERE id IN ("
					+ String.join(" UNION ALL ", maxima) + ")", OffsetDateTime.class));
	}

	/**
	 * One {@code SELECT max(run column)} per warehouse table behind the report's views
	 * and functions: a view's tables through its rewrite rule, a function's through the
	 * dependencies PostgreSQL records for a SQL-standard body (V100), views of views
	 * followed.
	 */
	private List<String> sourcesOf(Report report) {
		Matcher view = VIEW.matcher(report.sql());
		Set<String> names = new TreeSet<>();
		while (view.find()) {
			names.add(view.group());
		}
		Set<String> out = new TreeSet<>();
		for (String name : names) {
			out.addAll(this.jdbc.query(
					"""
							WITH RECURSIVE deps(oid) AS (
							    SELECT s.oid FROM (
							        SELECT to_regclass(?)::oid AS oid
							        UNION
							        SELECT d.refobjid FROM pg_proc f
							          JOIN pg_namespace fn ON fn.oid = f.pronamespace AND fn.nspname = 'dw'
							          JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = f.oid
							                          AND d.refclassid = 'pg_class'::regclass
							         WHERE f.proname = ?) s
							     WHERE s.oid IS NOT NULL
							    UNION
							    SELECT d.refobjid FROM deps
							      JOIN pg_rewrite r ON r.ev_class = deps.oid
							      JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
							                      AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> deps.oid)
							SELECT DISTINCT n.nspname, c.relname, a.attname
							  FROM deps JOIN pg_class c ON c.oid = deps.oid AND c.relkind IN ('r', 'p')
							  JOIN pg_namespace n ON n.oid = c.relnamespace
							  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname IN ('run_id', 'last_run_id')
							                     AND NOT a.attisdropped
							 WHERE n.nspname = 'dw'
							 ORDER BY 1, 2, 3""", (rs, i) -> "SELECT max(\"" + rs.getString(3) + "\") FROM \""
							+ rs.getString(1) + "\".\"" + rs.getString(2) + "\"",
					name, name.substring("dw.".length())));
		}
		return List.copyOf(out);
	}

	/** The counties of {@code ref.county}, code to name, for the filters. */
	Map<String, String> counties() {
		Map<String, String> counties = new LinkedHashMap<>();
		this.jdbc.query("SELECT code, name FROM ref.county ORDER BY code",
				(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> counties.put(rs.getString(1).strip(),
						rs.getString(2)));
		return counties;
	}

	private String message(String code, Locale locale) {
		return this.messages.getMessage(code, null, code, locale);
	}

	/**
	 * How a report takes the period and county filters.
	 */
	enum Periods {

		/** No filter: the SQL takes no parameter. */
		NONE,
		/**
		 * Any period (the V100 functions): the SQL takes the named parameters
		 * {@code :from} and {@code :to} (dates, both included; NULL: no bound) and
		 * {@code :county} (a county code; NULL: every county and the total).
		 */
		PERIOD

	}

	/**
	 * @param sql the SELECT, with the parameters {@code periods} says
	 * @param periods how the report is filtered
	 */
	record Report(String key, String sql, List<Column> columns, Chart chart, Periods periods) {

		Report(String key, String sql, List<Column> columns, Chart chart) {
			this(key, sql, columns, chart, Periods.NONE);
		}

		/** A report over any period and a county ({@link Periods#PERIOD}). */
		static Report overPeriod(String key, String sql, List<Column> columns, Chart chart) {
			return new Report(key, sql, columns, chart, Periods.PERIOD);
		}

		/** Whether the report is filtered at all. */
		public boolean filtered() {
			return this.periods != Periods.NONE;
		}

	}

	/**
	 * The filters of a report: a county (null: every county) and a period.
	 *
	 * @param county a county code of {@code ref.county}, or null
	 * @param period the days counted (or, for a stock, the day it is counted on)
	 */
	record ReportFilter(String county, ReportPeriod period) {

		static final ReportFilter NONE = new ReportFilter(null, ReportPeriod.ALL);

	}

	/**
	 * A column of a report; {@code kind} is text, count, money (yuan, 2 decimals) or
	 * percent.
	 */
	public record Column(String name, String kind) {

		static Column text(String name) {
			return new Column(name, "text");
		}

		static Column count(String name) {
			return new Column(name, "count");
		}

		static Column money(String name) {
			return new Column(name, "money");
		}

		static Column percent(String name) {
			return new Column(name, "percent");
		}

	}

	/**
	 * @param x column on the x axis
	 * @param series column whose values make the series (a pivot), or null for one series
	 * @param value the column charted
	 */
	record Chart(String x, String series, String value) {
	}

	/**
	 * A report's result; {@code totals} marks the city-wide total rows.
	 */
	public record ReportTable(Report report, String title, List<String> headers, List<List<Object>> rows,
			List<Boolean> totals) {

		public String key() {
			return this.report.key();
		}

		public List<Column> columns() {
			return this.report.columns();
		}

	}

}
