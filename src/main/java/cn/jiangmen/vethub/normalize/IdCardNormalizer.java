package cn.jiangmen.vethub.normalize;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RejectReason;

/**
 * Validates GB 11643-1999 citizen ID numbers. Cleaning first: NFKC (full-width digits
 * become ASCII), every kind of whitespace dropped, {@code x} upper-cased. Then, in order:
 * an ID stored as a number or written in scientific notation has lost digits
 * ({@code id_lost_precision}, even if some rendering passes the checksum); 18 characters
 * of 17 digits plus a digit or {@code X}, a real province code and a real birth date
 * between 1900 and today, else {@code bad_id_format}; the ISO 7064 MOD 11-2 check digit,
 * else {@code bad_checksum}. The region is never required to be in Jiangmen: many
 * veterans were born elsewhere. Details quote the number only masked.
 */
public final class IdCardNormalizer {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final String CHECK_DIGITS = "10X98765432";

	/**
	 * Province-level codes of GB/T 2260, plus 71 (Taiwan) and 81/82/83, the codes of
	 * residence permits for residents of Hong Kong, Macao and Taiwan, which are
	 * 18-character numbers of the same form.
	 */
	private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
			"33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
			"63", "64", "65", "71", "81", "82", "83");

	/** {@link #PROVINCES} by number: a row's province is checked without a substring. */
	private static final boolean[] PROVINCE_CODES = provinceCodes();

	private static final Pattern OLD_15 = Pattern.compile("[0-9]{15}");

	private static final Pattern SCIENTIFIC = Pattern.compile("[+-]?[0-9]+(?:[.,][0-9]*)?E[+-]?[0-9]+");

	private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

	private IdCardNormalizer() {
	}

	/**
	 * Normalizes an ID number read from a spreadsheet cell. A numeric (or date-formatted)
	 * cell has always lost digits: Excel keeps 15 significant digits.
	 */
	public static Normalized<IdCard> normalize(RawCell cell) {
		if (cell == null || cell.isBlank()) {
			return missing();
		}
		if (cell.kind() == CellKind.NUMBER || cell.kind() == CellKind.DATE) {
			String masked = PersonalDataMask.idCard(Text.compact(cell.text()));
			return Normalized.fail(RejectReason.ID_LOST_PRECISION,
					"身份证号码以数字单元格保存（" + masked + "），Excel 只保留 15 位有效数字，后几位已丢失；请把该列设为文本后按原件重新录入");
		}
		return normalize(cell.text());
	}

	/**
	 * Normalizes an ID number given as text (CSV cells, API values with a lower-case
	 * {@code x}).
	 */
	public static Normalized<IdCard> normalize(String text) {
		return normalize(text, LocalDate.now(CHINA));
	}

	static Normalized<IdCard> normalize(String text, LocalDate today) {
		String id = Text.compact(text).toUpperCase(Locale.ROOT);
		if (id.isEmpty()) {
			return missing();
		}
		if (!hasShape(id)) {
			return wrongShape(id);
		}
		if (!PROVINCE_CODES[Text.asciiNumber(id, 0, 2)]) {
			return Normalized.fail(RejectReason.BAD_ID_FORMAT,
					"前两位 " + id.substring(0, 2) + " 不是省级行政区划代码: " + PersonalDataMask.idCard(id));
		}
		LocalDate birth;
		try {
			birth = LocalDate.of(Text.asciiNumber(id, 6, 10), Text.asciiNumber(id, 10, 12),
					Text.asciiNumber(id, 12, 14));
		}
		catch (DateTimeException ex) {
			return Normalized.fail(RejectReason.BAD_ID_FORMAT, "第 7-14 位不是有效的出生日期: " + PersonalDataMask.idCard(id));
		}
		if (birth.isBefore(EARLIEST_BIRTH) || birth.isAfter(today)) {
			return Normalized.fail(RejectReason.BAD_ID_FORMAT,
					"第 7-14 位的出生日期不在 1900 年至今之间: " + PersonalDataMask.idCard(id));
		}
		char expected = checkDigitOf(id);
		if (id.charAt(17) != expected) {
			return Normalized.fail(RejectReason.BAD_CHECKSUM, "校验位应为 " + expected + ": " + PersonalDataMask.idCard(id));
		}
		String gender = ((id.charAt(16) - '0') % 2 == 1) ? "M" : "F";
		return Normalized.ok(new IdCard(id, birth, gender));
	}

	/**
	 * Whether the cleaned ID has the shape of an 18-character number: 17 ASCII digits and
	 * an ASCII digit or {@code X} (the regular expression {@code [0-9]{17}[0-9X]}).
	 */
	private static boolean hasShape(String id) {
		if (id.length() != 18) {
			return false;
		}
		for (int i = 0; i < 17; i++) {
			if (!isDigit(id.charAt(i))) {
				return false;
			}
		}
		char last = id.charAt(17);
		return isDigit(last) || last == 'X';
	}

	/**
	 * The refusal of a cleaned ID without the shape of an 18-character number: lost
	 * digits when it is in scientific notation, else an unsupported 15-digit ID or a
	 * wrong shape.
	 */
	private static Normalized<IdCard> wrongShape(String id) {
		if (SCIENTIFIC.matcher(id).matches()) {
			return Normalized.fail(RejectReason.ID_LOST_PRECISION,
					"身份证号码是科学计数法（" + PersonalDataMask.idCard(id) + "），后几位已丢失；请按原件重新录入");
		}
		String masked = PersonalDataMask.idCard(id);
		if (OLD_15.matcher(id).matches()) {
			return Normalized.fail(RejectReason.BAD_ID_FORMAT, "15 位旧身份证号码不受支持，请提供 18 位号码: " + masked);
		}
		int length = id.codePointCount(0, id.length());
		return Normalized.fail(RejectReason.BAD_ID_FORMAT, "应为 17 位数字加 1 位数字或 X，实际 " + length + " 个字符: " + masked);
	}

	/**
	 * The GB 11643-1999 check digit (ISO 7064 MOD 11-2) of the first 17 digits. Public
	 * for test fixtures.
	 * @throws IllegalArgumentException unless given exactly 17 ASCII digits
	 */
	public static char checkDigit(String first17) {
		if (first17 == null || first17.length() != 17) {
			throw new IllegalArgumentException("Need exactly 17 ASCII digits");
		}
		for (int i = 0; i < 17; i++) {
			if (!isDigit(first17.charAt(i))) {
				throw new IllegalArgumentException("Need exactly 17 ASCII digits");
			}
		}
		return checkDigitOf(first17);
	}

	/** The check digit of the first 17 characters, which must be ASCII digits. */
	private static char checkDigitOf(String digits) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (digits.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK_DIGITS.charAt(sum % 11);
	}

	private static boolean[] provinceCodes() {
		boolean[] codes = new boolean[100];
		for (String code : PROVINCES) {
			codes[Integer.parseInt(code)] = true;
		}
		return codes;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static Normalized<IdCard> missing() {
		return Normalized.fail(RejectReason.MISSING_REQUIRED, "身份证号码为空");
	}

}
