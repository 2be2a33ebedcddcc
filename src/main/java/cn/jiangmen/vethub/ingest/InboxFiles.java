package cn.jiangmen.vethub.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.system.HubFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * What happens to a file dropped into an inbox once it is taken, the same for every
 * file-drop source (county offices and partners): its SHA-256 for recognising a
 * byte-identical re-delivery, the answer to a re-delivery ({@code skipped_duplicate}) and
 * to a file that cannot be read ({@code unreadable}), each with its feedback file in
 * {@code outbox/<source>/}, and the move to {@code archive/<source>/<date>/} or
 * {@code error/<source>/}. A file is moved only after its run is recorded, so a stop in
 * between leaves it in the inbox to be taken again. Also the refusals every file-drop
 * source shares: what is not a regular file (a link, a FIFO), and a file that failed for
 * a fault of ours too often; and the backoff before a failed file is tried again.
 */
@Component
public class InboxFiles {

	private static final Logger log = LoggerFactory.getLogger(InboxFiles.class);

	/** The bureau's calendar, which dates the archive folders. */
	public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final HubFolders folders;

	private final RunLedger ledger;

	private final FeedbackWriter feedback = new FeedbackWriter();

	private final InboxRetries retries;

	private final int maxAttempts;

	private final InboxDrops drops;

	InboxFiles(HubFolders folders, RunLedger ledger, InboxRetries retries, InboxProperties inbox, InboxDrops drops) {
		this.folders = folders;
		this.ledger = ledger;
		this.retries = retries;
		this.maxAttempts = inbox.maxAttempts();
		this.drops = drops;
	}

	/** A file's run, and what brought the file (a drop from the console, or none). */
	public record Taken(long runId, RunTrigger trigger) {
	}

	/**
	 * Records the run of a file taken from the inbox: {@code file}, or the trigger of the
	 * console's drop of this file ({@code upload}, {@code retake}: {@link InboxDrops}),
	 * whose run it then is.
	 */
	public Taken start(SourceDefinition source, String fileName, String sha256) {
		Optional<InboxDrops.Drop> drop = this.drops.waiting(source.id(), fileName, sha256);
		RunTrigger trigger = drop.map(InboxDrops.Drop::trigger).orElse(RunTrigger.FILE);
		long runId = this.ledger.start(source.id(), trigger, fileName, sha256);
		drop.ifPresent((d) -> this.drops.taken(d.id(), runId));
		return new Taken(runId, trigger);
	}

	/**
	 * The earlier run that loaded the same bytes, for answering a re-delivery; none for a
	 * file taken again on purpose from the console ({@code retake}), which is loaded
	 * again (after a mapping or the reference data was corrected, its refused rows may
	 * load).
	 */
	public Optional<Long> earlierLoad(SourceDefinition source, Taken taken, String sha256) {
		return (taken.trigger() == RunTrigger.RETAKE) ? Optional.empty()
				: this.ledger.succeededRunOf(source.id(), sha256);
	}

	/** A file refused before its load: its run and its feedback file. */
	public record Refused(long runId, String feedbackFile) {
	}

	/**
	 * Refuses what is not a regular file, before anything opens it: a symbolic link (to
	 * anywhere, so that whoever can write into an inbox cannot make the hub read a file
	 * of its choice), a FIFO (reading it would block for ever), a device, a socket. The
	 * link or special file itself is moved to {@code error/}, never its target, and the
	 * sender is answered. Its run has no SHA-256: nothing of it was read.
	 * @return the refusal, empty for a regular file
	 */
	public Optional<Refused> refuseIfNotRegularFile(SourceDefinition source, Path file) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
				LinkOption.NOFOLLOW_LINKS);
		if (attributes.isRegularFile()) {
			return Optional.empty();
		}
		String reason = attributes.isSymbolicLink() ? "这是一个符号链接（快捷方式），不是文件本身；数据中心不读取链接指向的文件，请直接报送文件"
				: attributes.isDirectory() ? "这是一个文件夹，不是文件；请直接报送文件"
						: "这不是普通文件（命名管道、设备或套接字），无法作为表格读取；请报送 .xlsx 或 .csv 文件";
		long runId = this.ledger.start(source.id(), RunTrigger.FILE, file.getFileName().toString(), null);
		try {
			return Optional.of(new Refused(runId, refuseUnreadable(source, file, runId, reason)));
		}
		catch (IOException | RuntimeException ex) {
			this.ledger.finish(runId, RunStatus.FAILED, 0, 0, 0, "处理失败（" + describeFailure(ex) + "）", null);
			throw ex;
		}
	}

	/**
	 * Refuses a file that has failed for a fault of ours {@code hub.inbox.max-attempts}
	 * times in a row (its failed runs since its last run that ended otherwise, counted by
	 * SHA-256 in the run ledger, so the bound survives restarts): it is moved to
	 * {@code error/} with one {@code unreadable_file} reject and the sender is told that
	 * the fault is ours. Call once the run has started, before reading the file.
	 * @return the refusal, empty when the file is to be tried
	 */
	public Optional<Refused> refuseIfFailedTooOften(SourceDefinition source, Path file, long runId, String sha256)
			throws IOException {
		int failures = this.ledger.failedRunsOf(source.id(), sha256);
		if (failures < this.maxAttempts) {
			return Optional.empty();
		}
		return Optional.of(new Refused(runId, refuseUnreadable(source, file, runId,
				"数据中心处理本文件已连续 " + failures + " 次出错，已停止重试；这不是文件内容的问题，数据中心排查后会与您联系，也可稍后重新报送")));
	}

	/**
	 * Records that a file's load failed for a fault of ours: it stays in the inbox and is
	 * not taken again before its backoff ({@link InboxRetries}) has passed. Never throws.
	 */
	public void failed(Path file) {
		this.retries.failed(file);
	}

	/** The file's SHA-256, in lower-case hex. */
	public static String sha256(Path file) throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Writes the answer to a loaded file's sender. */
	@FunctionalInterface
	public interface Answer {

		void write() throws IOException;

	}

	/**
	 * Ends a file's load after its commit, which marked the run succeeded
	 * ({@link RunLedger#succeedWithLoad}): the sender's answer, the move to
	 * {@code archive/<source>/<date>/}, then the run's end published. Neither can undo
	 * the load: when either fails, the file stays in the inbox and its next attempt
	 * answers it as a re-delivery of this run ({@link #skipDuplicate}), never loading it
	 * again.
	 */
	public void settleLoaded(SourceDefinition source, Path file, long runId, Answer answer) {
		try {
			answer.write();
			archive(source, file, runId);
		}
		catch (IOException | RuntimeException ex) {
			log.warn(
					"File {} of {} was loaded (run {}) but its feedback or archiving failed: {}; it stays in the"
							+ " inbox and is answered as a re-delivery",
					SafeFileName.printable(file.getFileName().toString()), source.id(), runId, describeFailure(ex));
		}
		finally {
			this.ledger.publish(runId);
		}
	}

	/**
	 * Answers a byte-identical re-delivery of an already loaded file: nothing is loaded,
	 * the run is {@code skipped_duplicate}, the sender is told (with the rows the earlier
	 * run could not load that are still not in the warehouse, so that nothing of the
	 * earlier answer is lost), the file archived.
	 * @return the feedback file's name
	 */
	public String skipDuplicate(SourceDefinition source, Path file, long runId, long earlierRun) throws IOException {
		String fileName = file.getFileName().toString();
		String note = "与第 " + earlierRun + " 次运行已入库的文件内容完全相同，未重复入库";
		String feedbackFile;
		try (FeedbackWriter.Session session = this.feedback.open(this.folders.outboxDir(source.id()), fileName,
				this.folders.workDir())) {
			// the answer to the earlier delivery may be gone (this one replaces it when
			// the names are the same) or never written (its hub stopped after the
			// commit): what is still wrong in the file is answered again
			long stillRefused = this.ledger.eachStillRefused(earlierRun,
					(r) -> session.stillRefused(r.sheet(), r.rowNumber(), r.reason(), r.detail(), r.idCard()));
			feedbackFile = session.finish(0, 0, 0, (stillRefused == 0) ? note : note + "；下列 " + stillRefused + " 行是第 "
					+ earlierRun + " 次运行未能入库、至今仍未入库的行（退回的行请更正后重新报送，等待人员信息的行在人员信息到达后自动入库）");
		}
		// moved before the run is marked finished: whoever sees the run ended finds the
		// file gone from the inbox
		archive(source, file, runId);
		this.ledger.finish(runId, RunStatus.SKIPPED_DUPLICATE, 0, 0, 0, note, feedbackFile);
		log.info("File {} of {} is a byte-identical re-delivery of run {}: skipped", SafeFileName.printable(fileName),
				source.id(), earlierRun);
		return feedbackFile;
	}

	/**
	 * Refuses a file that cannot be read as a whole: nothing is loaded, one
	 * {@code unreadable_file} reject is recorded, the run is {@code unreadable}, the
	 * sender is told, the file moved to {@code error/}.
	 * @param reason what is wrong with it, in plain Chinese (no personal data)
	 * @return the feedback file's name
	 */
	public String refuseUnreadable(SourceDefinition source, Path file, long runId, String reason) throws IOException {
		String fileName = file.getFileName().toString();
		this.ledger.rejectNow(runId, source.id(), List.of(new RejectedRow(fileName, null, null, null,
				RejectReason.UNREADABLE_FILE, reason, Map.of(), null, null, null)));
		String feedbackFile;
		try (FeedbackWriter.Session session = this.feedback.open(this.folders.outboxDir(source.id()), fileName,
				this.folders.workDir())) {
			session.reject(null, null, RejectReason.UNREADABLE_FILE, reason, null);
			feedbackFile = session.finish(0, 0, 0, RejectReason.UNREADABLE_FILE.labelZh() + "：" + reason);
		}
		moveInto(file, this.folders.errorDir(source.id()), runId);
		this.ledger.finish(runId, RunStatus.UNREADABLE, 0, 0, 0, reason, feedbackFile);
		log.warn("File {} of {} is unreadable: {}", SafeFileName.printable(fileName), source.id(), reason);
		return feedbackFile;
	}

	/**
	 * An unexpected failure, told without its messages: a database error's message may
	 * quote the values of the row it failed on (an ID number, a name), so logs and the
	 * ledger get the exception types, the SQL state and where the root cause was thrown,
	 * which is enough to find the bug and holds no personal data.
	 */
	public static String describeFailure(Throwable ex) {
		StringBuilder sb = new StringBuilder();
		Throwable root = ex;
		for (Throwable t = ex; t != null && sb.length() < 300; t = (t.getCause() != t) ? t.getCause() : null) {
			if (!sb.isEmpty()) {
				sb.append(" <- ");
			}
			sb.append(t.getClass().getSimpleName());
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				sb.append('[').append(sql.getSQLState()).append(']');
			}
			root = t;
		}
		StackTraceElement[] frames = root.getStackTrace();
		for (StackTraceElement frame : frames) {
			if (frame.getClassName().startsWith("cn.jiangmen.vethub.")) {
				sb.append(" at ")
					.append(frame.getClassName(), "cn.jiangmen.vethub.".length(), frame.getClassName().length())
					.append('.')
					.append(frame.getMethodName())
					.append(':')
					.append(frame.getLineNumber());
				break;
			}
		}
		return sb.toString();
	}

	/** Moves a processed file to {@code archive/<source>/<today>/}. */
	public void archive(SourceDefinition source, Path file, long runId) throws IOException {
		moveInto(file, this.folders.archiveDir(source.id(), LocalDate.now(CHINA)), runId);
	}

	/**
	 * Moves a file into a folder, under a safe name when its own cannot be used
	 * ({@link SafeFileName}); a file of the same name already there is kept, this one is
	 * prefixed. A link is moved itself, not its target.
	 */
	private void moveInto(Path file, Path folder, long runId) throws IOException {
		Files.createDirectories(folder);
		String name = file.getFileName().toString();
		Path target = HubFolders.inside(folder, SafeFileName.of(name, ""));
		if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
			target = HubFolders.inside(folder, SafeFileName.of("run" + runId + "-" + name, ""));
		}
		Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
		this.retries.done(file);
	}

}
