package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import cn.jiangmen.vethub.ingest.FeedbackWriter;
import cn.jiangmen.vethub.ingest.UnreadableFileException;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.partner.PartnerFactLoader.Outcome;
import cn.jiangmen.vethub.partner.PartnerFileParser.ParsedFile;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes one file dropped into a partner's inbox, called by that partner's route: a byte-identical
 * re-delivery (under any name) is recorded as {@code skipped_duplicate}; an unreadable file (wrong
 * format, corrupt, cut off) is refused whole and moved to {@code error/<partner>/}; otherwise every good
 * row is loaded and every refused row recorded in one transaction, the feedback file is written to
 * {@code outbox/<partner>/} and the file is moved to {@code archive/<partner>/<date>/}. When the load
 * fails unexpectedly (database lost), the file stays in the inbox and is taken again later; loads are
 * keyed, so that never double-counts.
 */
@Component("partnerFiles")
public class PartnerFileProcessor {

	private static final Logger log = LoggerFactory.getLogger(PartnerFileProcessor.class);

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final SourceRegistry registry;

	private final HubFolders folders;

	private final RunLedger ledger;

	private final PartnerFactLoader loader;

	private final TransactionTemplate transaction;

	private final FeedbackWriter feedback = new FeedbackWriter();

	PartnerFileProcessor(SourceRegistry registry, HubFolders folders, RunLedger ledger, PartnerFactLoader loader,
			PlatformTransactionManager transactions) {
		this.registry = registry;
		this.folders = folders;
		this.ledger = ledger;
		this.loader = loader;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * @param sourceId the partner whose inbox the file is in (the route's, never the file's say)
	 * @param path the file
	 */
	public void process(String sourceId, String path) throws IOException {
		SourceDefinition source = this.registry.get(sourceId);
		if (source.kind() != SourceKind.PARTNER) {
			throw new IllegalArgumentException("Source " + sourceId + " is not a partner");
		}
		Path file = Path.of(path);
		String name = file.getFileName().toString();
		String sha256 = sha256(file);
		Optional<Long> earlier = this.ledger.succeededRunOf(sourceId, sha256);
		if (earlier.isPresent()) {
			long runId = this.ledger.start(sourceId, RunTrigger.FILE, name, sha256);
			this.ledger.finish(runId, RunStatus.SKIPPED_DUPLICATE, 0, 0, 0,
					"与第 " + earlier.get() + " 次运行的文件内容完全相同，未重复入库", null);
			log.info("Partner {}: {} is byte-identical to the file of run {}, skipped", sourceId, name, earlier.get());
			archive(source, file);
			return;
		}
		long runId = this.ledger.start(sourceId, RunTrigger.FILE, name, sha256);
		ParsedFile parsed;
		try {
			parsed = new PartnerFileParser(source.partner()).parse(file, name);
		}
		catch (UnreadableFileException ex) {
			refuse(source, runId, file, ex.getMessage());
			return;
		}
		try {
			List<RejectedRow> rejects = new ArrayList<>(parsed.rejects());
			Outcome outcome = this.transaction.execute((tx) -> {
				Outcome o = this.loader.load(sourceId, runId, parsed.facts());
				rejects.addAll(o.waiting());
				rejects.sort(parsed.fileOrder());
				this.ledger.reject(runId, sourceId, rejects);
				return o;
			});
			String feedbackFile = writeFeedback(source, name, parsed.rowsRead(), outcome.loaded(), rejects, parsed,
					null);
			this.ledger.succeed(runId, parsed.rowsRead(), outcome.loaded(), rejects.size(), feedbackFile);
			log.info("Partner {}: {} read {} rows, loaded {}, rejected {}", sourceId, name, parsed.rowsRead(),
					outcome.loaded(), rejects.size());
			archive(source, file);
		}
		catch (RuntimeException | IOException ex) {
			this.ledger.finish(runId, RunStatus.FAILED, parsed.rowsRead(), 0, 0,
					"载入失败，文件留在收件箱稍后重试: " + ex.getClass().getSimpleName(), null);
			throw ex;
		}
	}

	private void refuse(SourceDefinition source, long runId, Path file, String reason) throws IOException {
		String name = file.getFileName().toString();
		RejectedRow refused = new RejectedRow(name, null, null, null, RejectReason.UNREADABLE_FILE, reason, null, null,
				null, null);
		this.ledger.rejectNow(runId, source.id(), List.of(refused));
		String feedbackFile = writeFeedback(source, name, 0, 0, List.of(refused), null, "文件未入库：" + reason);
		this.ledger.finish(runId, RunStatus.UNREADABLE, 0, 0, 0, reason, feedbackFile);
		log.warn("Partner {}: {} refused as unreadable: {}", source.id(), name, reason);
		Path errorDir = this.folders.errorDir(source.id());
		Files.createDirectories(errorDir);
		Files.move(file, freeName(errorDir, name), StandardCopyOption.REPLACE_EXISTING);
	}

	private String writeFeedback(SourceDefinition source, String name, long read, long loaded,
			List<RejectedRow> rejects, ParsedFile parsed, String note) throws IOException {
		try (FeedbackWriter.Session session = this.feedback.open(this.folders.outboxDir(source.id()), name)) {
			for (RejectedRow r : rejects) {
				String id = (parsed != null) ? parsed.idAsWritten(r) : null;
				session.reject(r.sheet(), r.rowNumber(), r.reason(), r.detail(), id);
			}
			return session.finish(read, loaded, rejects.size(), note);
		}
	}

	private void archive(SourceDefinition source, Path file) throws IOException {
		Path dir = this.folders.archiveDir(source.id(), LocalDate.now(CHINA));
		Files.createDirectories(dir);
		Files.move(file, freeName(dir, file.getFileName().toString()));
	}

	/** The name itself, or with a counter before the extension when a file of that name is already there. */
	static Path freeName(Path dir, String name) {
		Path target = HubFolders.inside(dir, name);
		int dot = name.lastIndexOf('.');
		String stem = (dot > 0) ? name.substring(0, dot) : name;
		String ext = (dot > 0) ? name.substring(dot) : "";
		for (int n = 1; Files.exists(target); n++) {
			target = HubFolders.inside(dir, stem + "(" + n + ")" + ext);
		}
		return target;
	}

	private static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
