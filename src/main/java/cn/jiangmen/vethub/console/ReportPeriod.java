package cn.jiangmen.vethub.console;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a report covers, as the reports page and its exports take it from the
 * address: every day ({@code ALL}), a year ({@code ?period=year&year=2026}), a month
 * ({@code ?period=month&month=2026-11}) or a range of days, both ends included
 * ({@code ?period=range&from=2026-11-15&to=2026-12-15}). Without {@code period} the kind
 * is the one whose value is given ({@code ?year=2026} is the year, as before). Pure: no
 * Spring.
 *
 * @param kind which kind of period
 * @param from its first day, null for {@code ALL}
 * @param to its last day, null for {@code ALL}
 */
record ReportPeriod(Kind kind, LocalDate from, LocalDate to) {

	static final ReportPeriod ALL = new ReportPeriod(Kind.ALL, null, null);

	private static final Pattern YEAR = Pattern.compile("[0-9]{4}");

	private static final Pattern MONTH = Pattern.compile("([0-9]{4})-([0-9]{1,2})");

	private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

	enum Kind {

		ALL, YEAR, MONTH, RANGE

	}

	static ReportPeriod year(int year) {
		return new ReportPeriod(Kind.YEAR, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
	}

	static ReportPeriod month(YearMonth month) {
		return new ReportPeriod(Kind.MONTH, month.atDay(1), month.atEndOfMonth());
	}

	/**
	 * The period of the parameters; blank values count as not given. A value that cannot
	 * be used is a {@link BadPeriod} naming what is wrong (its message code and the
	 * value).
	 */
	static ReportPeriod parse(String period, String year, String month, String from, String to) {
		String p = blankToNull(period);
		String y = blankToNull(year);
		String m = blankToNull(month);
		String f = blankToNull(from);
		String t = blankToNull(to);
		if (p == null) {
			int given = ((y != null) ? 1 : 0) + ((m != null) ? 1 : 0) + ((f != null || t != null) ? 1 : 0);
			if (given > 1) {
				throw new BadPeriod("reports.period.error.several", "");
			}
			p = (y != null) ? "year" : (m != null) ? "month" : (f != null || t != null) ? "range" : "all";
		}
		return switch (p) {
			case "all" -> ALL;
			case "year" -> year(parseYear(y));
			case "month" -> month(parseMonth(m));
			case "range" -> range(f, t);
			default -> throw new BadPeriod("reports.period.error.kind", p);
		};
	}

	private static int parseYear(String year) {
		if (year == null) {
			throw new BadPeriod("reports.period.error.year-missing", "");
		}
		if (!YEAR.matcher(year).matches() || Integer.parseInt(year) < 1949 || Integer.parseInt(year) > 2100) {
			throw new BadPeriod("reports.period.error.year", year);
		}
		return Integer.parseInt(year);
	}

	private static YearMonth parseMonth(String month) {
		if (month == null) {
			throw new BadPeriod("reports.period.error.month-missing", "");
		}
		Matcher matcher = MONTH.matcher(month);
		if (!matcher.matches()) {
			throw new BadPeriod("reports.period.error.month", month);
		}
		int y = Integer.parseInt(matcher.group(1));
		int m = Integer.parseInt(matcher.group(2));
		if (m < 1 || m > 12 || y < 1949 || y > 2100) {
			throw new BadPeriod("reports.period.error.month", month);
		}
		return YearMonth.of(y, m);
	}

	private static ReportPeriod range(String from, String to) {
		if (from == null || to == null) {
			throw new BadPeriod("reports.period.error.range-end", "");
		}
		LocalDate start = parseDay(from);
		LocalDate end = parseDay(to);
		if (start.isAfter(end)) {
			throw new BadPeriod("reports.period.error.reversed", from + " > " + to);
		}
		return new ReportPeriod(Kind.RANGE, start, end);
	}

	private static LocalDate parseDay(String day) {
		if (!DAY.matcher(day).matches()) {
			throw new BadPeriod("reports.period.error.day", day);
		}
		try {
			LocalDate date = LocalDate.parse(day);
			if (date.getYear() < 1949 || date.getYear() > 2100) {
				throw new BadPeriod("reports.period.error.day", day);
			}
			return date;
		}
		catch (DateTimeException ex) {
			throw new BadPeriod("reports.period.error.day", day);
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * The year of a {@code YEAR} period, else null: the value of the {@code year} input.
	 */
	public Integer year() {
		return (this.kind == Kind.YEAR) ? this.from.getYear() : null;
	}

	/** The value of the {@code month} input: {@code 2026-11}, or null. */
	public String month() {
		return (this.kind == Kind.MONTH) ? YearMonth.from(this.from).toString() : null;
	}

	/**
	 * The message code and arguments that name the period
	 * ({@code reports.period.label.*}): the year, the year and month, or the two days.
	 */
	List<Object> labelArgs() {
		return switch (this.kind) {
			case ALL -> List.of();
			case YEAR -> List.of(String.valueOf(this.from.getYear()));
			case MONTH -> List.of(String.valueOf(this.from.getYear()), String.valueOf(this.from.getMonthValue()));
			case RANGE -> List.of(this.from.toString(), this.to.toString());
		};
	}

	String labelCode() {
		return "reports.period.label." + this.kind.name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * The address parameters that give this period back (for links and exports): none for
	 * {@code ALL}; the kind follows from which is given, so {@code period} is left out.
	 */
	Map<String, String> parameters() {
		Map<String, String> out = new LinkedHashMap<>();
		switch (this.kind) {
			case ALL -> {
			}
			case YEAR -> out.put("year", String.valueOf(this.from.getYear()));
			case MONTH -> out.put("month", month());
			case RANGE -> {
				out.put("from", this.from.toString());
				out.put("to", this.to.toString());
			}
		}
		return out;
	}

	/**
	 * A period parameter that cannot be used: {@code code} is the message saying why,
	 * {@code value} the value as given (shown back to the user).
	 */
	static final class BadPeriod extends IllegalArgumentException {

		private final String code;

		private final String value;

		BadPeriod(String code, String value) {
			super(code + ": " + value);
			this.code = code;
			this.value = value;
		}

		String code() {
			return this.code;
		}

		String value() {
			return this.value;
		}

	}

}
