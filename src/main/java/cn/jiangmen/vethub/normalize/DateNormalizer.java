package cn.jiangmen.vethub.normalize;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.ops.RejectReason;

/**
 * Reads dates and year-months as counties write them. Cells: date cells and numeric cells
 * as Excel serials (epoch 1899-12-30, the time of day dropped; serials below 61 follow
 * Excel's 1900 leap-year bug), and numeric cells typed as {@code 19900501} /
 * {@code 199005}. Texts (after NFKC, so full-width digits work): {@code 1990-5-1},
 * {@code 1990/5/1}, {@code 1990.05.01}, {@code 1990年5月1日}, {@code 19900501}, optionally
 * followed by a time ({@code 1990-05-01 00:00:00}); year-months {@code 1990-05},
 * {@code 1990/5}, {@code 1990.5}, {@code 1990年5月}, {@code 199005} or any full date. A
 * date that is not on the calendar ({@code 1990-02-30}), outside the years 1900-2100, or
 * unreadable is {@code invalid_date}, quoting the text (dates are not personal data).
 * Blank is {@code ok(null)}: whether a date is required is the caller's decision.
 */
public final class DateNormalizer {

	private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

	private static final int MIN_YEAR = 1900;

	private static final int MAX_YEAR = 2100;

	private static final Pattern TIME_SUFFIX = Pattern
		.compile("(?:\\s+|T)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?$");

	private static final Pattern YMD_SEPARATED = Pattern.compile("([0-9]{4})([-/.])([0-9]{1,2})\\2([0-9]{1,2})");

	private static final Pattern YMD_CHINESE = Pattern.compile("([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]?");

	private static final Pattern YMD_COMPACT = Pattern.compile("([0-9]{4})([0-9]{2})([0-9]{2})");

	private static final Pattern YM_SEPARATED = Pattern.compile("([0-9]{4})[-/.]([0-9]{1,2})");

	private static final Pattern YM_CHINESE = Pattern.compile("([0-9]{4})年([0-9]{1,2})月?");

	private static final Pattern YM_COMPACT = Pattern.compile("([0-9]{4})([0-9]{2})");

	private static final Pattern INTEGER = Pattern.compile("[0-9]+");

	private static final Pattern NUMERIC_YEAR_MONTH = Pattern.compile("([0-9]{4})\\.([0-9]{1,2})");

	private DateNormalizer() {
	}

	/** A date from a cell; {@code ok(null)} when blank. */
	public static Normalized<LocalDate> date(RawCell c) {
		if (c == null || c.isBlank()) {
			return Normalized.ok(null);
		}
		return switch (c.kind()) {
			case DATE -> serial(c.text());
			case NUMBER -> {
				String raw = Text.compact(c.text());
				yield (raw.length() == 8 && INTEGER.matcher(raw).matches()) ? date(raw) : serial(raw);
			}
			case TEXT -> date(c.text());
			default -> invalid(c.text());
		};
	}

	/** A date from text; {@code ok(null)} when blank. */
	public static Normalized<LocalDate> date(String text) {
		if (Text.isBlank(text)) {
			return Normalized.ok(null);
		}
		Normalized<LocalDate> plain = plainSeparated(text);
		if (plain != null) {
			return plain;
		}
		String s = Text.dropSpaces(TIME_SUFFIX.matcher(Text.trimmed(text)).replaceFirst(""));
		Matcher m;
		if ((m = YMD_SEPARATED.matcher(s)).matches()) {
			return of(text, m.group(1), m.group(3), m.group(4));
		}
		if ((m = YMD_CHINESE.matcher(s)).matches() || (m = YMD_COMPACT.matcher(s)).matches()) {
			return of(text, m.group(1), m.group(2), m.group(3));
		}
		return invalid(text);
	}

	/**
	 * A year-month from a cell (出生年月); {@code ok(null)} when blank. A numeric cell typed
	 * as {@code 1990.05} is read as a year-month, but {@code 1990.1} is refused: Excel
	 * stores January and October ({@code 1990.10}) alike.
	 */
	public static Normalized<YearMonth> yearMonth(RawCell c) {
		if (c == null || c.isBlank()) {
			return Normalized.ok(null);
		}
		return switch (c.kind()) {
			case DATE -> serial(c.text()).map(YearMonth::from);
			case NUMBER -> numericYearMonth(Text.compact(c.text()));
			case TEXT -> yearMonth(c.text());
			default -> invalid(c.text());
		};
	}

	/**
	 * A year-month from text; a full date is accepted and its year-month taken.
	 * {@code ok(null)} when blank.
	 */
	public static Normalized<YearMonth> yearMonth(String text) {
		if (Text.isBlank(text)) {
			return Normalized.ok(null);
		}
		String s = Text.dropSpaces(Text.trimmed(text));
		Matcher m;
		if ((m = YM_SEPARATED.matcher(s)).matches() || (m = YM_CHINESE.matcher(s)).matches()
				|| (m = YM_COMPACT.matcher(s)).matches()) {
			return ofMonth(text, m.group(1), m.group(2));
		}
		return date(text).map(YearMonth::from);
	}

	private static Normalized<YearMonth> numericYearMonth(String raw) {
		if (INTEGER.matcher(raw).matches() && (raw.length() == 6 || raw.length() == 8)) {
			return yearMonth(raw);
		}
		Matcher m = NUMERIC_YEAR_MONTH.matcher(raw);
		if (m.matches() && Integer.parseInt(m.group(1)) >= MIN_YEAR && Integer.parseInt(m.group(1)) <= MAX_YEAR) {
			if (m.group(2).equals("1")) {
				return Normalized.fail(RejectReason.INVALID_DATE,
						"数值单元格 " + raw + " 无法区分 1 月和 10 月，请以文本录入（如 " + m.group(1) + "-01 或 " + m.group(1) + "-10）");
			}
			return ofMonth(raw, m.group(1), m.group(2));
		}
		return serial(raw).map(YearMonth::from);
	}

	private static Normalized<LocalDate> serial(String text) {
		String raw = Text.compact(text);
		BigDecimal serial;
		try {
			serial = new BigDecimal(raw);
		}
		catch (NumberFormatException ex) {
			return invalid(text);
		}
		if (serial.signum() <= 0 || serial.compareTo(BigDecimal.valueOf(2_958_466)) >= 0) {
			return Normalized.fail(RejectReason.INVALID_DATE, "不是有效的 Excel 日期序号: " + raw);
		}
		long days = serial.longValue();
		if (days == 60) {
			return Normalized.fail(RejectReason.INVALID_DATE, "Excel 日期序号 60 是不存在的 1900-02-29");
		}
		// Excel counts 1900 as a leap year: serials before its phantom 29 February are
		// one day later.
		LocalDate date = (days < 60) ? EXCEL_EPOCH.plusDays(days + 1) : EXCEL_EPOCH.plusDays(days);
		return inRange(date, raw);
	}

	/**
	 * The date of a text that is exactly {@code yyyy-M-d}, {@code yyyy/M/d},
	 * {@code yyyy.M.d} (ASCII digits, month and day of one or two, no spaces, no time) or
	 * {@code yyyyMMdd}: the usual cell and the provincial {@code csrq}, read without the
	 * cleaning and the patterns {@link #date(String)} needs for the others. {@code null}
	 * for any other text, which is left to them.
	 */
	private static Normalized<LocalDate> plainSeparated(String text) {
		int n = text.length();
		if (n < 8 || n > 10) {
			return null;
		}
		if (n == 8) {
			// yyyyMMdd (the provincial csrq): YMD_COMPACT's shape
			int value = Text.asciiNumber(text, 0, 8);
			if (value >= 0) {
				return of(text, value / 10_000, value / 100 % 100, value % 100);
			}
		}
		int year = Text.asciiNumber(text, 0, 4);
		if (year < 0) {
			return null;
		}
		char separator = text.charAt(4);
		if (separator != '-' && separator != '/' && separator != '.') {
			return null;
		}
		int i = 5;
		int month = 0;
		while (i < n && i < 7 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
			month = month * 10 + (text.charAt(i++) - '0');
		}
		if (i == 5 || i == n || text.charAt(i) != separator) {
			return null;
		}
		int dayStart = ++i;
		int day = 0;
		while (i < n && i < dayStart + 2 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
			day = day * 10 + (text.charAt(i++) - '0');
		}
		if (i == dayStart || i != n) {
			return null;
		}
		return of(text, year, month, day);
	}

	private static Normalized<LocalDate> of(String text, String year, String month, String day) {
		return of(text, Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
	}

	private static Normalized<LocalDate> of(String text, int year, int month, int day) {
		try {
			LocalDate date = LocalDate.of(year, month, day);
			return inRange(date, text);
		}
		catch (DateTimeException ex) {
			return Normalized.fail(RejectReason.INVALID_DATE, "不是日历上的日期: " + quote(text));
		}
	}

	private static Normalized<YearMonth> ofMonth(String text, String year, String month) {
		try {
			YearMonth ym = YearMonth.of(Integer.parseInt(year), Integer.parseInt(month));
			if (ym.getYear() < MIN_YEAR || ym.getYear() > MAX_YEAR) {
				return Normalized.fail(RejectReason.INVALID_DATE, "年份不在 1900-2100 之间: " + quote(text));
			}
			return Normalized.ok(ym);
		}
		catch (DateTimeException ex) {
			return Normalized.fail(RejectReason.INVALID_DATE, "不是有效的年月: " + quote(text));
		}
	}

	private static Normalized<LocalDate> inRange(LocalDate date, String text) {
		if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
			return Normalized.fail(RejectReason.INVALID_DATE, "年份不在 1900-2100 之间: " + quote(text));
		}
		return Normalized.ok(date);
	}

	private static <T> Normalized<T> invalid(String text) {
		return Normalized.fail(RejectReason.INVALID_DATE, "无法识别的日期: " + quote(text));
	}

	private static String quote(String text) {
		String s = Text.trimmed(text);
		return (s.length() > 40) ? s.substring(0, 40) + "…" : s;
	}

}
