package cn.jiangmen.vethub.normalize;

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
		// a number cell's text is already the plain number Excel shows (ExcelNumber):
		// 1.3823456789E10 is 13823456789
		return normalize(c.text());
	}

	/** The digits of the (first) phone number in a text, {@code ""} when empty. */
	public static String normalize(String text) {
		if (Text.isBlank(text)) {
			return "";
		}
		String s = Text.nfkc(text);
		if (!hasListSeparator(s)) {
			return digits(s);
		}
		for (String part : LIST_SEPARATOR.split(s)) {
			String digits = digits(part);
			if (!digits.isEmpty()) {
				return digits;
			}
		}
		return "";
	}

	/** Whether the text holds one of the characters {@link #LIST_SEPARATOR} splits at. */
	private static boolean hasListSeparator(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '/' || c == ',' || c == ';' || c == '|' || c == '、' || c == '或') {
				return true;
			}
		}
		return false;
	}

	private static String digits(String s) {
		String plain = s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
		String d = onlyDigits(plain);
		if (d.length() == 13 && d.startsWith("86")) {
			return d.substring(2);
		}
		if (d.length() == 15 && d.startsWith("0086")) {
			return d.substring(4);
		}
		return d;
	}

	/** The ASCII digits of the text; the text itself when it has nothing else. */
	private static String onlyDigits(String s) {
		int first = 0;
		while (first < s.length() && s.charAt(first) >= '0' && s.charAt(first) <= '9') {
			first++;
		}
		if (first == s.length()) {
			return s;
		}
		StringBuilder b = new StringBuilder(s.length());
		b.append(s, 0, first);
		for (int i = first + 1; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= '0' && c <= '9') {
				b.append(c);
			}
		}
		return b.toString();
	}

}
