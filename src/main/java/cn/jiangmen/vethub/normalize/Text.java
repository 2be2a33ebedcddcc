package cn.jiangmen.vethub.normalize;

import java.text.Normalizer;
import java.util.function.IntPredicate;

/**
 * The character-level cleaning shared by the normalizers: NFKC and a broad notion of
 * whitespace (every Unicode space separator, control whitespace, NBSP, U+3000 and the
 * zero-width characters Excel users paste in).
 * <p>
 * These run several times on every cell of every row, so they work char by char and
 * return their input unchanged, without allocating, when there is nothing to do. Going
 * char by char is the same as going by code point here: no whitespace character is
 * outside the BMP, and a surrogate is never whitespace.
 */
public final class Text {

	private Text() {
	}

	static boolean isSpace(int cp) {
		if (cp < 0x80) {
			// what the general rule below says for ASCII: space and the control
			// whitespace U+0009-U+000D and U+001C-U+001F
			return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
		}
		return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x200B || cp == 0x200C || cp == 0x200D
				|| cp == 0x2060 || cp == 0xFEFF;
	}

	/**
	 * The one rule for control characters in text that arrives from outside (every cell
	 * of every reader, every string of the provincial API): a control character (C0
	 * U+0000-U+001F, DEL U+007F, C1 U+0080-U+009F) is removed, unless it is one of the
	 * control whitespace characters {@link #isSpace} knows (tab, line feed, vertical tab,
	 * form feed, carriage return, U+001C-U+001F), which the normalizers already treat as
	 * spaces. A NUL or an escape character is never data: spreadsheets cannot show it,
	 * PostgreSQL refuses NUL in text, and a terminal obeys an escape sequence. The text
	 * itself is returned when it holds none, without allocating.
	 */
	public static String withoutControls(String s) {
		return (s != null) ? without(s, CONTROL) : null;
	}

	/** A control character that {@link #withoutControls} removes. */
	public static boolean isStrippedControl(char c) {
		if (c >= 0x20 && c < 0x7F) {
			return false;
		}
		return (c < 0x20 || (c >= 0x7F && c <= 0x9F)) && !isSpace(c);
	}

	static boolean isBlank(String s) {
		if (s == null) {
			return true;
		}
		for (int i = 0; i < s.length(); i++) {
			if (!isSpace(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The text without any kind of whitespace (none of NBSP, U+3000 or the zero-width
	 * characters either).
	 */
	public static String dropSpaces(String s) {
		return (s != null) ? without(s, SPACE) : "";
	}

	private static final IntPredicate CONTROL = (c) -> isStrippedControl((char) c);

	private static final IntPredicate SPACE = (c) -> isSpace((char) c);

	/**
	 * {@code s} without the characters {@code drop} matches; {@code s} itself if none.
	 */
	private static String without(String s, IntPredicate drop) {
		int first = 0;
		while (first < s.length() && !drop.test(s.charAt(first))) {
			first++;
		}
		if (first == s.length()) {
			return s;
		}
		StringBuilder b = new StringBuilder(s.length() - 1);
		b.append(s, 0, first);
		for (int i = first + 1; i < s.length(); i++) {
			char c = s.charAt(i);
			if (!drop.test(c)) {
				b.append(c);
			}
		}
		return b.toString();
	}

	/**
	 * NFKC. A text of only ASCII and CJK unified ideographs (U+3400-U+4DBF,
	 * U+4E00-U+9FFF), the usual cell, is returned as it is: none of those characters
	 * decomposes and no two of them compose, so NFKC leaves it unchanged.
	 */
	static String nfkc(String s) {
		if (s == null) {
			return "";
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= 0x80 && !isCjkUnified(c)) {
				return Normalizer.normalize(s, Normalizer.Form.NFKC);
			}
		}
		return s;
	}

	/**
	 * NFKC, then all whitespace dropped: the comparison key for codes, IDs and town
	 * names. A text of only ASCII without whitespace and CJK unified ideographs is its
	 * own key, found in one pass.
	 */
	public static String compact(String s) {
		if (s == null) {
			return "";
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if ((c < 0x80) ? isSpace(c) : !isCjkUnified(c)) {
				return dropSpaces(nfkc(s));
			}
		}
		return s;
	}

	/**
	 * Whether the character is a CJK unified ideograph of the BMP (U+3400-U+4DBF,
	 * U+4E00-U+9FFF): stable under NFKC, and never whitespace.
	 */
	private static boolean isCjkUnified(char c) {
		return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
	}

	/**
	 * The number the ASCII digits of {@code s} from {@code from} to {@code to} write (at
	 * most 9 of them), or -1 when any of those chars is not an ASCII digit: the parts of
	 * a fixed-shape date or ID number, read without {@link Integer#parseInt}'s signs and
	 * exceptions.
	 */
	public static int asciiNumber(String s, int from, int to) {
		int n = 0;
		for (int i = from; i < to; i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			n = n * 10 + (c - '0');
		}
		return n;
	}

	/** NFKC, then every kind of space turned into an ASCII space and the ends trimmed. */
	static String trimmed(String s) {
		String n = nfkc(s);
		int first = 0;
		while (first < n.length() && (n.charAt(first) == ' ' || !isSpace(n.charAt(first)))) {
			first++;
		}
		if (first == n.length()) {
			return n.trim();
		}
		StringBuilder b = new StringBuilder(n.length());
		b.append(n, 0, first);
		for (int i = first; i < n.length(); i++) {
			char c = n.charAt(i);
			b.append(isSpace(c) ? ' ' : c);
		}
		return b.toString().trim();
	}

}
