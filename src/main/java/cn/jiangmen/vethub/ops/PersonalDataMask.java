package cn.jiangmen.vethub.ops;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import cn.jiangmen.vethub.normalize.IdCardNormalizer;
import cn.jiangmen.vethub.normalize.Text;

/**
 * The one place where personal data is masked: for logs, error messages, feedback files
 * and everyone who reads the console or the API without asking for full values. Pure
 * functions.
 * <ul>
 * <li>An ID number keeps only its region, the first 6 characters
 * ({@code 440784************}): the 8 birth-date characters, the sequence and the check
 * digit are all hidden, so that even with the birth year shown beside it some 366,000
 * numbers remain possible (see docs/console.md).</li>
 * <li>A name keeps its first character ({@code 李**}); a phone the 4 digits before its
 * last 4 masked ({@code 139****5678}); a birth date only its year ({@code 1985-**-**},
 * also from an Excel serial such as {@code 22774.0}).</li>
 * <li>Any text, whatever its column, is scanned ({@link #text}): ID numbers (18
 * characters with a valid check digit or a valid birth date, the old 15-digit form,
 * full-width digits, digits split by spaces or hyphens, a spreadsheet's
 * {@code 4.40784E+17}), mobile and landline phones, a name after a word such as 联系人 or
 * 户主, and a date after a word such as 出生 are masked where they stand.</li>
 * <li>A rejected row is masked column by column ({@link #row}) by each column's
 * {@link Role}, as the source's mapping or header synonyms declare it
 * ({@link ColumnRoles}).</li>
 * </ul>
 */
public final class PersonalDataMask {

	/** What a column of a sender's table holds, for masking. */
	public enum Role {

		/** An ID number: masked to its region. */
		ID_CARD,
		/** A person's name: first character kept. */
		NAME,
		/** A phone: the 4 digits before the last 4 masked. */
		PHONE,
		/** A birth date or month: the year only. */
		BIRTH_DATE,
		/** Anything else: scanned for IDs, phones, names and birth dates. */
		TEXT

	}

	private static final Pattern SCIENTIFIC_ID = Pattern.compile("\\d\\.\\d+[Ee]\\+?1[4-7]");

	private static final String NOT_A_NAME = "(?!空|为|是|不|无|未|有误|错误|缺|应|与|和|的|电话|手机|身份|证件|号码|姓名|名字|关系|信息|填写|本人)";

	/** A name after a word that announces one: 联系人李四, 户主：王五. */
	private static final Pattern CUED_NAME = Pattern
		.compile("(?:紧急联系人|联系人|户主|姓名|家属|配偶|妻子|丈夫|父亲|母亲|儿子|女儿|监护人|代领人|领款人|收款人|经办人|申请人|被保险人|投保人|受益人)"
				+ "[\\s:：]*(?:[为是叫][\\s:：]*)?" + NOT_A_NAME + "([\\p{IsHan}][\\p{IsHan}·•]{1,4})");

	/** A date after a word that makes it a birth date: 出生日期（csrq）19850312. */
	private static final Pattern CUED_BIRTH_DATE = Pattern.compile(
			"(?i:出生|生日|生于|csrq|birth|dob)[^0-9\\n]{0,16}?((?:19|20)\\d\\d)((?:[-/.年]\\d{1,2}(?:[-/.月]\\d{1,2}日?)?)|\\d{4}|\\d{2}(?!\\d))");

	private static final int MAX_CHUNKS = 8;

	private static final Pattern SERIAL = Pattern.compile("(\\d{1,5})(?:\\.\\d+)?");

	private static final Pattern YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)");

	private PersonalDataMask() {
	}

	/**
	 * ID numbers keep their region, the first 6 characters: {@code 440703************}. A
	 * value too short to be an ID (a mangled one, say) keeps no more than its first half,
	 * and never more than 6 characters.
	 */
	public static String idCard(String id) {
		if (id == null || id.isEmpty()) {
			return id;
		}
		int n = id.codePointCount(0, id.length());
		int keep = (n < 15) ? Math.min(6, n / 2) : 6;
		int cut = id.offsetByCodePoints(0, keep);
		return id.substring(0, cut) + "*".repeat(n - keep);
	}

	/**
	 * Names keep their first character: {@code 李**}. Characters outside the BMP count as
	 * one.
	 */
	public static String name(String name) {
		if (name == null || name.isEmpty()) {
			return name;
		}
		int n = name.codePointCount(0, name.length());
		int first = name.offsetByCodePoints(0, 1);
		return name.substring(0, first) + "*".repeat(Math.max(1, n - 1));
	}

	/**
	 * Phones: the 4 digits before the last 4 are masked ({@code 139****5678},
	 * {@code 075****4567}, {@code 139-****-5678}: separators stay); a number of fewer
	 * than 11 digits, too short to say which part is which, is masked whole.
	 */
	public static String phone(String phone) {
		if (phone == null || phone.isEmpty()) {
			return phone;
		}
		int digits = 0;
		for (int i = 0; i < phone.length(); i++) {
			if (isDigit(phone.charAt(i))) {
				digits++;
			}
		}
		StringBuilder b = new StringBuilder(phone.length());
		int seen = 0;
		for (int i = 0; i < phone.length(); i++) {
			char c = phone.charAt(i);
			if (isDigit(c)) {
				seen++;
				boolean hidden = digits < 11 || (seen > digits - 8 && seen <= digits - 4);
				b.append(hidden ? '*' : c);
			}
			else {
				b.append(c);
			}
		}
		return b.toString();
	}

	/**
	 * A birth date reduced to its year: {@code 1985-03-12}, {@code 19850312},
	 * {@code 1985年3月12日} and an Excel serial ({@code 31118}, {@code 22774.0}) become
	 * {@code 1985-**-**} (a month {@code 1985.03}: {@code 1985-**}); a value with no
	 * readable year is masked whole.
	 */
	public static String birthDate(String value) {
		if (value == null || value.isBlank()) {
			return value;
		}
		String v = Text.compact(value);
		Matcher serial = SERIAL.matcher(v);
		if (serial.matches() && serial.group(1).length() != 4) {
			// an Excel date cell read as its serial number (days since 1899-12-30)
			return LocalDate.of(1899, 12, 30).plusDays(Integer.parseInt(serial.group(1))).getYear() + "-**-**";
		}
		Matcher year = YEAR.matcher(v);
		if (year.find()) {
			String rest = v.substring(year.end()).replaceAll("\\D+", "");
			if (rest.isEmpty()) {
				return year.group(1);
			}
			boolean monthOnly = rest.length() <= 2 && !v.matches(".*[日号]$");
			return year.group(1) + (monthOnly ? "-**" : "-**-**");
		}
		return "*".repeat(value.strip().length());
	}

	/** A value masked by the role of its column; every text is scanned as well. */
	public static Object value(Role role, Object value) {
		if (value == null) {
			return null;
		}
		String text = String.valueOf(value);
		if (text.isBlank()) {
			return value;
		}
		return switch (role) {
			case ID_CARD -> idCard(Text.compact(text));
			case NAME -> name(Text.dropSpaces(text).strip());
			case PHONE -> phone(text.strip());
			case BIRTH_DATE -> birthDate(text);
			case TEXT -> SCIENTIFIC_ID.matcher(Text.compact(text)).matches() ? idCard(Text.compact(text)) : text(text);
		};
	}

	/**
	 * A rejected row's raw values masked column by column, in their order. The row's own
	 * names (the values of its name columns) are masked wherever else they stand in it,
	 * as in a visit's notes 看望黄小明.
	 * @param raw header to value, as stored
	 * @param roleOf the role of each header (see {@link ColumnRoles#roleOf})
	 */
	public static Map<String, Object> row(Map<String, ?> raw, Function<String, Role> roleOf) {
		if (raw == null) {
			return Map.of();
		}
		List<String> names = namesIn(raw, roleOf);
		Map<String, Object> masked = new LinkedHashMap<>();
		raw.forEach((header, value) -> {
			Role role = roleOf.apply(header);
			Object m = value(role, value);
			masked.put(header, (role == Role.TEXT && m instanceof String text) ? names(text, names) : m);
		});
		return masked;
	}

	/** The names a row holds in its name columns (two characters or more). */
	public static List<String> namesIn(Map<String, ?> raw, Function<String, Role> roleOf) {
		List<String> names = new ArrayList<>();
		if (raw != null) {
			raw.forEach((header, value) -> {
				if (value != null && roleOf.apply(header) == Role.NAME) {
					String name = Text.dropSpaces(String.valueOf(value)).strip();
					if (name.codePointCount(0, name.length()) >= 2) {
						names.add(name);
					}
				}
			});
		}
		return names;
	}

	/**
	 * A text scanned as {@link #text(String)} does, and each of the given names masked
	 * where it stands.
	 */
	public static String text(String text, List<String> names) {
		return names(text(text), names);
	}

	private static String names(String text, List<String> names) {
		if (text == null || names.isEmpty()) {
			return text;
		}
		String result = text;
		for (String name : names) {
			result = result.replace(name, name(name));
		}
		return result;
	}

	/**
	 * A key for display in place of one that is derived from an ID number (a partner's
	 * date + ID + item): the first 16 hex digits of its HMAC-SHA256 under the
	 * installation's secret, so that the same record shows the same key and nobody
	 * without the secret can try IDs against it.
	 */
	public static String keyPseudonym(byte[] secret, String key) {
		if (key == null || key.isEmpty()) {
			return key;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return "#" + HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A text with every ID number, phone, announced name and announced birth date in it
	 * masked where it stands; everything else (amounts, dates, serial numbers) is left as
	 * written.
	 */
	public static String text(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		char[] norm = new char[text.length()];
		boolean anyDigit = false;
		for (int i = 0; i < norm.length; i++) {
			norm[i] = fold(text.charAt(i));
			anyDigit |= isDigit(norm[i]);
		}
		char[] out = text.toCharArray();
		String folded = new String(norm);
		if (anyDigit) {
			maskNumbers(norm, out);
			Matcher sci = SCIENTIFIC_ID.matcher(folded);
			while (sci.find()) {
				String masked = idCard(folded.substring(sci.start(), sci.end()));
				masked.getChars(0, masked.length(), out, sci.start());
			}
			Matcher birth = CUED_BIRTH_DATE.matcher(folded);
			while (birth.find()) {
				for (int i = birth.start(2); i < birth.end(2); i++) {
					if (isDigit(norm[i])) {
						out[i] = '*';
					}
				}
			}
		}
		Matcher name = CUED_NAME.matcher(folded);
		while (name.find()) {
			int from = name.start(1);
			int first = Character.charCount(folded.codePointAt(from));
			for (int i = from + first; i < name.end(1); i++) {
				if (!Character.isLowSurrogate(out[i])) {
					out[i] = '*';
				}
				else {
					out[i - 1] = '*';
					out[i] = '\0';
				}
			}
		}
		return new String(out).replace("\0", "");
	}

	/**
	 * Finds groups of digits (chunks split by single spaces or hyphens) and masks those
	 * chunks, or runs of consecutive chunks, that read as an ID number or a phone.
	 */
	private static void maskNumbers(char[] norm, char[] out) {
		int n = norm.length;
		int i = 0;
		while (i < n) {
			if (!isDigit(norm[i]) || (i > 0 && isDigit(norm[i - 1]))) {
				i++;
				continue;
			}
			List<int[]> chunks = new ArrayList<>();
			int j = i;
			while (true) {
				int start = j;
				while (j < n && isDigit(norm[j])) {
					j++;
				}
				if (j < n && norm[j] == 'X' && endsSeventeenDigits(chunks, j - start)) {
					j++;
				}
				chunks.add(new int[] { start, j });
				if (j + 1 < n && isSeparator(norm[j]) && isDigit(norm[j + 1]) && chunks.size() < 4 * MAX_CHUNKS) {
					j++;
					continue;
				}
				break;
			}
			maskChunks(norm, out, chunks);
			i = j;
		}
	}

	/**
	 * Whether a chunk of {@code last} digits, with some of the chunks before it, makes 17
	 * digits: an X after it is then an ID number's check digit.
	 */
	private static boolean endsSeventeenDigits(List<int[]> chunks, int last) {
		int sum = last;
		for (int c = chunks.size() - 1; c >= 0 && sum < 17; c--) {
			sum += chunks.get(c)[1] - chunks.get(c)[0];
		}
		return sum == 17;
	}

	private static void maskChunks(char[] norm, char[] out, List<int[]> chunks) {
		int a = 0;
		while (a < chunks.size()) {
			int found = -1;
			Kind kind = null;
			for (int b = Math.min(chunks.size() - 1, a + MAX_CHUNKS - 1); b >= a && found < 0; b--) {
				kind = kindOf(digits(norm, chunks, a, b));
				if (kind != null) {
					found = b;
				}
			}
			if (found >= 0) {
				hide(norm, out, chunks.get(a)[0], chunks.get(found)[1], kind);
				a = found + 1;
			}
			else {
				embeddedIds(norm, out, chunks.get(a)[0], chunks.get(a)[1]);
				a++;
			}
		}
	}

	/**
	 * ID numbers with a valid check digit inside a longer run of digits (two numbers
	 * written without a space between them).
	 */
	private static void embeddedIds(char[] norm, char[] out, int start, int end) {
		int p = start;
		while (p + 18 <= end && end - start > 18) {
			String candidate = new String(norm, p, 18);
			if (candidate.substring(0, 17).chars().allMatch(PersonalDataMask::isDigit)
					&& IdCardNormalizer.checkDigit(candidate.substring(0, 17)) == candidate.charAt(17)) {
				hide(norm, out, p, p + 18, Kind.ID);
				p += 18;
			}
			else {
				p++;
			}
		}
	}

	private enum Kind {

		ID, PHONE

	}

	private static String digits(char[] norm, List<int[]> chunks, int a, int b) {
		StringBuilder s = new StringBuilder();
		for (int c = a; c <= b; c++) {
			s.append(norm, chunks.get(c)[0], chunks.get(c)[1] - chunks.get(c)[0]);
		}
		return s.toString();
	}

	/** What a run of digits is, or null. */
	private static Kind kindOf(String d) {
		int n = d.length();
		if (n == 18 && isId18(d)) {
			return Kind.ID;
		}
		if (n == 15 && d.chars().allMatch(PersonalDataMask::isDigit) && d.charAt(0) >= '1' && d.charAt(0) <= '8'
				&& validDate("19" + d.substring(6, 12))) {
			return Kind.ID;
		}
		if (d.indexOf('X') >= 0) {
			return null;
		}
		if (n == 11 && d.charAt(0) == '1' && d.charAt(1) >= '3') {
			return Kind.PHONE;
		}
		if (n == 13 && d.startsWith("86") && d.charAt(2) == '1' && d.charAt(3) >= '3') {
			return Kind.PHONE;
		}
		if (n == 15 && d.startsWith("0086") && d.charAt(4) == '1') {
			return Kind.PHONE;
		}
		if (n >= 10 && n <= 12 && d.charAt(0) == '0' && d.charAt(1) != '0') {
			return Kind.PHONE;
		}
		return null;
	}

	private static boolean isId18(String d) {
		for (int i = 0; i < 17; i++) {
			if (!isDigit(d.charAt(i))) {
				return false;
			}
		}
		char last = d.charAt(17);
		if (!isDigit(last) && last != 'X') {
			return false;
		}
		if (IdCardNormalizer.checkDigit(d.substring(0, 17)) == last) {
			return true;
		}
		// a wrong check digit is still a person's number (a typo in one digit)
		return d.charAt(0) >= '1' && d.charAt(0) <= '8' && validDate(d.substring(6, 14));
	}

	private static boolean validDate(String yyyyMMdd) {
		int y = Text.asciiNumber(yyyyMMdd, 0, 4);
		int m = Text.asciiNumber(yyyyMMdd, 4, 6);
		int day = Text.asciiNumber(yyyyMMdd, 6, 8);
		if (y < 1900 || y > 2099 || m < 1 || m > 12 || day < 1) {
			return false;
		}
		return day <= java.time.YearMonth.of(y, m).lengthOfMonth();
	}

	private static void hide(char[] norm, char[] out, int start, int end, Kind kind) {
		int total = 0;
		for (int i = start; i < end; i++) {
			if (isDigit(norm[i]) || norm[i] == 'X') {
				total++;
			}
		}
		int seen = 0;
		for (int i = start; i < end; i++) {
			if (isDigit(norm[i]) || norm[i] == 'X') {
				seen++;
				boolean hidden = (kind == Kind.ID) ? seen > 6 : (seen > total - 8 && seen <= total - 4);
				if (hidden) {
					out[i] = '*';
				}
			}
		}
	}

	/** Full-width digits and X as ASCII, U+3000 as a space: one char for one char. */
	private static char fold(char c) {
		if (c >= '０' && c <= '９') {
			return (char) (c - '０' + '0');
		}
		if (c == 'x' || c == 'Ｘ' || c == 'ｘ') {
			return 'X';
		}
		if (c == '\u3000' || c == '\u00A0') {
			return ' ';
		}
		if (c == '－' || c == '‐' || c == '–') {
			return '-';
		}
		return c;
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isSeparator(char c) {
		return c == ' ' || c == '-';
	}

}
