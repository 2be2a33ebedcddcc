package cn.jiangmen.vethub.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The backoff between two tries of a file whose load failed for a fault of ours (a lost
 * database, a full disk, a bug): after its n-th failure in a row a file is not taken
 * again for {@code hub.inbox.retry-backoff} × 2<sup>n-1</sup>, at most
 * {@code hub.inbox.max-retry-backoff}. A file is known by its path, size and time stamp:
 * a new version under the same name is taken at once. The waits are kept in memory only
 * (after a restart a file is tried at once); the bound on the tries is in the run ledger
 * ({@link InboxFiles#refuseIfFailedTooOften}), which survives restarts.
 */
@Component
class InboxRetries {

	private final Duration first;

	private final Duration max;

	private final Clock clock;

	private final Map<Path, Wait> waits = new ConcurrentHashMap<>();

	@Autowired
	InboxRetries(InboxProperties inbox) {
		this(inbox.retryBackoff(), inbox.maxRetryBackoff(), Clock.systemUTC());
	}

	InboxRetries(Duration first, Duration max, Clock clock) {
		this.first = first;
		this.max = max;
		this.clock = clock;
	}

	/** One failed file's wait. */
	private record Wait(long size, FileTime modified, int failures, Instant until) {
	}

	/** Records a failure of ours on a file, which then waits before its next try. */
	void failed(Path path) {
		Path file = path.toAbsolutePath();
		BasicFileAttributes now;
		try {
			now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			this.waits.remove(file);
			return;
		}
		this.waits.compute(file, (key, before) -> {
			int failures = (before != null && before.size() == now.size()
					&& before.modified().equals(now.lastModifiedTime())) ? before.failures() + 1 : 1;
			return new Wait(now.size(), now.lastModifiedTime(), failures, this.clock.instant().plus(backoff(failures)));
		});
	}

	/** The wait after the n-th failure in a row. */
	Duration backoff(int failures) {
		Duration wait = this.first;
		for (int i = 1; i < failures && wait.compareTo(this.max) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.max) > 0) ? this.max : wait;
	}

	/**
	 * Whether this version of the file (its size and time stamp) is still waiting after a
	 * failure.
	 */
	boolean isWaiting(Path path, long size, FileTime modified) {
		Path file = path.toAbsolutePath();
		Wait wait = this.waits.get(file);
		if (wait == null) {
			return false;
		}
		if (wait.size() != size || !wait.modified().equals(modified)) {
			this.waits.remove(file, wait);
			return false;
		}
		return this.clock.instant().isBefore(wait.until());
	}

	/** The file has left the inbox: nothing to wait for any more. */
	void done(Path file) {
		this.waits.remove(file.toAbsolutePath());
	}

}
