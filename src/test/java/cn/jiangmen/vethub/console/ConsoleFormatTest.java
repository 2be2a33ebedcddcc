package cn.jiangmen.vethub.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleFormatTest {

	private final ConsoleFormat format = new ConsoleFormat(
			new ConsoleProperties(ZoneId.of("Asia/Shanghai"), 30, 200, 50));

	private final OffsetDateTime start = OffsetDateTime.parse("2026-11-15T02:00:03Z");

	@Test
	void timesAreShownToTheSecondInTheBureausZone() {
		assertThat(this.format.seconds(this.start)).isEqualTo("2026-11-15 10:00:03");
	}

	@Test
	void aFinishedRunTookFromStartToFinish() {
		assertThat(this.format.duration(this.start, this.start.plusSeconds(67), Instant.EPOCH)).isEqualTo("0:01:07");
		assertThat(this.format.duration(this.start, this.start.plusHours(26).plusSeconds(5), Instant.EPOCH))
			.isEqualTo("26:00:05");
	}

	@Test
	void aRunningRunHasBeenRunningUntilNow() {
		assertThat(this.format.duration(this.start, null, this.start.toInstant().plusSeconds(3 * 3600 + 9)))
			.isEqualTo("3:00:09");
	}

	@Test
	void noStartOrAClockSetBackShowsNothing() {
		assertThat(this.format.duration(null, this.start, Instant.EPOCH)).isEmpty();
		assertThat(this.format.duration(this.start, this.start.minusSeconds(5), Instant.EPOCH)).isEmpty();
	}

}
