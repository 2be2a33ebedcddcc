package cn.jiangmen.vethub.normalize;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one rule by which a number stored as a binary double becomes a decimal: the value
 * Excel shows. Excel keeps a number cell as a double and writes it into the sheet XML
 * with up to 17 significant digits ({@code <v>1234.5699999999999</v>} for a cell that
 * shows 1,234.57, {@code 4567.8000000000002} for 4,567.80, {@code 4.4078419900101E+17}
 * for an ID typed as a number), but it shows and calculates with 15 significant digits.
 * So the stored text is parsed exactly (as a {@link BigDecimal}, never through a
 * {@code double}) and rounded to 15 significant digits, half away from zero as Excel's
 * display rounds ({@code 1.005} formatted {@code 0.00} shows {@code 1.01}); the result is
 * written plain, without exponent or trailing zeros ({@code 1234.57}, {@code 0.3},
 * {@code 13912345678}, {@code 440784199001010000}, {@code 46024}).
 * <p>
 * Texts (CSV cells, text typed into a cell) are not Excel numbers: a person who types
 * {@code 12.345} means it. Only a text with 16 or 17 significant digits that is exactly
 * how a program writes a double at full precision (the digits of {@code %.16g} or
 * {@code %.17g}, or the shortest digits that read back as the same double, as Java and
 * Python print it) is read as that double shown by Excel: see {@link #ofText(String)}.
 * Pure: no Spring, no state.
 */
public final class ExcelNumber {

	/** The precision Excel shows and calculates with. */
	public static final int SIGNIFICANT_DIGITS = 15;

	private static final MathContext EXCEL = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_UP);

	/** More digits than any double needs to be written back exactly. */
	private static final int DOUBLE_DIGITS = 17;

	private ExcelNumber() {
	}

	/**
	 * The number a stored cell text shows in Excel, written plain:
	 * {@code 1234.5699999999999} is {@code 1234.57}, {@code 1.3912345678E+10} is
	 * {@code 13912345678}, {@code 46023.999999999993} is {@code 46024}, {@code 1200.50}
	 * is {@code 1200.5}. A text that is not a number is returned unchanged, for the
	 * normalizers to refuse.
	 * @param stored the text of a number cell as stored in the file
	 * @return the shown text, never {@code null}
	 */
	public static String shown(String stored) {
		if (stored == null || isShownAlready(stored)) {
			return (stored != null) ? stored : "";
		}
		BigDecimal value = value(stored);
		return (value != null) ? value.toPlainString() : stored;
	}

	/**
	 * The value a stored cell text shows in Excel (see {@link #shown(String)}), without
	 * trailing zeros; {@code null} when the text is not a number.
	 * @param stored the text of a number cell as stored in the file
	 * @return the value rounded to 15 significant digits, or {@code null}
	 */
	public static BigDecimal value(String stored) {
		String s = Text.compact(stored);
		if (s.isEmpty()) {
			return null;
		}
		try {
			return rounded(new BigDecimal(s));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * The value of a plain decimal text ({@code [0-9]*.[0-9]*}, already cleaned of signs,
	 * currency and separators): exact, unless the text is a double written at full
	 * precision, which is read as Excel would show that double.
	 * {@code 1234.5699999999999} ({@code %.17g}), {@code 0.30000000000000004} (the
	 * shortest digits of {@code 0.1 + 0.2}) and {@code 4567.800000000000} ({@code %.16g})
	 * are rounded to 15 significant digits; {@code 12.345} and
	 * {@code 12.3400000000000001} (18 digits: no double is written so) stay as written.
	 * @param plain a text that {@link BigDecimal#BigDecimal(String)} reads
	 * @return its value, rounded to 15 significant digits only when it is a double's
	 * full-precision rendering
	 * @throws NumberFormatException when the text is not a decimal number
	 */
	public static BigDecimal ofText(String plain) {
		BigDecimal exact = new BigDecimal(plain);
		int digits = exact.stripTrailingZeros().precision();
		if (digits <= SIGNIFICANT_DIGITS || digits > DOUBLE_DIGITS || !isDoubleRendering(exact, plain)) {
			return exact;
		}
		return rounded(exact);
	}

	/**
	 * Whether the text names a double at full precision: the double nearest to it,
	 * written to as many significant digits as the text has (as {@code %.16g} and
	 * {@code %.17g} write it), or with its shortest round-trip digits, gives the text's
	 * digits back.
	 */
	private static boolean isDoubleRendering(BigDecimal exact, String plain) {
		double d = Double.parseDouble(plain);
		if (Double.isInfinite(d) || d == 0) {
			return false;
		}
		int written = exact.stripTrailingZeros().precision();
		BigDecimal atPrecision = new BigDecimal(d).round(new MathContext(written, RoundingMode.HALF_EVEN));
		return atPrecision.compareTo(exact) == 0 || new BigDecimal(Double.toString(d)).compareTo(exact) == 0;
	}

	private static BigDecimal rounded(BigDecimal exact) {
		BigDecimal value = exact.round(EXCEL).stripTrailingZeros();
		// 1E+1 and the like: keep the scale at zero or more, so the plain text has no
		// exponent and integers compare equal however they were written
		return (value.scale() < 0) ? value.setScale(0, RoundingMode.UNNECESSARY) : value;
	}

	/**
	 * Whether the text is already what {@link #value(String)} would write: an optional
	 * {@code -}, digits without a leading zero (or a single {@code 0}), optionally a
	 * point and digits not ending in {@code 0}, at most 15 significant digits. Most cells
	 * ({@code 1200.5}, {@code 13823456789}, {@code 32874}) are, and are taken without a
	 * {@link BigDecimal}.
	 */
	private static boolean isShownAlready(String s) {
		int n = s.length();
		int i = (n > 0 && s.charAt(0) == '-') ? 1 : 0;
		int start = i;
		int significant = 0;
		boolean leadingZeros = true;
		while (i < n && isDigit(s.charAt(i))) {
			if (s.charAt(i) != '0' || !leadingZeros) {
				leadingZeros = false;
				significant++;
			}
			i++;
		}
		int integerDigits = i - start;
		if (integerDigits == 0 || (integerDigits > 1 && s.charAt(start) == '0')) {
			return false;
		}
		if (i < n) {
			if (s.charAt(i) != '.' || i == n - 1 || s.charAt(n - 1) == '0') {
				return false;
			}
			i++;
			while (i < n && isDigit(s.charAt(i))) {
				if (s.charAt(i) != '0' || !leadingZeros) {
					leadingZeros = false;
					significant++;
				}
				i++;
			}
			if (i < n) {
				return false;
			}
		}
		else if (start == 1 && significant == 0) {
			return false; // -0
		}
		return significant <= SIGNIFICANT_DIGITS;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
