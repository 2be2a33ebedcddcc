package cn.jiangmen.vethub.console;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Valid GB 11643 citizen ID numbers for fixtures: region + birth date + sequence + the computed check digit. */
final class TestIdCards {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final char[] CHECK = "10X98765432".toCharArray();

	private TestIdCards() {
	}

	static String id(String region, LocalDate birth, int sequence) {
		String first17 = region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return first17 + CHECK[sum % 11];
	}

}
