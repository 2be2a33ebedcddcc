package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.jiangmen.vethub.ingest.InboxFiles;
import cn.jiangmen.vethub.ingest.FeedbackWriter;
import cn.jiangmen.vethub.ingest.SafeFileName;
import cn.jiangmen.vethub.ingest.UnreadableFileException;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.partner.PartnerFactLoader.Outcome;
import cn.jiangmen.vethub.partner.PartnerFileParser.ParsedFile;
import cn.jiangmen.vethub.warehouse.ReferenceData;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes one file dropped into a partner's inbox, called by that partner's route: a
 * byte-identical re-delivery (under any name) is recorded as {@code skipped_duplicate};
 * an unreadable file (wrong format, corrupt, cut off) is refused whole and moved to
 * {@code error/<partner>/}; otherwise every good row is loaded, every refused row
 * recorded and the run marked succeeded in one transaction, then the feedback file is
 * written to {@code outbox/<partner>/} and the file is moved to
 * {@code archive/<partner>/<date>/} (a stop in between leaves the file in the inbox, to
 * be answered as a re-delivery of the committed run). When the load fails unexpectedly
 * (database lost), the file stays in the inbox and is taken again later; loads are keyed,
 * so that never double-counts.
 */
@Component("partnerFiles")
public class PartnerFileProcessor {

	private static final Logger log = LoggerFactory.getLogger(PartnerFileProcessor.class);

	private final SourceRegistry registry;

	private final HubFolders folders;

	private final RunLedger ledger;

	private final PartnerFactLoader loader;

	private final TransactionTemplate transaction;

	private final FeedbackWriter feedback = new FeedbackWriter();

	private final InboxFiles inbox;

	private final ReferenceData references;

	PartnerFileProcessor(SourceRegistry registry, HubFolders folders, InboxFiles inbox, RunLedger ledger,
			PartnerFactLoader loader, PlatformTransactionManager transactions, ReferenceData references) {
		this.references = references;
		this.registry = registry;
		this.folders = folders;
		this.inbox = inbox;
		this.ledger = ledger;
		this.loader = loader;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Processes a file of a partner source and moves it out of the inbox (unless an
	 * unexpected failure, such as a lost database, leaves it there to be tried again).
	 * @param sourceId the partner whose inbox the file is in (the route's say, never the
	 * file's)
	 * @param path the file
	 */
	public void process(String sourceId, String path) throws IOException {
		SourceDefinition source = this.registry.get(sourceId);
		if (!source.kind().readsPartnerFiles()) {
			throw new IllegalArgumentException("Source '" + sourceId + "' is not a partner source");
		}
		Path file = Path.of(path);
		String name = file.getFileName().toString();
		if (this.inbox.refuseIfNotRegularFile(source, file).isPresent()) {
			return;
		}
		String sha256 = InboxFiles.sha256(file);
		InboxFiles.Taken taken = this.inbox.start(source, name, sha256);
		long runId = taken.runId();
		try {
			// this hub holds the file's claim: a run of it another hub left running died
			// with that hub
			this.ledger.closeTakenOverRuns(sourceId, name, sha256, runId);
			Optional<Long> earlier = this.inbox.earlierLoad(source, taken, sha256);
			if (earlier.isPresent()) {
				this.inbox.skipDuplicate(source, file, runId, earlier.get());
				return;
			}
			if (this.inbox.refuseIfFailedTooOften(source, file, runId, sha256).isPresent()) {
				return;
			}
			ParsedFile parsed;
			try {
				parsed = new PartnerFileParser(source.partner(), this.references.towns()).parse(file, name);
			}
			catch (UnreadableFileException ex) {
				this.inbox.refuseUnreadable(source, file, runId, ex.getMessage());
				return;
			}
			load(source, file, runId, parsed);
		}
		catch (IOException | RuntimeException | Error ex) {
			String failure = InboxFiles.describeFailure(ex);
			log.error("Partner file {} of {} failed (run {}): {}; it stays in the inbox to be tried again",
					SafeFileName.printable(name), sourceId, runId, failure);
			this.inbox.failed(file);
			this.ledger.finish(runId, RunStatus.FAILED, 0, 0, 0, "处理失败（" + failure + "），文件保留在收件箱中等待重试", null);
			throw ex;
		}
	}

	/**
	 * Loads a parsed file: facts, refused rows and the run's success in one transaction,
	 * so that a hub killed after the commit leaves a run that says what it kept (taken
	 * over, the file is answered as a re-delivery of it, never loaded again and never
	 * closed as if nothing was kept); then the feedback file and the move to the archive
	 * ({@link InboxFiles#settleLoaded}).
	 */
	private void load(SourceDefinition source, Path file, long runId, ParsedFile parsed) {
		String name = file.getFileName().toString();
		String feedbackFile = FeedbackWriter.feedbackName(name);
		List<RejectedRow> rejects = new ArrayList<>(parsed.rejects());
		Outcome outcome = this.transaction.execute((tx) -> {
			Outcome o = this.loader.load(source.id(), runId, parsed.facts());
			rejects.addAll(o.rejects());
			// the only sort: the parser's rejects and the waiting rows, in the file's
			// order
			rejects.sort(parsed.fileOrder());
			this.ledger.reject(runId, source.id(), rejects);
			this.ledger.succeedWithLoad(runId, parsed.rowsRead(), o.loaded(), rejects.size(), feedbackFile);
			return o;
		});
		// committed, with the run marked succeeded: nothing after this undoes the load
		this.inbox.settleLoaded(source, file, runId, () -> {
			try (FeedbackWriter.Session session = this.feedback.open(this.folders.outboxDir(source.id()), name,
					this.folders.workDir())) {
				for (RejectedRow r : rejects) {
					session.reject(r.sheet(), r.rowNumber(), r.reason(), r.detail(), parsed.idAsWritten(r),
							parsed.nameAsWritten(r));
				}
				session.finish(parsed.rowsRead(), outcome.loaded(), rejects.size(), null);
			}
		});
		log.info("Partner file {} of {} loaded (run {}): {} rows read, {} loaded, {} rejected",
				SafeFileName.printable(name), source.id(), runId, parsed.rowsRead(), outcome.loaded(), rejects.size());
	}

}
