package cn.jiangmen.vethub.testdata;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import cn.jiangmen.vethub.normalize.IdCardNormalizer;

/**
 * Test fixtures: valid GB 11643-1999 ID numbers with correct check digits, so tests use
 * realistic numbers instead of copying real people's IDs.
 */
public final class IdCards {

	private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

	private IdCards() {
	}

	/**
	 * A valid 18-character ID number.
	 * @param regionCode6 the six-digit region code, e.g. {@code 440784} (鹤山) or
	 * {@code 430102} (长沙芙蓉区)
	 * @param birth the birth date
	 * @param sequence3 the order number 0-999; its last digit is adjusted to the gender
	 * (odd for men)
	 * @param male whether the holder is a man
	 */
	public static String valid(String regionCode6, LocalDate birth, int sequence3, boolean male) {
		if (regionCode6 == null || !regionCode6.matches("[0-9]{6}")) {
			throw new IllegalArgumentException("regionCode6 must be 6 digits: " + regionCode6);
		}
		if (sequence3 < 0 || sequence3 > 999) {
			throw new IllegalArgumentException("sequence3 must be 0-999: " + sequence3);
		}
		int sequence = sequence3;
		if ((sequence % 2 == 1) != male) {
			sequence = (sequence % 10 == 9) ? sequence - 1 : sequence + 1;
		}
		String first17 = regionCode6 + birth.format(YYYYMMDD) + String.format("%03d", sequence);
		return first17 + IdCardNormalizer.checkDigit(first17);
	}

	/** A valid ID of a man born in 鹤山 (440784). */
	public static String heshanMan(LocalDate birth, int sequence3) {
		return valid("440784", birth, sequence3, true);
	}

	/** The same number with its check digit replaced by a wrong one. */
	public static String withWrongCheckDigit(String validId) {
		char right = validId.charAt(17);
		char wrong = (right == '0') ? '1' : (right == 'X') ? '0' : (char) (right - 1);
		return validId.substring(0, 17) + wrong;
	}

	/**
	 * A valid ID whose check digit is {@code X} (searching order numbers upward from
	 * {@code sequence3}), for testing lower-case {@code x}.
	 */
	public static String validEndingInX(String regionCode6, LocalDate birth, int sequence3, boolean male) {
		for (int s = sequence3; s <= 999; s++) {
			String id = valid(regionCode6, birth, s, male);
			if (id.endsWith("X")) {
				return id;
			}
		}
		throw new IllegalArgumentException("No X check digit from sequence " + sequence3);
	}

}
