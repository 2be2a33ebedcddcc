package cn.jiangmen.vethub.partner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When an HTTP API source tries a request again, and how long it waits first: 5xx, 408, a
 * timeout, a refused connection and a cut-off body wait {@code backoff}, doubled each
 * attempt, at most {@code maxBackoff}; a 429 waits what its {@code Retry-After} says
 * (seconds or an HTTP date), but never longer than {@code maxBackoff}; a 401 asks for a
 * new token (once); any other status fails at once. After {@code maxAttempts} attempts
 * the request fails. Pure: the caller sleeps.
 */
final class HttpRetryPolicy {

	/** What to do after an attempt that did not succeed. */
	enum Action {

		/** Wait {@link Decision#delay()}, then try again. */
		RETRY,
		/** Fetch a new token and try again (401). */
		RENEW_TOKEN,
		/** Give up: the request cannot succeed by trying again. */
		FAIL

	}

	record Decision(Action action, Duration delay) {

	}

	private final int maxAttempts;

	private final Duration backoff;

	private final Duration maxBackoff;

	private final Clock clock;

	HttpRetryPolicy(int maxAttempts, Duration backoff, Duration maxBackoff, Clock clock) {
		this.maxAttempts = maxAttempts;
		this.backoff = backoff;
		this.maxBackoff = maxBackoff;
		this.clock = clock;
	}

	int maxAttempts() {
		return this.maxAttempts;
	}

	/** Whether the attempt with this number (from 1) was the last allowed. */
	boolean exhausted(int attempt) {
		return attempt >= this.maxAttempts;
	}

	/** {@code backoff * 2^(attempt-1)}, at most {@code maxBackoff}. */
	Duration backoff(int attempt) {
		Duration wait = this.backoff;
		for (int i = 1; i < attempt && wait.compareTo(this.maxBackoff) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

	/** After an answer with this HTTP status (or the status an HTTP 200 body named). */
	Decision onStatus(int status, String retryAfter, int attempt) {
		if (status == 401) {
			return new Decision(Action.RENEW_TOKEN, Duration.ZERO);
		}
		if (status == 429) {
			Duration wait = Optional.ofNullable(retryAfter).flatMap(this::retryAfter).orElse(backoff(attempt));
			return new Decision(Action.RETRY, (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait);
		}
		if (status >= 500 || status == 408) {
			return new Decision(Action.RETRY, backoff(attempt));
		}
		return new Decision(Action.FAIL, Duration.ZERO);
	}

	/** After no complete answer: a timeout, a refused connection, a cut-off body. */
	Decision onTransportFailure(int attempt) {
		return new Decision(Action.RETRY, backoff(attempt));
	}

	/** Retry-After is either delay-seconds or an HTTP date (RFC 9110). */
	Optional<Duration> retryAfter(String value) {
		String v = value.strip();
		try {
			return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
		}
		catch (NumberFormatException ex) {
			// not seconds: an HTTP date
		}
		try {
			Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(this.clock.instant(), at);
			return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
