package cn.jiangmen.vethub.console;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NextRunCalculatorTest {

	@Test
	void theNightlySyncAtTwoInTheMorningInJiangmenIsSixPmUtcTheDayBefore() {
		// 12:00 in Jiangmen: the next 02:00 Asia/Shanghai is tomorrow, 18:00 UTC today
		assertThat(NextRunCalculator.nextFire("0 0 2 * * ?", "Asia/Shanghai", Instant.parse("2026-11-29T04:00:00Z")))
			.isEqualTo(Instant.parse("2026-11-29T18:00:00Z"));
		// 01:30 in Jiangmen: still tonight
		assertThat(NextRunCalculator.nextFire("0 0 2 * * ?", "Asia/Shanghai", Instant.parse("2026-11-28T17:30:00Z")))
			.isEqualTo(Instant.parse("2026-11-28T18:00:00Z"));
	}

	@Test
	void aBrokenCronIsNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NextRunCalculator.nextFire("every night", "Asia/Shanghai", Instant.now()))
			.withMessageContaining("every night");
	}

}
