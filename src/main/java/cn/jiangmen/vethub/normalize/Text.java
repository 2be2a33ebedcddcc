package cn.jiangmen.vethub.normalize;

import java.text.Normalizer;

/**
 * The character-level cleaning shared by the normalizers: NFKC and a broad notion of
 * whitespace (every Unicode space separator, control whitespace, NBSP, U+3000 and the
 * zero-width characters Excel users paste in).
 */
public final class Text {

	private Text() {
	}

	static boolean isSpace(int cp) {
		return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x200B || cp == 0x200C || cp == 0x200D
				|| cp == 0x2060 || cp == 0xFEFF;
	}

	static boolean isBlank(String s) {
		if (s == null) {
			return true;
		}
		return s.codePoints().allMatch(Text::isSpace);
	}

	/**
	 * The text without any kind of whitespace (none of NBSP, U+3000 or the zero-width
	 * characters either).
	 */
	public static String dropSpaces(String s) {
		if (s == null) {
			return "";
		}
		StringBuilder b = new StringBuilder(s.length());
		s.codePoints().filter((cp) -> !isSpace(cp)).forEach(b::appendCodePoint);
		return b.toString();
	}

	static String nfkc(String s) {
		return (s != null) ? Normalizer.normalize(s, Normalizer.Form.NFKC) : "";
	}

	/**
	 * NFKC, then all whitespace dropped: the comparison key for codes, IDs and town
	 * names.
	 */
	public static String compact(String s) {
		return dropSpaces(nfkc(s));
	}

	/** NFKC, then every kind of space turned into an ASCII space and the ends trimmed. */
	static String trimmed(String s) {
		StringBuilder b = new StringBuilder();
		nfkc(s).codePoints().map((cp) -> isSpace(cp) ? ' ' : cp).forEach(b::appendCodePoint);
		return b.toString().trim();
	}

}
