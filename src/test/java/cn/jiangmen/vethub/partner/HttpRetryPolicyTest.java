package cn.jiangmen.vethub.partner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import cn.jiangmen.vethub.partner.HttpRetryPolicy.Action;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpRetryPolicyTest {

	private final HttpRetryPolicy policy = new HttpRetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60),
			Clock.fixed(Instant.parse("2026-11-02T01:00:00Z"), ZoneOffset.UTC));

	@Test
	void theBackoffDoublesUpToItsCap() {
		assertThat(this.policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.backoff(4)).isEqualTo(Duration.ofSeconds(8));
		assertThat(this.policy.backoff(9)).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void aRetryAfterInSecondsOrAsAnHttpDateIsWaitedButNeverLongerThanTheCap() {
		assertThat(this.policy.onStatus(429, "7", 1))
			.isEqualTo(new HttpRetryPolicy.Decision(Action.RETRY, Duration.ofSeconds(7)));
		assertThat(this.policy.onStatus(429, "Mon, 02 Nov 2026 01:00:30 GMT", 1).delay())
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(this.policy.onStatus(429, "3600", 1).delay()).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.policy.onStatus(429, "soon", 3).delay()).as("unreadable: the backoff")
			.isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void serverErrorsAndTimeoutsAreRetriedTokensRenewedAndOtherRefusalsFinal() {
		assertThat(this.policy.onStatus(502, null, 2))
			.isEqualTo(new HttpRetryPolicy.Decision(Action.RETRY, Duration.ofSeconds(2)));
		assertThat(this.policy.onStatus(408, null, 1).action()).isEqualTo(Action.RETRY);
		assertThat(this.policy.onTransportFailure(3).delay()).isEqualTo(Duration.ofSeconds(4));
		assertThat(this.policy.onStatus(401, null, 1).action()).isEqualTo(Action.RENEW_TOKEN);
		assertThat(this.policy.onStatus(404, null, 1).action()).isEqualTo(Action.FAIL);
		assertThat(this.policy.onStatus(403, null, 1).action()).isEqualTo(Action.FAIL);
		assertThat(this.policy.exhausted(4)).isFalse();
		assertThat(this.policy.exhausted(5)).isTrue();
	}

}
