package cn.jiangmen.vethub.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LookupLimiterTest {

	private static final class MovableClock extends Clock {

		Instant now = Instant.parse("2026-12-03T08:00:00Z");

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	@Test
	void theLookUpOverTheLimitIsRefusedUntilTheOldestLeavesTheWindow() {
		MovableClock clock = new MovableClock();
		LookupLimiter limiter = new LookupLimiter(3, Duration.ofHours(1), clock);
		assertThat(limiter.tryLookup("viewer")).isEmpty();
		clock.now = clock.now.plus(Duration.ofMinutes(10));
		assertThat(limiter.tryLookup("viewer")).isEmpty();
		assertThat(limiter.tryLookup("viewer")).isEmpty();
		assertThat(limiter.tryLookup("viewer")).contains(Duration.ofMinutes(50));
		assertThat(limiter.tryLookup("bureau")).as("another user has a count of its own").isEmpty();
		clock.now = clock.now.plus(Duration.ofMinutes(50));
		assertThat(limiter.tryLookup("viewer")).as("the first look-up left the window").isEmpty();
		assertThat(limiter.tryLookup("viewer")).isPresent();
	}

}
