package cn.jiangmen.vethub.ingest;

import java.text.Normalizer;

/**
 * The comparable form of a header cell: NFKC (full-width brackets and letters become
 * ASCII), all whitespace removed (spaces, NBSP, U+3000, line breaks typed with
 * Alt+Enter), required-field stars dropped and letters lower-cased, so
 * {@code "救助金额\n（元）"} and {@code "救助金额(元)"} compare equal.
 */
public final class HeaderText {

	private HeaderText() {
	}

	public static String key(String header) {
		if (header == null) {
			return "";
		}
		String s = Normalizer.normalize(header, Normalizer.Form.NFKC);
		StringBuilder sb = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '*' || c == '\uFEFF') {
				continue;
			}
			sb.append(Character.toLowerCase(c));
		}
		return sb.toString();
	}

}
