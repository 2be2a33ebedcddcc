package cn.jiangmen.vethub.warehouse;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encodings {@link BinaryCopy} computes itself give what the JDK gives: its UTF-8
 * encoding of text, and the days of a date.
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

	private static byte[] encoded(String value) {
		byte[] to = new byte[2 + 3 * value.length() + 2];
		int end = BinaryCopy.utf8(value.toCharArray(), value.length(), to, 2);
		return Arrays.copyOfRange(to, 2, end);
	}

}
