package cn.jiangmen.vethub.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginAttemptLimiterTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T02:00:00Z"));

	private final LoginAttemptLimiter limiter = new LoginAttemptLimiter(5, 20, Duration.ofMinutes(10),
			Duration.ofMinutes(15), this.clock);

	@Test
	void fiveFailuresOfOneNameLockItForTheLockDurationEvenForAnotherAddress() {
		for (int i = 0; i < 4; i++) {
			assertThat(this.limiter.failed("zhangwei", "10.1.1.5")).isFalse();
		}
		assertThat(this.limiter.lockedUntil("zhangwei", "10.1.1.5")).isEmpty();
		assertThat(this.limiter.failed("zhangwei", "10.1.1.5")).isTrue();
		assertThat(this.limiter.lockedUntil("ZhangWei", "10.9.9.9")).contains(Instant.parse("2026-11-29T02:15:00Z"));
		assertThat(this.limiter.lockedUntil("liuyang", "10.9.9.9")).isEmpty();
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(this.limiter.lockedUntil("zhangwei", "10.1.1.5")).isEmpty();
	}

	@Test
	void failuresOlderThanTheWindowDoNotCount() {
		for (int i = 0; i < 4; i++) {
			this.limiter.failed("zhangwei", "10.1.1.5");
		}
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(this.limiter.failed("zhangwei", "10.1.1.5")).isFalse();
		assertThat(this.limiter.lockedUntil("zhangwei", "10.1.1.5")).isEmpty();
	}

	@Test
	void aSuccessfulLoginClearsTheNamesFailures() {
		for (int i = 0; i < 4; i++) {
			this.limiter.failed("zhangwei", "10.1.1.5");
		}
		this.limiter.succeeded("zhangwei");
		assertThat(this.limiter.failed("zhangwei", "10.1.1.5")).isFalse();
	}

	@Test
	void twentyFailuresFromOneAddressLockTheAddressWhateverTheNames() {
		for (int i = 0; i < 19; i++) {
			assertThat(this.limiter.failed("user" + i, "203.0.113.7")).isFalse();
		}
		assertThat(this.limiter.failed("user19", "203.0.113.7")).isTrue();
		assertThat(this.limiter.lockedUntil("admin", "203.0.113.7")).isPresent();
		assertThat(this.limiter.lockedUntil("admin", "10.1.1.5")).isEmpty();
	}

	@Test
	void randomNamesCannotGrowTheTableBeyondItsBound() {
		LoginAttemptLimiter roomy = new LoginAttemptLimiter(5, Integer.MAX_VALUE, Duration.ofMinutes(10),
				Duration.ofMinutes(15), this.clock);
		for (int i = 0; i < LoginAttemptLimiter.MAX_KEYS + 1000; i++) {
			roomy.failed("guess" + i, "198.51.100.1");
		}
		assertThat(roomy.trackedKeys()).isLessThanOrEqualTo(LoginAttemptLimiter.MAX_KEYS + 1);
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
