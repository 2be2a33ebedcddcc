package cn.jiangmen.vethub.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A sliding-window count of look-ups per user: at most {@code limit} within
 * {@code window}; a look-up over the limit is refused, with when the next one is allowed.
 * In memory (a restart clears it), bounded to the users seen last. Thread-safe; the clock
 * is given, so it is tested without waiting.
 */
final class LookupLimiter {

	static final int MAX_USERS = 10_000;

	private final int limit;

	private final Duration window;

	private final Clock clock;

	private final Map<String, Deque<Instant>> byUser = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
			return size() > MAX_USERS;
		}
	};

	LookupLimiter(int limit, Duration window, Clock clock) {
		this.limit = limit;
		this.window = window;
		this.clock = clock;
	}

	/**
	 * Counts a look-up by the user; empty when allowed, else how long until the next one
	 * is (the look-up is then not counted).
	 */
	synchronized Optional<Duration> tryLookup(String user) {
		Instant now = this.clock.instant();
		Deque<Instant> times = this.byUser.computeIfAbsent(user, (u) -> new ArrayDeque<>());
		Instant start = now.minus(this.window);
		while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
			times.pollFirst();
		}
		if (times.size() >= this.limit) {
			return Optional.of(Duration.between(start, times.peekFirst()));
		}
		times.addLast(now);
		return Optional.empty();
	}

	synchronized void clear() {
		this.byUser.clear();
	}

}
