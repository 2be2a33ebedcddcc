package cn.jiangmen.vethub.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names the hub makes from the name of a file it was sent: the feedback file
 * ({@code <name>.回执.csv}) and the name a file is archived or refused under. The sender's
 * name is used as it is whenever it can be: it holds no control character (C0, DEL, C1:
 * not even a tab), no backslash or slash, and the derived name fits in the
 * {@value #MAX_BYTES} bytes (UTF-8) that Linux and Windows allow a file name. Else the
 * derived name is the sender's name with each such character replaced by {@code _}, cut
 * at a character boundary so that it fits, followed by {@code ~} and the first 8 hex
 * digits of the SHA-256 of the real name (so two long names that differ only at their
 * ends get two names) and the name's extension. The real name stays in the run ledger
 * and, with its control characters written as {@code \xHH}, in the feedback file
 * ({@link #printable}). Pure logic.
 */
public final class SafeFileName {

	/** The longest file name, in bytes, that the file systems the hub runs on allow. */
	public static final int MAX_BYTES = 255;

	/** An extension longer than this is not kept apart when a name is cut. */
	private static final int MAX_EXTENSION = 10;

	private SafeFileName() {
	}

	/**
	 * The name of the file {@code name + suffix}, or a safe name for it (see the class
	 * comment).
	 * @param name the sender's file name
	 * @param suffix what the hub adds after it ({@code ""} for a moved file)
	 */
	public static String of(String name, String suffix) {
		if (isPlain(name) && utf8Length(name + suffix) <= MAX_BYTES) {
			return name + suffix;
		}
		String clean = replaceUnsafe(name);
		int dot = clean.lastIndexOf('.');
		String extension = (dot > 0 && clean.length() - dot <= MAX_EXTENSION) ? clean.substring(dot) : "";
		String stem = clean.substring(0, clean.length() - extension.length());
		String tag = "~" + hash8(name);
		int room = MAX_BYTES - utf8Length(tag + extension + suffix);
		return cut(stem, room) + tag + extension + suffix;
	}

	/**
	 * The name for logs and for the inside of feedback files: control characters written
	 * as {@code \xHH}, so that a line break cannot forge a log line and an escape
	 * character cannot drive a terminal.
	 */
	public static String printable(String name) {
		if (name == null) {
			return null;
		}
		StringBuilder b = null;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (isControl(c)) {
				if (b == null) {
					b = new StringBuilder(name.length() + 8).append(name, 0, i);
				}
				b.append(String.format("\\x%02X", (int) c));
			}
			else if (b != null) {
				b.append(c);
			}
		}
		return (b != null) ? b.toString() : name;
	}

	/** Whether the name can be used as it is (ignoring its length). */
	static boolean isPlain(String name) {
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (isControl(c) || c == '\\' || c == '/') {
				return false;
			}
		}
		return !name.isEmpty() && !name.equals(".") && !name.equals("..");
	}

	/** Every C0 and C1 control and DEL, the whitespace ones (tab, line feed) too. */
	private static boolean isControl(char c) {
		return c < 0x20 || (c >= 0x7F && c <= 0x9F);
	}

	private static String replaceUnsafe(String name) {
		StringBuilder b = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			b.append((isControl(c) || c == '\\' || c == '/') ? '_' : c);
		}
		String s = b.toString();
		return (s.isEmpty() || s.equals(".") || s.equals("..")) ? "_" : s;
	}

	/** The longest start of {@code s} of at most {@code bytes} UTF-8 bytes. */
	private static String cut(String s, int bytes) {
		int used = 0;
		int i = 0;
		while (i < s.length()) {
			int cp = s.codePointAt(i);
			int n = (cp < 0x80) ? 1 : (cp < 0x800) ? 2 : (cp < 0x10000) ? 3 : 4;
			if (used + n > bytes) {
				break;
			}
			used += n;
			i += Character.charCount(cp);
		}
		return s.substring(0, i);
	}

	static int utf8Length(String s) {
		return s.getBytes(StandardCharsets.UTF_8).length;
	}

	private static String hash8(String name) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
