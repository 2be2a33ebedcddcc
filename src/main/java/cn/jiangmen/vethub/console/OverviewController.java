package cn.jiangmen.vethub.console;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The one-page 年度工作概况 (issue 15): the bureau's headline figures of one year side by side,
 * each read from the city-total rows of its {@code dw.v_report_*} view (never typed in),
 * with the date of the newest data of its base tables and a link to its report on the
 * reports page. Counts only, no personal data: VIEWER may see it.
 */
@Controller
class OverviewController {

	private final JdbcTemplate jdbc;

	private final ConsoleProperties properties;

	OverviewController(JdbcTemplate jdbc, ConsoleProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@GetMapping("/overview")
	String overview(@RequestParam(required = false) String year, Model model) {
		int y = LocalDate.now(this.properties.timeZone()).getYear();
		if (year != null && !year.isBlank()) {
			if (!year.strip().matches("[0-9]{4}")) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "year: not a year");
			}
			y = Integer.parseInt(year.strip());
		}
		List<Card> cards = new ArrayList<>();
		Map<String, Object> persons = row(
				"SELECT coalesce(sum(persons), 0) AS n, count(DISTINCT category) AS d FROM dw.v_report_persons_by_county_category");
		List<String> byCategory = this.jdbc.query("""
				SELECT coalesce(category, '—') || ' ' || sum(persons) FROM dw.v_report_persons_by_county_category
				 GROUP BY category ORDER BY sum(persons) DESC, category NULLS LAST""", (rs, i) -> rs.getString(1));
		cards.add(new Card("persons", count(persons.get("n")), String.join(" · ", byCategory),
				newest("dw.person", "updated_at"), false));
		Map<String, Object> visits = row("""
				SELECT coalesce(max(visited_persons), 0) AS n, coalesce(max(persons), 0) AS d, max(coverage_pct) AS p
				  FROM dw.v_report_visit_coverage WHERE is_total""");
		cards.add(ratio("visit-coverage", visits, newest("dw.visit", "loaded_at"), false));
		Map<String, Object> money = row("""
				SELECT coalesce(sum(amount), 0) AS amount, coalesce(sum(payments), 0) AS n
				  FROM dw.v_report_assistance_by_category""");
		cards.add(new Card("assistance-by-category", String.format("%,.2f", (BigDecimal) money.get("amount")),
				count(money.get("n")), newest("dw.assistance_payment", "loaded_at"), false));
		cards.add(ratio("plaques", row("""
				SELECT coalesce(max(hung), 0) AS n, coalesce(max(eligible), 0) AS d, max(hung_pct) AS p
				  FROM dw.report_plaques(make_date(?, 1, 1), make_date(?, 12, 31)) WHERE is_total""", y, y),
				newest("dw.honour_plaque", "loaded_at"), true));
		cards.add(ratio("employment", row("""
				SELECT coalesce(max(employed), 0) AS n, coalesce(max(intending), 0) AS d, max(employment_pct) AS p
				  FROM dw.v_report_employment WHERE is_total AND report_year = ?""", y),
				newest("dw.job_placement", "loaded_at"), true));
		cards.add(ratio("adaptive-training", row("""
				SELECT coalesce(max(trained), 0) AS n, coalesce(max(discharged), 0) AS d, max(trained_pct) AS p
				  FROM dw.v_report_adaptive_training WHERE is_total AND report_year = ?""", y),
				newest("dw.adaptive_training", "loaded_at"), true));
		Map<String, Object> skills = row("""
				SELECT coalesce(sum(participants), 0) AS n, coalesce(sum(certified), 0) AS d
				  FROM dw.v_report_skills_training WHERE is_total AND report_year = ?""", y);
		cards.add(new Card("skills-training", count(skills.get("n")), count(skills.get("d")),
				newest("dw.skills_training", "loaded_at"), true));
		Map<String, Object> pairing = row("""
				SELECT coalesce(max(pairs), 0) AS n, coalesce(max(solved), 0) AS d, coalesce(max(new_pairs), 0) AS e
				  FROM dw.v_report_pairing WHERE is_total AND report_year = ?""", y);
		cards.add(new Card("pairing", count(pairing.get("n")), count(pairing.get("d")),
				later(newest("dw.pairing", "loaded_at"), newest("dw.pairing_solved", "loaded_at")), true));
		Map<String, Object> legal = row("""
				SELECT coalesce(max(cases), 0) AS n, coalesce(max(judicial_aid_cases), 0) AS d
				  FROM dw.v_report_legal_aid WHERE is_total AND report_year = ?""", y);
		cards.add(new Card("legal-aid", count(legal.get("n")), count(legal.get("d")),
				newest("dw.legal_aid_case", "loaded_at"), true));
		Map<String, Object> cadres = row(
				"""
						SELECT coalesce(max(cadres), 0) AS n FROM dw.v_report_village_cadres WHERE is_total AND report_year = ?""",
				y);
		cards.add(new Card("village-cadres", count(cadres.get("n")), null, newest("dw.village_cadre", "loaded_at"),
				true));
		// issue 15: volunteers and service stations (V97), their year (V102)
		Map<String, Object> volunteers = row(
				"""
						SELECT coalesce(max(volunteers), 0) AS n, coalesce(max(teams), 0) AS t, coalesce(max(activities), 0) AS a,
						       coalesce(max(volunteer_times), 0) AS p
						  FROM dw.report_volunteers(make_date(?, 1, 1), make_date(?, 12, 31)) WHERE is_total""",
				y, y);
		cards.add(new Card("volunteers", count(volunteers.get("n")),
				count(volunteers.get("t")) + " · " + count(volunteers.get("a")) + " · " + count(volunteers.get("p")),
				later(later(newest("dw.volunteer_team", "loaded_at"), newest("dw.volunteer", "loaded_at")),
						newest("dw.volunteer_activity", "loaded_at")),
				true));
		Map<String, Object> stations = row("""
				SELECT coalesce(max(towns_with_station), 0) AS n, coalesce(max(towns), 0) AS d,
				       max(town_coverage_pct) AS p, coalesce(max(village_stations), 0) AS v
				  FROM dw.report_station_coverage(make_date(?, 1, 1), make_date(?, 12, 31)) WHERE is_total""", y, y);
		LocalDate stationsNewest = newest("dw.service_station", "loaded_at");
		cards.add(ratio("station-coverage", stations, stationsNewest, true));
		cards.add(new Card("village-stations", count(stations.get("v")), null, stationsNewest, true));
		// a year is empty when none of its yearly figures counts anything done in it
		long inYear = this.jdbc.queryForObject(
				"""
						SELECT (SELECT coalesce(sum(newly_hung), 0) FROM dw.report_plaques(make_date(?, 1, 1), make_date(?, 12, 31)) WHERE is_total)
						     + (SELECT coalesce(sum(placements), 0) FROM dw.v_report_employment WHERE is_total AND report_year = ?)
						     + (SELECT coalesce(sum(trained), 0) FROM dw.v_report_adaptive_training WHERE is_total AND report_year = ?)
						     + (SELECT coalesce(sum(person_times), 0) FROM dw.v_report_skills_training WHERE is_total AND report_year = ?)
						     + (SELECT coalesce(sum(new_pairs + solved), 0) FROM dw.v_report_pairing WHERE is_total AND report_year = ?)
						     + (SELECT coalesce(sum(cases), 0) FROM dw.v_report_legal_aid WHERE is_total AND report_year = ?)
						     + (SELECT coalesce(sum(activities), 0) FROM dw.report_volunteers(make_date(?, 1, 1), make_date(?, 12, 31)) WHERE is_total)""",
				Number.class, y, y, y, y, y, y, y, y, y)
			.longValue();
		// a String: MessageFormat would write 2025 as 2,025
		model.addAttribute("year", String.valueOf(y));
		model.addAttribute("cards", cards);
		model.addAttribute("emptyYear", inYear == 0);
		return "overview";
	}

	private Map<String, Object> row(String sql, Object... args) {
		return this.jdbc.queryForMap(sql, args);
	}

	private Card ratio(String key, Map<String, Object> row, LocalDate newest, boolean yearly) {
		Object pct = row.get("p");
		return new Card(key, (pct == null) ? "—" : ((BigDecimal) pct).stripTrailingZeros().toPlainString() + " %",
				count(row.get("n")) + "/" + count(row.get("d")), newest, yearly);
	}

	private static String count(Object n) {
		return String.valueOf(((Number) n).longValue());
	}

	/** The day (in the bureau's time zone) of the newest row of a base table. */
	private LocalDate newest(String table, String column) {
		Date day = this.jdbc.queryForObject("SELECT (max(" + column + ") AT TIME ZONE ?)::date FROM " + table,
				Date.class, this.properties.timeZone().getId());
		return (day == null) ? null : day.toLocalDate();
	}

	private static LocalDate later(LocalDate a, LocalDate b) {
		return (a == null) ? b : ((b == null || a.isAfter(b)) ? a : b);
	}

	/**
	 * A headline figure: its report key (also its message key and the anchor of its
	 * report), the figure, a detail (numerator/denominator or a second count), the day of
	 * its newest data (null: no data) and whether it is of the chosen year.
	 */
	public record Card(String key, String value, String detail, LocalDate newest, boolean yearly) {
	}

}
