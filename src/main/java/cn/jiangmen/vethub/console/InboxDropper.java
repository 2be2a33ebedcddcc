package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.ingest.InboxDrops;
import cn.jiangmen.vethub.ingest.InboxFiles;
import cn.jiangmen.vethub.ingest.SafeFileName;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Puts a file into a county or partner source's inbox from the console, where the
 * source's own route takes it like any other (the same claim, stable-file check, pipeline
 * and feedback file): a file uploaded through the browser, or one taken again from the
 * source's {@code error/} or {@code archive/<day>/} folder. The drop is recorded first
 * ({@link InboxDrops}), so the run says how its file came and the console finds it. An
 * upload is written under a hidden {@code .part} name that the route never takes (its
 * {@code exclude}) and renamed in one step, so the route never sees half a file; a
 * retaken file is moved, or copied the same way when its folder is on another disk. A
 * name the route would never take (hidden, a temporary name, not the source's file
 * pattern) or a file of that name already waiting is refused with its reason (4xx).
 */
@Component
class InboxDropper {

	private static final Logger log = LoggerFactory.getLogger(InboxDropper.class);

	/**
	 * The names the inbox route leaves alone ({@code exclude} of inbox-files.camel.yaml).
	 */
	private static final Pattern EXCLUDED = Pattern.compile("(?s)^(~\\$|\\.).*|.*\\.(part|tmp|crdownload)$",
			Pattern.CASE_INSENSITIVE);

	private final SourceRegistry registry;

	private final HubFolders folders;

	private final InboxDrops drops;

	InboxDropper(SourceRegistry registry, HubFolders folders, InboxDrops drops) {
		this.registry = registry;
		this.folders = folders;
		this.drops = drops;
	}

	/** Whether files can be put into this source's inbox from the console. */
	static boolean takesFiles(SourceDefinition source) {
		return (source.kind() == SourceKind.COUNTY || source.kind() == SourceKind.PARTNER)
				&& source.inboxFolder() != null;
	}

	SourceDefinition fileSource(String sourceId) {
		SourceDefinition source = this.registry.find(sourceId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No source " + sourceId));
		if (!takesFiles(source)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Source " + sourceId + " does not take files: only county and partner sources have an inbox");
		}
		return source;
	}

	String sourceName(String sourceId) {
		return this.registry.find(sourceId).map(SourceDefinition::name).orElse(sourceId);
	}

	/**
	 * Writes an uploaded file into the inbox.
	 * @param sentName the name the browser sent (a path in it is dropped)
	 * @return the drop's id
	 */
	long upload(String sourceId, String sentName, InputStream content, String user) throws IOException {
		SourceDefinition source = fileSource(sourceId);
		String name = inboxName(source, sentName);
		Path inbox = this.folders.inbox(source);
		Path target = HubFolders.inside(inbox, name);
		refuseIfWaiting(target, name);
		Path part = inbox.resolve(".vethub-upload-" + UUID.randomUUID() + ".part");
		try {
			String sha256;
			try (OutputStream out = Files.newOutputStream(part)) {
				sha256 = copyWithDigest(content, out);
			}
			long drop = this.drops.record(source.id(), RunTrigger.UPLOAD, name, sha256, null, user);
			try {
				refuseIfWaiting(target, name);
				Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException | RuntimeException ex) {
				this.drops.cancel(drop);
				throw ex;
			}
			log.info("File {} uploaded into the inbox of {} by {} (drop {})", SafeFileName.printable(name), source.id(),
					user, drop);
			return drop;
		}
		finally {
			Files.deleteIfExists(part);
		}
	}

	/**
	 * Moves a file of the source's {@code error/} folder ({@code day} null) or of
	 * {@code archive/<day>/} back into its inbox.
	 * @return the drop's id
	 */
	long retake(String sourceId, String day, String fileName, String user) throws IOException {
		SourceDefinition source = fileSource(sourceId);
		Path folder;
		String origin;
		if (day == null || day.isBlank()) {
			folder = this.folders.errorDir(source.id());
			origin = "error/";
		}
		else {
			try {
				folder = this.folders.archiveDir(source.id(), LocalDate.parse(day));
			}
			catch (DateTimeParseException ex) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"day must be an archive day such as 2026-03-01, not " + SafeFileName.printable(day));
			}
			origin = "archive/" + day + "/";
		}
		Path file;
		try {
			file = HubFolders.inside(folder, fileName);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"file must be the plain name of a file in " + origin + ", not " + SafeFileName.printable(fileName));
		}
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No file " + SafeFileName.printable(fileName) + " in " + origin + " of " + source.id());
		}
		if (!attributes.isRegularFile()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, SafeFileName.printable(fileName)
					+ " is not a regular file (a link, a folder or a special file): it cannot be taken again");
		}
		String name = inboxName(source, fileName);
		Path inbox = this.folders.inbox(source);
		Path target = HubFolders.inside(inbox, name);
		refuseIfWaiting(target, name);
		String sha256 = InboxFiles.sha256(file);
		long drop = this.drops.record(source.id(), RunTrigger.RETAKE, name, sha256, origin + fileName, user);
		try {
			moveInto(file, inbox, target);
		}
		catch (IOException | RuntimeException ex) {
			this.drops.cancel(drop);
			throw ex;
		}
		log.info("File {} of {} taken again from {} by {} (drop {})", SafeFileName.printable(name), source.id(), origin,
				user, drop);
		return drop;
	}

	/**
	 * The name the file gets in the inbox: its own without any path, made safe
	 * ({@link SafeFileName}); refused when the inbox route would never take it.
	 */
	static String inboxName(SourceDefinition source, String sentName) {
		String name = (sentName == null) ? "" : sentName;
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		if (name.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The file has no name: choose a file to send");
		}
		name = SafeFileName.of(name, "");
		if (EXCLUDED.matcher(name).matches()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The name " + SafeFileName.printable(name)
					+ " is a hidden or temporary file's (starting with . or ~$, ending .part, .tmp or .crdownload), which the inbox never takes: rename the file");
		}
		if (!Pattern.compile("(?is)" + source.filePattern()).matcher(name).matches()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The name " + SafeFileName.printable(name)
					+ " is not one source " + source.id() + " takes (file pattern " + source.filePattern() + ")");
		}
		return name;
	}

	private static void refuseIfWaiting(Path target, String name) {
		if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "A file named " + SafeFileName.printable(name)
					+ " is already waiting in the inbox: wait until it has been loaded, or send it under another name");
		}
	}

	/**
	 * Moves a file into the inbox in one step; from another disk, copied under a hidden
	 * name first and renamed, then the original deleted.
	 */
	private static void moveInto(Path file, Path inbox, Path target) throws IOException {
		try {
			Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Path part = inbox.resolve(".vethub-retake-" + UUID.randomUUID() + ".part");
			try {
				Files.copy(file, part, StandardCopyOption.COPY_ATTRIBUTES);
				Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
				Files.delete(file);
			}
			finally {
				Files.deleteIfExists(part);
			}
		}
	}

	private static String copyWithDigest(InputStream in, OutputStream out) throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (DigestOutputStream digesting = new DigestOutputStream(out, digest)) {
				in.transferTo(digesting);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
