package cn.jiangmen.vethub.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.ops.RejectReason;

/**
 * Reads a money amount exactly, as {@link BigDecimal} with scale 2 (never
 * {@code double}). Numeric cells are read as Excel shows them ({@link ExcelNumber}: the
 * stored {@code 1234.5699999999999} is 1234.57); texts as written, except a double
 * written at full precision ({@code 1234.5699999999999} in a CSV saved by a program),
 * which is read as Excel would show it ({@link ExcelNumber#ofText(String)}). Texts (after
 * NFKC, so {@code ￥} and {@code ，} become {@code ¥} and {@code ,}) lose spaces, a leading
 * {@code ¥} and a trailing {@code 元}; {@code 万} or {@code 万元} multiplies by 10,000
 * ({@code 0.12万元} is 1200.00). Thousands separators must group by three
 * ({@code 1,200.50}); {@code 1,5} is refused rather than guessed. Negative, non-numeric
 * ({@code 待定}, {@code 壹仟元}, {@code 12O.00}) or finer than a fen (more than 2 decimals
 * after that rule and after scaling: {@code 12.345}) is {@code bad_amount}, quoting the
 * value (amounts are not personal data). Blank is {@code ok(null)}.
 */
public final class AmountNormalizer {

	private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

	private static final Pattern PLAIN = Pattern.compile("[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+");

	private static final Pattern GROUPED = Pattern.compile("[0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]*)?");

	private AmountNormalizer() {
	}

	/** The amount in a cell; {@code ok(null)} when blank. */
	public static Normalized<BigDecimal> amount(RawCell c) {
		if (c == null || c.isBlank()) {
			return Normalized.ok(null);
		}
		return switch (c.kind()) {
			case NUMBER -> {
				try {
					yield checked(new BigDecimal(c.text()), c.text());
				}
				catch (NumberFormatException ex) {
					yield bad("不是数字", c.text());
				}
			}
			case TEXT -> amount(c.text());
			default -> bad("不是金额", c.text());
		};
	}

	/** The amount in a text; {@code ok(null)} when blank. */
	public static Normalized<BigDecimal> amount(String text) {
		if (Text.isBlank(text)) {
			return Normalized.ok(null);
		}
		String s = Text.compact(text);
		boolean negative = false;
		if (s.startsWith("-") || s.startsWith("−")) {
			negative = true;
			s = s.substring(1);
		}
		if (s.startsWith("¥")) {
			s = s.substring(1);
		}
		if (s.startsWith("-")) {
			negative = true;
			s = s.substring(1);
		}
		BigDecimal multiplier = BigDecimal.ONE;
		if (s.endsWith("万元")) {
			multiplier = TEN_THOUSAND;
			s = s.substring(0, s.length() - 2);
		}
		else if (s.endsWith("万")) {
			multiplier = TEN_THOUSAND;
			s = s.substring(0, s.length() - 1);
		}
		else if (s.endsWith("元")) {
			s = s.substring(0, s.length() - 1);
		}
		if (GROUPED.matcher(s).matches()) {
			s = s.replace(",", "");
		}
		if (!PLAIN.matcher(s).matches()) {
			return bad("不是数字", text);
		}
		if (negative) {
			return bad("金额为负数", text);
		}
		return checked(ExcelNumber.ofText(s).multiply(multiplier), text);
	}

	private static Normalized<BigDecimal> checked(BigDecimal value, String text) {
		if (value.signum() < 0) {
			return bad("金额为负数", text);
		}
		BigDecimal stripped = value.stripTrailingZeros();
		if (stripped.scale() > 2) {
			return bad("小数超过两位（分）", text);
		}
		return Normalized.ok(value.setScale(2, RoundingMode.UNNECESSARY));
	}

	private static <T> Normalized<T> bad(String why, String text) {
		String s = Text.trimmed(text);
		String quoted = (s.length() > 40) ? s.substring(0, 40) + "…" : s;
		return Normalized.fail(RejectReason.BAD_AMOUNT, why + ": " + quoted);
	}

}
