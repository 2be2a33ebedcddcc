package cn.jiangmen.vethub.normalize;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reduces a phone number to its digits: {@code 138-2345-6789}, {@code 138 2345 6789},
 * {@code +86 138 2345 6789} and numeric cells ({@code 13823456789},
 * {@code 1.3823456789E10}) all become {@code 13823456789}; a landline keeps its area code
 * ({@code 0750-1234567} becomes {@code 07501234567}). The country prefix 86 (or 0086) is
 * dropped from a 13 (or 15) digit number. Where a cell lists several numbers
 * ({@code 13823456789/13912345678}, {@code 、}, {@code ，}, {@code ；}, {@code 或}) the first
 * is kept, rather than gluing them into one long number. Phones are not validated
 * further: an odd number is still the number the county gave.
 */
public final class PhoneNormalizer {

	private static final Pattern LIST_SEPARATOR = Pattern.compile("[/,;|、]|或");

	private PhoneNormalizer() {
	}

	/** The digits of the (first) phone number in the cell, {@code ""} when empty. */
	public static String normalize(RawCell c) {
		if (c == null || c.isBlank()) {
			return "";
		}
		if (c.kind() == CellKind.NUMBER) {
			try {
				return digits(new BigDecimal(Text.compact(c.text())).toPlainString());
			}
			catch (NumberFormatException ex) {
				// not a number after all: read it as text
			}
		}
		return normalize(c.text());
	}

	/** The digits of the (first) phone number in a text, {@code ""} when empty. */
	public static String normalize(String text) {
		if (Text.isBlank(text)) {
			return "";
		}
		for (String part : LIST_SEPARATOR.split(Text.nfkc(text))) {
			String digits = digits(part);
			if (!digits.isEmpty()) {
				return digits;
			}
		}
		return "";
	}

	private static String digits(String s) {
		String plain = s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
		StringBuilder b = new StringBuilder(plain.length());
		plain.chars().filter((ch) -> ch >= '0' && ch <= '9').forEach((ch) -> b.append((char) ch));
		String d = b.toString();
		if (d.length() == 13 && d.startsWith("86")) {
			return d.substring(2);
		}
		if (d.length() == 15 && d.startsWith("0086")) {
			return d.substring(4);
		}
		return d;
	}

}
