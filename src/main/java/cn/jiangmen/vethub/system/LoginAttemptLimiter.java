package cn.jiangmen.vethub.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per user name and per client address in a sliding window and locks
 * a name or an address that fails too often, for a while: a password cannot be guessed
 * faster than a handful of tries per lock period. Pure logic (time comes from a
 * {@link Clock}); kept in memory, so a restart forgets it. The number of keys tracked is
 * bounded, so random user names cannot fill the memory.
 */
final class LoginAttemptLimiter {

	static final int MAX_KEYS = 50_000;

	private final int maxPerUser;

	private final int maxPerAddress;

	private final Duration window;

	private final Duration lockDuration;

	private final Clock clock;

	private final Map<String, Track> tracks = new ConcurrentHashMap<>();

	LoginAttemptLimiter(int maxPerUser, int maxPerAddress, Duration window, Duration lockDuration, Clock clock) {
		this.maxPerUser = maxPerUser;
		this.maxPerAddress = maxPerAddress;
		this.window = window;
		this.lockDuration = lockDuration;
		this.clock = clock;
	}

	LoginAttemptLimiter(HubSecurityProperties.Lockout lockout, Clock clock) {
		this(lockout.maxFailuresPerUser(), lockout.maxFailuresPerAddress(), lockout.window(), lockout.duration(),
				clock);
	}

	/** Until when this user name or this address is locked, if it is. */
	Optional<Instant> lockedUntil(String username, String address) {
		Instant now = this.clock.instant();
		Instant user = lockOf(userKey(username), now);
		Instant addr = lockOf(addressKey(address), now);
		if (user == null) {
			return Optional.ofNullable(addr);
		}
		return Optional.of((addr == null || user.isAfter(addr)) ? user : addr);
	}

	/**
	 * Records a failure.
	 * @return whether this failure locked the name or the address
	 */
	boolean failed(String username, String address) {
		Instant now = this.clock.instant();
		if (this.tracks.size() >= MAX_KEYS) {
			evictStale(now);
		}
		boolean lockedUser = fail(userKey(username), this.maxPerUser, now);
		boolean lockedAddress = fail(addressKey(address), this.maxPerAddress, now);
		return lockedUser || lockedAddress;
	}

	/**
	 * A successful login clears the user name's failures (not the address's: one good
	 * account does not unlock guessing).
	 */
	void succeeded(String username) {
		this.tracks.remove(userKey(username));
	}

	int trackedKeys() {
		return this.tracks.size();
	}

	/** Forgets everything (an administrator's unlock, and tests). */
	void clear() {
		this.tracks.clear();
	}

	private Instant lockOf(String key, Instant now) {
		Track track = this.tracks.get(key);
		if (track == null) {
			return null;
		}
		synchronized (track) {
			return (track.lockedUntil != null && track.lockedUntil.isAfter(now)) ? track.lockedUntil : null;
		}
	}

	private boolean fail(String key, int max, Instant now) {
		Track track = this.tracks.computeIfAbsent(key, (k) -> new Track());
		synchronized (track) {
			track.prune(now.minus(this.window));
			track.failures.addLast(now);
			if (track.failures.size() >= max && (track.lockedUntil == null || !track.lockedUntil.isAfter(now))) {
				track.lockedUntil = now.plus(this.lockDuration);
				track.failures.clear();
				return true;
			}
			return false;
		}
	}

	private void evictStale(Instant now) {
		Instant since = now.minus(this.window);
		for (Iterator<Map.Entry<String, Track>> it = this.tracks.entrySet().iterator(); it.hasNext();) {
			Track track = it.next().getValue();
			synchronized (track) {
				track.prune(since);
				if (track.failures.isEmpty() && (track.lockedUntil == null || !track.lockedUntil.isAfter(now))) {
					it.remove();
				}
			}
		}
		if (this.tracks.size() >= MAX_KEYS) {
			// Still full of live entries: an attack with many names. Drop the unlocked
			// ones first.
			this.tracks.entrySet().removeIf((e) -> e.getValue().lockedUntil == null);
		}
	}

	private static String userKey(String username) {
		return "u:" + ((username != null) ? username.strip().toLowerCase(java.util.Locale.ROOT) : "");
	}

	private static String addressKey(String address) {
		return "a:" + ((address != null) ? address : "?");
	}

	private static final class Track {

		private final Deque<Instant> failures = new ArrayDeque<>();

		private Instant lockedUntil;

		private void prune(Instant since) {
			while (!this.failures.isEmpty() && this.failures.peekFirst().isBefore(since)) {
				this.failures.removeFirst();
			}
		}

	}

}
