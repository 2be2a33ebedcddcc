package cn.jiangmen.vethub.normalize;

/**
 * Cleans a person's name as typed: all whitespace dropped (ASCII, tabs, NBSP, U+3000,
 * zero-width), and the look-alike middle dots of minority names ({@code •・．‧⋅･∙⸱}, the
 * full stop {@code .} and Greek ano teleia) mapped to the one middle dot {@code ·}
 * U+00B7. Characters outside the BMP (李𠮷祥) stay intact: every space and dot handled is
 * in the BMP, so the surrogate pairs are copied as they are. No NFKC here: it would
 * rewrite CJK compatibility ideographs that are part of some people's names.
 */
public final class NameNormalizer {

	public static final int MIDDLE_DOT = 0x00B7;

	private NameNormalizer() {
	}

	/** The cleaned name, {@code ""} when empty or {@code null}. */
	public static String normalize(String raw) {
		if (raw == null) {
			return "";
		}
		int first = 0;
		while (first < raw.length() && !Text.isSpace(raw.charAt(first)) && !isDotLike(raw.charAt(first))) {
			first++;
		}
		if (first == raw.length()) {
			return raw;
		}
		StringBuilder b = new StringBuilder(raw.length());
		b.append(raw, 0, first);
		for (int i = first; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (!Text.isSpace(c)) {
				b.append(isDotLike(c) ? (char) MIDDLE_DOT : c);
			}
		}
		return b.toString();
	}

	static boolean isDotLike(int cp) {
		return switch (cp) {
			case 0x2022, // • bullet
					0x30FB, // ・ katakana middle dot
					0xFF0E, // ． full-width full stop
					0x2027, // ‧ hyphenation point
					0x22C5, // ⋅ dot operator
					0xFF65, // ･ half-width katakana middle dot
					0x2219, // ∙ bullet operator
					0x2E31, // ⸱ word separator middle dot
					0x0387, // · Greek ano teleia
					0x002E -> // . full stop, typed on an ASCII keyboard
				true;
			default -> false;
		};
	}

}
