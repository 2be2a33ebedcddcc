package cn.jiangmen.vethub.province;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link ProvinceClient#parseTime} reads every value as the API's formatter does: the
 * same time, or the same failure with the same message.
 */
class ProvinceClientTimeTest {

	@Test
	void parsesAsTheFormatterDoes() {
		List<String> values = new ArrayList<>(
				List.of("2026-11-15 08:30:00", " 2026-11-15 08:30:00\t", "2024-02-29 23:59:59", "2026-02-29 10:00:00",
						"2026-02-30 10:00:00", "2026-04-31 00:00:00", "2026-04-30 00:00:00", "2026-12-31 23:59:59",
						"2026-00-10 10:00:00", "2026-13-10 10:00:00", "2026-01-00 10:00:00", "2026-01-32 10:00:00",
						"2026-01-10 24:00:00", "2026-01-10 23:60:00", "2026-01-10 23:59:60", "0000-01-01 00:00:00",
						"0001-01-01 00:00:00", "1900-02-29 00:00:00", "2000-02-29 00:00:00", "2026/01/10 10:00:00",
						"2026-01-10T10:00:00", "2026-1-10 10:00:00", "2026-01-10 10:00", "2026-01-10 10:00:00.5",
						"２０２６-01-10 10:00:00", "2026-0a-10 10:00:00", "-026-01-10 10:00:00", "", "   "));
		Random random = new Random(2026);
		for (int i = 0; i < 5_000; i++) {
			values.add(String.format("%04d-%02d-%02d %02d:%02d:%02d", 1 + random.nextInt(2100), random.nextInt(14),
					random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61)));
		}
		for (String value : values) {
			Object expected = outcome(() -> LocalDateTime.parse(value.strip(), ProvinceClient.TIME));
			assertThat(outcome(() -> ProvinceClient.parseTime(value))).as("'%s'", value).isEqualTo(expected);
		}
	}

	/** The time, or the failure's class and message. */
	private static Object outcome(java.util.function.Supplier<LocalDateTime> parse) {
		Throwable failure = catchThrowable(parse::get);
		if (failure == null) {
			return parse.get();
		}
		assertThat(failure).isInstanceOf(DateTimeParseException.class);
		return failure.getClass().getName() + ": " + failure.getMessage();
	}

}
