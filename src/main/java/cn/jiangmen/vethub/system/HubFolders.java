package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.Stream;

import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The hub's folders below {@code hub.data-dir}: {@code inbox/county/<id>/} and
 * {@code inbox/partners/<id>/} where files are dropped,
 * {@code archive/<source>/<yyyy-MM-dd>/} for processed files, {@code error/<source>/} for
 * refused ones and {@code outbox/<source>/} for feedback to the sender. All are created
 * at start. A name that comes from outside is resolved with
 * {@link #inside(Path, String)}, which refuses anything that would leave its folder.
 */
@Component
public class HubFolders {

	private static final Logger log = LoggerFactory.getLogger(HubFolders.class);

	/** The file in a hub's scratch folder that the hub keeps locked while it runs. */
	static final String OWNER = ".owner";

	/**
	 * A scratch folder with no owner file yet is this old before another hub removes it
	 * (its hub may be creating it).
	 */
	private static final Duration UNOWNED_AGE = Duration.ofHours(1);

	private final Path root;

	private final SourceRegistry sources;

	private final Path workDir;

	/** This hub's lock on its scratch folder, held while it runs. */
	private FileChannel owner;

	public HubFolders(HubProperties hub, SourceRegistry sources) {
		this.root = hub.dataDir().toAbsolutePath().normalize();
		this.sources = sources;
		this.workDir = this.root.resolve("work").resolve("hub-" + UUID.randomUUID());
		createAll();
	}

	private void createAll() {
		try {
			emptyWorkDir();
			Files.createDirectories(this.workDir);
			this.owner = FileChannel.open(this.workDir.resolve(OWNER), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			this.owner.lock();
			Files.createDirectories(this.root.resolve("inbox/county"));
			Files.createDirectories(this.root.resolve("inbox/partners"));
			for (SourceDefinition source : this.sources.all()) {
				if (source.inboxFolder() != null) {
					Files.createDirectories(inbox(source));
				}
				Files.createDirectories(this.root.resolve("archive").resolve(source.id()));
				Files.createDirectories(errorDir(source.id()));
				Files.createDirectories(outboxDir(source.id()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the hub's folders under " + this.root, ex);
		}
		log.info("Hub folders ready under {}", this.root);
	}

	/**
	 * Scratch files of this hub's loads in progress ({@code work/hub-<random id>/}): they
	 * may hold whole rows, personal data included, so they live under the data folder
	 * (not the system's temporary folder). Each hub has a folder of its own, which it
	 * keeps locked ({@value #OWNER}) while it runs: the data folder may be shared by
	 * several hubs, and a hub that starts deletes what a crash left (the folders no hub
	 * holds, and loose files of earlier versions), never the files of a live peer.
	 */
	public Path workDir() {
		return this.workDir;
	}

	private void emptyWorkDir() throws IOException {
		Path work = Files.createDirectories(this.root.resolve("work"));
		try (Stream<Path> left = Files.list(work)) {
			for (Path entry : left.toList()) {
				if (Files.isRegularFile(entry)) {
					Files.delete(entry);
				}
				else if (Files.isDirectory(entry) && abandoned(entry)) {
					FileSystemUtils.deleteRecursively(entry);
				}
			}
		}
	}

	/** Whether a hub's scratch folder is held by no running hub. */
	static boolean abandoned(Path hubWorkDir) throws IOException {
		Path owner = hubWorkDir.resolve(OWNER);
		if (!Files.exists(owner)) {
			return Files.getLastModifiedTime(hubWorkDir).toInstant().isBefore(Instant.now().minus(UNOWNED_AGE));
		}
		try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			return lock != null;
		}
		catch (OverlappingFileLockException ex) {
			// held by a hub in this very JVM (tests)
			return false;
		}
	}

	@PreDestroy
	void releaseWorkDir() {
		try {
			if (this.owner != null) {
				this.owner.close();
			}
			FileSystemUtils.deleteRecursively(this.workDir);
		}
		catch (IOException ex) {
			log.debug("Scratch folder {} not removed at stop: {}", this.workDir, ex.getClass().getSimpleName());
		}
	}

	public Path root() {
		return this.root;
	}

	public Path inbox(SourceDefinition source) {
		if (source.inboxFolder() == null) {
			throw new IllegalArgumentException("Source " + source.id() + " has no inbox");
		}
		return this.root.resolve(source.inboxFolder()).normalize();
	}

	public Path archiveDir(String sourceId, LocalDate day) {
		return this.root.resolve("archive").resolve(sourceId).resolve(day.toString());
	}

	public Path errorDir(String sourceId) {
		return this.root.resolve("error").resolve(sourceId);
	}

	public Path outboxDir(String sourceId) {
		return this.root.resolve("outbox").resolve(sourceId);
	}

	/**
	 * Files waiting in a source's inbox (hidden and partial files included: they are on
	 * their way).
	 */
	public long filesWaiting(SourceDefinition source) {
		if (source.inboxFolder() == null) {
			return 0;
		}
		try (Stream<Path> files = Files.list(inbox(source))) {
			return files.filter(Files::isRegularFile).count();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * Files lying in a source's {@code error/} folder (refused, waiting for someone to
	 * look at them).
	 */
	public long filesRefused(String sourceId) {
		try (Stream<Path> files = Files.list(errorDir(sourceId))) {
			return files.filter((f) -> !Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).count();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * Resolves an untrusted file name inside a folder.
	 * @throws IllegalArgumentException when the name is a path, or would resolve outside
	 * the folder
	 */
	public static Path inside(Path folder, String untrustedName) {
		if (untrustedName == null || untrustedName.isBlank() || untrustedName.contains("/")
				|| untrustedName.contains("\\") || untrustedName.equals("..") || untrustedName.equals(".")
				|| untrustedName.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("Not a plain file name");
		}
		Path base = folder.toAbsolutePath().normalize();
		Path resolved = base.resolve(untrustedName).normalize();
		if (!resolved.getParent().equals(base)) {
			throw new IllegalArgumentException("Not a plain file name");
		}
		return resolved;
	}

}
