package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

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

	private final Path root;

	private final SourceRegistry sources;

	public HubFolders(HubProperties hub, SourceRegistry sources) {
		this.root = hub.dataDir().toAbsolutePath().normalize();
		this.sources = sources;
		createAll();
	}

	private void createAll() {
		try {
			Files.createDirectories(workDir());
			emptyWorkDir();
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
	 * Scratch files of loads in progress ({@code work/}): they may hold whole rows,
	 * personal data included, so they live under the data folder (not the system's
	 * temporary folder) and what a crash left is deleted at start.
	 */
	public Path workDir() {
		return this.root.resolve("work");
	}

	private void emptyWorkDir() throws IOException {
		try (Stream<Path> left = Files.list(workDir())) {
			for (Path file : left.filter(Files::isRegularFile).toList()) {
				Files.delete(file);
			}
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
