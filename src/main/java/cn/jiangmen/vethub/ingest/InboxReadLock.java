package cn.jiangmen.vethub.ingest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import cn.jiangmen.vethub.ops.SourcePauses;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * When the inbox routes may take a file ({@code exclusiveReadLockStrategy} of
 * {@code routes/inbox-files.camel.yaml}): a regular file once its size and time stamp
 * stayed the same for {@code hub.inbox.read-lock-check-interval} and it is
 * {@code read-lock-min-age} old, so a file still being copied is never read half; an
 * empty file too (Camel's {@code readLock=changed} never takes a 0-byte file, which then
 * lay in the inbox for ever); and not while it waits out its backoff after a failure of
 * ours ({@link InboxRetries}). A symbolic link, a FIFO or a device is granted at once
 * without being followed or opened, so that its processor refuses it.
 * <p>
 * A file that may be taken is then claimed in {@code inboxClaims}, the claims shared by
 * every hub on the warehouse ({@code cluster.InboxClaimsConfiguration}), under its
 * source, name, size and time stamp: a file claimed by another hub is left to it, and a
 * file that another hub took and moved away meanwhile is not taken. The claim is removed
 * when the file's exchange ends, however it ends; a file re-delivered under the same name
 * is claimed anew (the ledger then tells a byte-identical copy by its checksum). A file
 * of a paused source is not taken ({@link SourcePauses}: a pause holds on every hub, also
 * before this hub has suspended the source's route).
 * <p>
 * It looks at the file Camel listed ({@link GenericFile#getFile()}), not at Camel's
 * {@code absoluteFilePath}: Camel turns a backslash in a name into a slash there, so a
 * file named {@code a\b.xlsx} was looked for as {@code a/b.xlsx}, never found and never
 * taken.
 */
@Component("inboxReadLock")
class InboxReadLock implements GenericFileExclusiveReadLockStrategy<File> {

	private static final Logger log = LoggerFactory.getLogger(InboxReadLock.class);

	/** The exchange property holding the key of the file's claim. */
	static final String CLAIM = "vethub.inboxClaim";

	private final long minAgeMillis;

	private final long checkIntervalMillis;

	private final long timeoutMillis;

	private final InboxRetries retries;

	private final IdempotentRepository claims;

	/** Claims whose release could not be written (the database was unavailable). */
	private final Set<String> unreleased = ConcurrentHashMap.newKeySet();

	private final SourcePauses pauses;

	InboxReadLock(InboxProperties inbox, InboxRetries retries, @Qualifier("inboxClaims") IdempotentRepository claims,
			SourcePauses pauses) {
		this.claims = claims;
		this.pauses = pauses;
		this.minAgeMillis = inbox.readLockMinAge().toMillis();
		this.checkIntervalMillis = Math.max(1, inbox.readLockCheckInterval().toMillis());
		this.timeoutMillis = inbox.readLockTimeout().toMillis();
		this.retries = retries;
	}

	@Override
	public boolean acquireExclusiveReadLock(GenericFileOperations<File> operations, GenericFile<File> file,
			Exchange exchange) {
		Path path = file.getFile().toPath();
		if (!settled(path)) {
			return false;
		}
		// paused on another hub, whose pause this hub's route has not applied yet
		if (paused(exchange.getFromRouteId())) {
			return false;
		}
		String key = claimKey(exchange.getFromRouteId(), path);
		if (key == null || !claim(key)) {
			return false;
		}
		// taken, loaded and moved by another hub between the listing and the claim
		if (!key.equals(claimKey(exchange.getFromRouteId(), path))) {
			unclaim(key);
			return false;
		}
		exchange.setProperty(CLAIM, key);
		return true;
	}

	private boolean paused(String sourceId) {
		try {
			return this.pauses.isPaused(sourceId);
		}
		catch (DataAccessException ex) {
			// no claim could be written either: the file waits
			log.debug("Cannot read the pause of {}: {}", sourceId, ex.getClass().getSimpleName());
			return true;
		}
	}

	/**
	 * The key of a file's claim: its source, name, size and time stamp as it is now; null
	 * when it is gone.
	 */
	static String claimKey(String sourceId, Path path) {
		try {
			BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			return sourceId + "/" + path.getFileName() + "|" + now.size() + "|" + now.lastModifiedTime().toMillis();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Claims a file, after the releases that could not be written before; false when
	 * another hub holds it or the database cannot be reached (the file is then looked at
	 * again at the next poll).
	 */
	private boolean claim(String key) {
		try {
			for (String unreleased : this.unreleased) {
				this.claims.remove(unreleased);
				this.unreleased.remove(unreleased);
			}
			return this.claims.add(key);
		}
		catch (RuntimeException ex) {
			log.debug("Cannot claim {}: {}", SafeFileName.printable(key), ex.getClass().getSimpleName());
			return false;
		}
	}

	private void release(Exchange exchange) {
		String key = exchange.getProperty(CLAIM, String.class);
		if (key == null) {
			return;
		}
		exchange.removeProperty(CLAIM);
		unclaim(key);
	}

	private void unclaim(String key) {
		try {
			this.claims.remove(key);
		}
		catch (RuntimeException ex) {
			// the database is gone (likely why the load failed): the repository keeps
			// renewing a claim it could not delete, so the file would stay claimed by
			// this hub for ever; released again before the next claim
			log.debug("Claim of {} not released: {}", SafeFileName.printable(key), ex.getClass().getSimpleName());
			this.unreleased.add(key);
		}
	}

	/**
	 * Waits (up to the timeout) until the file may be taken; false to leave it for now.
	 */
	boolean settled(Path path) {
		long deadline = System.nanoTime() + this.timeoutMillis * 1_000_000;
		BasicFileAttributes before = null;
		while (true) {
			BasicFileAttributes now;
			try {
				now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			}
			catch (NoSuchFileException ex) {
				return false;
			}
			catch (IOException ex) {
				log.debug("Cannot look at {}: {}", SafeFileName.printable(path.toString()),
						ex.getClass().getSimpleName());
				return false;
			}
			if (!now.isRegularFile()) {
				return true;
			}
			if (this.retries.isWaiting(path, now.size(), now.lastModifiedTime())) {
				return false;
			}
			boolean oldEnough = now.lastModifiedTime().toMillis() <= System.currentTimeMillis() - this.minAgeMillis;
			if (oldEnough && before != null && before.size() == now.size()
					&& before.lastModifiedTime().equals(now.lastModifiedTime())) {
				return true;
			}
			if (System.nanoTime() + this.checkIntervalMillis * 1_000_000 > deadline) {
				return false;
			}
			before = now;
			try {
				Thread.sleep(this.checkIntervalMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	@Override
	public void prepareOnStartup(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint) {
	}

	@Override
	public void releaseExclusiveReadLockOnAbort(GenericFileOperations<File> operations, GenericFile<File> file,
			Exchange exchange) {
		release(exchange);
	}

	@Override
	public void releaseExclusiveReadLockOnRollback(GenericFileOperations<File> operations, GenericFile<File> file,
			Exchange exchange) {
		release(exchange);
	}

	@Override
	public void releaseExclusiveReadLockOnCommit(GenericFileOperations<File> operations, GenericFile<File> file,
			Exchange exchange) {
		release(exchange);
	}

	// The settings come from hub.inbox.*, not from the endpoint: Camel calls these only
	// on its own strategies.

	@Override
	public void setTimeout(long timeout) {
	}

	@Override
	public void setCheckInterval(long checkInterval) {
	}

	@Override
	public void setReadLockLoggingLevel(LoggingLevel readLockLoggingLevel) {
	}

	@Override
	public void setMarkerFiler(boolean markerFile) {
	}

	@Override
	public void setDeleteOrphanLockFiles(boolean deleteOrphanLockFiles) {
	}

}
