package cn.jiangmen.vethub.warehouse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encodings {@link BinaryCopy} computes itself give what the JDK gives: its UTF-8
 * encoding of text, the days of a date, and the base-10,000 digits of a numeric.
 */
class BinaryCopyTest {

	@Test
	void textIsEncodedAsStringGetBytesEncodesIt() {
		List<String> values = List.of("", "440784194001010012", "heshan", "#12", "黄志强", "李𠮷祥", "欧阳·明", "第3村", "é½",
				"\u007f\u0080\u07ff\u0800\uffff", "𠮷", "a\ud842", "\udfb7b", "\ud842\ud842\udfb7", "老\"兵\\",
				"\u3000全角\u00a0");
		for (String value : values) {
			assertThat(encoded(value)).as(value).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
		}
		Random random = new Random(11643);
		for (int i = 0; i < 20_000; i++) {
			char[] chars = new char[random.nextInt(12)];
			for (int c = 0; c < chars.length; c++) {
				// mostly ASCII and CJK, with surrogates (paired or not) among them
				int kind = random.nextInt(4);
				chars[c] = (char) ((kind == 0) ? random.nextInt(0x80) : (kind == 1) ? 0x4E00 + random.nextInt(0x5200)
						: (kind == 2) ? 0xD800 + random.nextInt(0x800) : random.nextInt(0x10000));
			}
			String value = new String(chars);
			assertThat(encoded(value)).as("random value %d", i).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void epochDayIsTheJdkEpochDay() {
		for (LocalDate d = LocalDate.of(1800, 1, 1); d.isBefore(LocalDate.of(2200, 1, 1)); d = d.plusDays(1)) {
			assertThat(BinaryCopy.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).as(d.toString())
				.isEqualTo(d.toEpochDay());
		}
		for (LocalDate d : List.of(LocalDate.of(-1, 3, 1), LocalDate.of(0, 2, 29), LocalDate.of(1, 1, 1),
				LocalDate.of(9999, 12, 31))) {
			assertThat(BinaryCopy.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).as(d.toString())
				.isEqualTo(d.toEpochDay());
		}
	}

	@Test
	void numericWordsAreThoseOfNumericSend() {
		// worked out by hand from the layout numeric_send writes (utils/adt/numeric.c)
		assertThat(BinaryCopy.numericWords(new BigDecimal("0"))).containsExactly(0, 0, 0, 0);
		assertThat(BinaryCopy.numericWords(new BigDecimal("0.00"))).containsExactly(0, 0, 0, 2);
		assertThat(BinaryCopy.numericWords(new BigDecimal("0.5"))).containsExactly(1, -1, 0, 1, 5000);
		assertThat(BinaryCopy.numericWords(new BigDecimal("12.30"))).containsExactly(2, 0, 0, 2, 12, 3000);
		assertThat(BinaryCopy.numericWords(new BigDecimal("-1234.56"))).containsExactly(2, 0, 0x4000, 2, 1234, 5600);
		assertThat(BinaryCopy.numericWords(new BigDecimal("10000"))).containsExactly(1, 1, 0, 0, 1);
		assertThat(BinaryCopy.numericWords(new BigDecimal("1E+5"))).containsExactly(1, 1, 0, 0, 10);
		assertThat(BinaryCopy.numericWords(new BigDecimal("0.0001"))).containsExactly(1, -1, 0, 4, 1);
		assertThat(BinaryCopy.numericWords(new BigDecimal("0.00001"))).containsExactly(1, -2, 0, 5, 1000);
		assertThat(BinaryCopy.numericWords(new BigDecimal("123456789012.25"))).containsExactly(4, 2, 0, 2, 1234, 5678,
				9012, 2500);
	}

	@Test
	void numericWordsDecodeToTheNumber() {
		Random random = new Random(4711);
		for (int i = 0; i < 20_000; i++) {
			BigDecimal value = new BigDecimal(new BigInteger(1 + random.nextInt(90), random), random.nextInt(30) - 8);
			if (random.nextBoolean()) {
				value = value.negate();
			}
			assertThat(decoded(BinaryCopy.numericWords(value))).as(value.toString())
				.isEqualTo(value.setScale(Math.max(value.scale(), 0)));
		}
	}

	/** What numeric_recv makes of the words. */
	private static BigDecimal decoded(short[] words) {
		int count = words[0];
		int weight = words[1];
		BigDecimal sum = BigDecimal.ZERO;
		for (int i = 0; i < count; i++) {
			assertThat(words[4 + i]).isBetween((short) 0, (short) 9999);
			sum = sum.add(BigDecimal.valueOf(words[4 + i]).scaleByPowerOfTen(4 * (weight - i)));
		}
		if (count > 0) {
			assertThat(words[4]).as("no leading zero digit").isNotZero();
			assertThat(words[3 + count]).as("no trailing zero digit").isNotZero();
		}
		sum = sum.setScale(words[3]);
		return (words[2] == 0x4000) ? sum.negate() : sum;
	}

	private static byte[] encoded(String value) {
		byte[] to = new byte[2 + 3 * value.length() + 2];
		int end = BinaryCopy.utf8(value.toCharArray(), value.length(), to, 2);
		return Arrays.copyOfRange(to, 2, end);
	}

}
