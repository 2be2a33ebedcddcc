package cn.jiangmen.vethub.county;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import cn.jiangmen.vethub.county.CountyRows.Outcome;
import cn.jiangmen.vethub.county.CountyRows.Payment;
import cn.jiangmen.vethub.county.CountyRows.Refusal;
import cn.jiangmen.vethub.county.CountyRows.Roster;
import cn.jiangmen.vethub.county.CountyRows.SheetKind;
import cn.jiangmen.vethub.ingest.InboxFiles;
import cn.jiangmen.vethub.ingest.DataRows;
import cn.jiangmen.vethub.ingest.FeedbackWriter;
import cn.jiangmen.vethub.ingest.FileFormat;
import cn.jiangmen.vethub.ingest.FileFormatSniffer;
import cn.jiangmen.vethub.ingest.HandlerException;
import cn.jiangmen.vethub.ingest.Header;
import cn.jiangmen.vethub.ingest.HeaderLocator;
import cn.jiangmen.vethub.ingest.HeaderSynonyms;
import cn.jiangmen.vethub.ingest.SafeFileName;
import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.ingest.TableReader;
import cn.jiangmen.vethub.ingest.UnreadableFileException;
import cn.jiangmen.vethub.normalize.Text;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.normalize.ValueSynonyms;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.partner.PartnerFact;
import cn.jiangmen.vethub.partner.PartnerFactLoader;
import cn.jiangmen.vethub.partner.SheetKinds;
import cn.jiangmen.vethub.source.PartnerSettings;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import cn.jiangmen.vethub.warehouse.CopyLoader;
import cn.jiangmen.vethub.warehouse.PersonMerger;
import cn.jiangmen.vethub.warehouse.PersonObservation;
import cn.jiangmen.vethub.warehouse.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads one county file, called by the county route for each file that has finished
 * arriving. In order:
 * <ol>
 * <li>sha256: a byte-identical re-delivery of a loaded file is a
 * {@code skipped_duplicate} run, archived and changing nothing;</li>
 * <li>format by content; an unreadable file gets one {@code unreadable_file} reject, goes
 * to {@code error/<source>/} and is answered;</li>
 * <li>in ONE transaction: every data sheet (roster or payments, by its header) is
 * streamed and each row normalized ({@link CountyRows}); roster rows stream by COPY into
 * {@link PersonMerger} as observations at the file's as-of date, payment rows wait on
 * disk; the roster is merged first (so a roster in the same file creates the persons its
 * payments need), then payments are COPYed into a stage and loaded with one
 * {@code INSERT ... ON CONFLICT DO NOTHING} (never double-counted); duplicates within the
 * file (last wins) and payments of unknown persons (kept, loaded when the person arrives)
 * are found in SQL and their rows fetched back from the file in a second pass; the run is
 * marked succeeded in the same transaction;</li>
 * <li>only after the commit: the feedback file and the move to
 * {@code archive/<source>/<date>/}. If the process dies before the move, the file is
 * still in the inbox: if the load had committed, the next attempt finds the same bytes
 * already loaded ({@code skipped_duplicate}); if not, nothing of it was kept and it loads
 * again. Nothing is ever loaded twice.</li>
 * </ol>
 */
@Component("countyFileProcessor")
public class CountyFileProcessor {

	private static final Logger log = LoggerFactory.getLogger(CountyFileProcessor.class);

	private static final String PAYMENT_TABLE = "dw.assistance_payment";

	private static final int REJECT_BATCH = 1000;

	private final SourceRegistry sources;

	private final HubFolders folders;

	private final RunLedger ledger;

	private final PersonMerger persons;

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final JsonMapper json;

	private final ReferenceData references;

	private final CountyProperties properties;

	private final HeaderSynonyms headerSynonyms;

	private final HeaderLocator headers;

	private final ValueSynonyms categories;

	private final ValueSynonyms politicalStatuses;

	private final ValueSynonyms assistanceCategories;

	private final FileFormatSniffer sniffer = new FileFormatSniffer();

	private final FeedbackWriter feedback = new FeedbackWriter();

	/** Finds the formats of files, beside the thread that takes their digests. */
	private final ExecutorService sniffing = Executors.newCachedThreadPool((r) -> {
		Thread t = new Thread(r, "county-sniffer");
		t.setDaemon(true);
		return t;
	});

	private final InboxFiles inbox;

	private final SheetKinds sheetKinds;

	private final PartnerFactLoader facts;

	CountyFileProcessor(SourceRegistry sources, HubFolders folders, InboxFiles inbox, RunLedger ledger,
			PersonMerger persons, DataSource dataSource, JdbcTemplate jdbc, PlatformTransactionManager transactions,
			JsonMapper json, ReferenceData references, CountyProperties properties, PartnerFactLoader facts) {
		this.sheetKinds = new SheetKinds(properties.sheets());
		this.facts = facts;
		this.sources = sources;
		this.folders = folders;
		this.inbox = inbox;
		this.ledger = ledger;
		this.persons = persons;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.json = json;
		this.references = references;
		this.properties = properties;
		this.headerSynonyms = new HeaderSynonyms(CountyField.synonyms(properties.headers()));
		this.headers = new HeaderLocator(this.headerSynonyms, CountyField.ID_CARD.key());
		this.categories = ValueSynonyms.personCategories().with(properties.personCategories());
		this.politicalStatuses = ValueSynonyms.politicalStatuses().with(properties.politicalStatuses());
		this.assistanceCategories = CountyRows.assistanceCategories().with(properties.assistanceCategories());
	}

	/** What became of a file. */
	public record Result(long runId, RunStatus status, long rowsRead, long rowsLoaded, long rowsRejected,
			String feedbackFile) {
	}

	/**
	 * Processes a file of a county source and moves it out of the inbox (unless an
	 * unexpected failure, such as a lost database, leaves it there to be tried again).
	 */
	public Result process(String sourceId, String path) throws Exception {
		SourceDefinition source = this.sources.get(sourceId);
		if (source.kind() != SourceKind.COUNTY || source.countyCode() == null) {
			throw new IllegalArgumentException("Source '" + sourceId + "' is not a county source with a county code");
		}
		Path file = Path.of(path);
		String fileName = file.getFileName().toString();
		Optional<InboxFiles.Refused> notAFile = this.inbox.refuseIfNotRegularFile(source, file);
		if (notAFile.isPresent()) {
			return new Result(notAFile.get().runId(), RunStatus.UNREADABLE, 0, 0, 0, notAFile.get().feedbackFile());
		}
		Instant arrival = Instant.now();
		long t0 = System.nanoTime();
		// the format is found while the digest is taken: each reads the whole file
		Future<FileFormat> sniffed = this.sniffing.submit(() -> this.sniffer.sniff(file));
		String sha256;
		try {
			sha256 = InboxFiles.sha256(file);
		}
		catch (IOException | RuntimeException ex) {
			sniffed.cancel(true);
			throw ex;
		}
		InboxFiles.Taken taken = this.inbox.start(source, fileName, sha256);
		long runId = taken.runId();
		try {
			// this hub holds the file's claim: a run of it another hub left running died
			// with that hub
			this.ledger.closeTakenOverRuns(sourceId, fileName, sha256, runId);
			Optional<Long> earlier = this.inbox.earlierLoad(source, taken, sha256);
			if (earlier.isPresent()) {
				sniffed.cancel(true);
				String feedbackFile = this.inbox.skipDuplicate(source, file, runId, earlier.get());
				return new Result(runId, RunStatus.SKIPPED_DUPLICATE, 0, 0, 0, feedbackFile);
			}
			Optional<InboxFiles.Refused> givenUp = this.inbox.refuseIfFailedTooOften(source, file, runId, sha256);
			if (givenUp.isPresent()) {
				sniffed.cancel(true);
				return new Result(runId, RunStatus.UNREADABLE, 0, 0, 0, givenUp.get().feedbackFile());
			}
			FileFormat format;
			try {
				format = sniffed.get();
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UnreadableFileException unreadable) {
					return unreadable(source, file, runId, unreadable.getMessage());
				}
				throw (ex.getCause() instanceof Exception cause) ? cause : ex;
			}
			log.debug("Run {}: SHA-256 and format {} in {} ms", runId, format, (System.nanoTime() - t0) / 1_000_000);
			return load(source, file, runId, format, AsOfDate.of(fileName, arrival));
		}
		catch (Exception | Error ex) {
			// The message of a database error may quote row values: only the types go to
			// the log at ERROR.
			log.error("County file {} of {} failed (run {}): {}; it stays in the inbox to be tried again",
					SafeFileName.printable(fileName), sourceId, runId, InboxFiles.describeFailure(ex));
			this.inbox.failed(file);
			this.ledger.finish(runId, RunStatus.FAILED, 0, 0, 0, failureMessage(ex), null);
			throw ex;
		}
	}

	private Result unreadable(SourceDefinition source, Path file, long runId, String reason) throws IOException {
		String feedbackFile = this.inbox.refuseUnreadable(source, file, runId, reason);
		return new Result(runId, RunStatus.UNREADABLE, 0, 0, 0, feedbackFile);
	}

	private Result load(SourceDefinition source, Path file, long runId, FileFormat format, OffsetDateTime asOf)
			throws Exception {
		String fileName = file.getFileName().toString();
		CountyRows rows = countyRows(source);
		FeedbackWriter.Session session = this.feedback.open(this.folders.outboxDir(source.id()), fileName,
				this.folders.workDir());
		try (session) {
			Counts counts;
			try {
				counts = this.transaction.execute((tx) -> {
					try {
						return new FileLoad(source, file, runId, format, asOf, rows, session).run();
					}
					catch (UnreadableFileException ex) {
						throw new UnreadableDuringLoad(ex);
					}
					catch (RuntimeException ex) {
						throw ex;
					}
					catch (Exception ex) {
						throw new LoadFailure(ex);
					}
				});
			}
			catch (UnreadableDuringLoad ex) {
				return unreadable(source, file, runId, ex.getCause().getMessage());
			}
			catch (LoadFailure | HandlerException ex) {
				throw (ex.getCause() instanceof Exception cause) ? cause : ex;
			}
			// committed, with the run marked succeeded: nothing after this undoes the
			// load
			this.inbox.settleLoaded(source, file, runId,
					() -> session.finish(counts.read, counts.loaded, counts.rejected, null));
			String feedbackFile = FeedbackWriter.feedbackName(fileName);
			log.info("County file {} of {} loaded (run {}): {} rows read, {} loaded, {} rejected",
					SafeFileName.printable(fileName), source.id(), runId, counts.read, counts.loaded, counts.rejected);
			return new Result(runId, RunStatus.SUCCEEDED, counts.read, counts.loaded, counts.rejected, feedbackFile);
		}
	}

	/** Row counts of a file. */
	private record Counts(long read, long loaded, long rejected) {
	}

	/** Where a row is: its sheet (null for text files) and row number. */
	private record Ref(String sheet, long row) {

		String key() {
			return (this.sheet != null) ? this.sheet + "!" + this.row : "#" + this.row;
		}

	}

	/** A valid payment row waiting (on disk) for the roster to be merged. */
	record StagedPayment(long seq, String sheet, long rowNumber, String idCard, String category, String amount,
			String paidDate, String handler) {
	}

	/** A valid row of a configured kind, with the sheet it was read from. */
	private record KindFact(SheetKinds.Table table, PartnerFact fact) {
	}

	/** The load of one file, inside its transaction. */
	private final class FileLoad {

		private final SourceDefinition source;

		private final Path file;

		private final String fileName;

		private final long runId;

		private final FileFormat format;

		private final OffsetDateTime asOf;

		private final CountyRows rows;

		private final FeedbackWriter.Session session;

		private long read;

		private long rejected;

		private long paymentSeq;

		/**
		 * The valid rows of the configured kinds by target and record key, in file order.
		 */
		private final Map<String, KindFact> kindFacts = new LinkedHashMap<>();

		FileLoad(SourceDefinition source, Path file, long runId, FileFormat format, OffsetDateTime asOf,
				CountyRows rows, FeedbackWriter.Session session) {
			this.source = source;
			this.file = file;
			this.fileName = file.getFileName().toString();
			this.runId = runId;
			this.format = format;
			this.asOf = asOf;
			this.rows = rows;
			this.session = session;
		}

		/** When the load started, for the phase timings logged at DEBUG. */
		private long t0;

		Counts run() throws Exception {
			this.t0 = System.nanoTime();
			TableReader reader = TableReader.of(this.format);
			Connection con = DataSourceUtils.getConnection(CountyFileProcessor.this.dataSource);
			Path work = CountyFileProcessor.this.folders.workDir();
			try (JsonLinesSpill<RejectedRow> rejects = new JsonLinesSpill<>(CountyFileProcessor.this.json,
					RejectedRow.class, work);
					JsonLinesSpill<StagedPayment> payments = new JsonLinesSpill<>(CountyFileProcessor.this.json,
							StagedPayment.class, work)) {
				List<String> rosterDuplicates;
				try (PersonMerger.Batch batch = CountyFileProcessor.this.persons.begin(this.runId)) {
					MappedRows mapped = new MappedRows() {
						@Override
						public void roster(Header h, SourceRow r, Roster roster) throws Exception {
							batch.add(observation(new Ref(r.sheet(), r.rowNumber()), roster));
						}

						@Override
						public void payment(Header h, SourceRow r, Payment pay) {
							payments.add(new StagedPayment(++FileLoad.this.paymentSeq, r.sheet(), r.rowNumber(),
									pay.id().number(), pay.category(), pay.amount().toPlainString(),
									pay.paidDate().toString(), pay.handler()));
						}

						@Override
						public void refused(Header h, SourceRow r, Refusal refusal) {
							reject(rejects, h, r, refusal);
						}
					};
					DataRows dataRows = dataRows((header, row) -> {
						counted();
						map(this.rows, header, row, mapped);
					});
					KindedSheets sheets = new KindedSheets(CountyFileProcessor.this.sheetKinds, this.fileName,
							CountyFileProcessor.this.references.towns(), this.source.countyCode(), dataRows,
							(table, row) -> {
								counted();
								kindRow(rejects, table, row);
							});
					readAll(reader, this.file, sheets);
					long t1 = System.nanoTime();
					batch.apply();
					long t2 = System.nanoTime();
					rosterDuplicates = batch.supersededRecordRefs();
					log.debug("Run {}: read and staged in {} ms, merged in {} ms, duplicates found in {} ms",
							this.runId, (t1 - this.t0) / 1_000_000, (t2 - t1) / 1_000_000,
							(System.nanoTime() - t2) / 1_000_000);
				}
				loadKindFacts(rejects);
				PaymentOutcome paid = loadPayments(con, payments);
				Map<String, String> duplicates = new HashMap<>();
				rosterDuplicates.forEach((ref) -> duplicates.put(ref, "身份证号码"));
				paid.duplicates.forEach((ref) -> duplicates.put(ref, "身份证号码、救助类别、金额、发放日期均"));
				if (!duplicates.isEmpty() || !paid.unknown.isEmpty()) {
					secondPass(rejects, duplicates, paid.unknown);
				}
				List<RejectedRow> batchOfRejects = new ArrayList<>(REJECT_BATCH);
				rejects.forEach((r) -> {
					batchOfRejects.add(r);
					if (batchOfRejects.size() == REJECT_BATCH) {
						CountyFileProcessor.this.ledger.reject(this.runId, this.source.id(), batchOfRejects);
						batchOfRejects.clear();
					}
				});
				CountyFileProcessor.this.ledger.reject(this.runId, this.source.id(), batchOfRejects);
				long loaded = this.read - this.rejected;
				CountyFileProcessor.this.ledger.succeedWithLoad(this.runId, this.read, loaded, this.rejected,
						FeedbackWriter.feedbackName(this.fileName));
				return new Counts(this.read, loaded, this.rejected);
			}
			finally {
				DataSourceUtils.releaseConnection(con, CountyFileProcessor.this.dataSource);
			}
		}

		private void counted() {
			this.read++;
			if (this.read % CountyFileProcessor.this.properties.progressEvery() == 0) {
				CountyFileProcessor.this.ledger.progress(this.runId, this.read);
			}
		}

		/**
		 * A data row of a sheet of a configured kind: refused now, or kept until the
		 * roster is merged (a later row of the same record key wins).
		 */
		private void kindRow(JsonLinesSpill<RejectedRow> rejects, SheetKinds.Table table, SourceRow row) {
			SheetKinds.Mapped mapped = table.map(row);
			if (mapped.refused() != null) {
				rejectKind(rejects, table, mapped.refused());
				return;
			}
			PartnerFact fact = mapped.fact();
			String key = fact.target().code() + "\u001f" + fact.key();
			KindFact earlier = this.kindFacts.remove(key);
			if (earlier != null) {
				RejectedRow r = earlier.fact.origin();
				String where = (Objects.equals(r.sheet(), row.sheet()) ? "" : "工作表“" + row.sheet() + "”") + "第 "
						+ row.rowNumber() + " 行";
				rejectKind(rejects, earlier.table,
						new RejectedRow(r.fileName(), r.sheet(), r.rowNumber(), r.recordKey(),
								RejectReason.DUPLICATE_IN_FILE, "与" + where + "的记录重复，以最后一行为准", r.rawValues(), null,
								null, null));
			}
			this.kindFacts.put(key, new KindFact(table, fact));
		}

		private void rejectKind(JsonLinesSpill<RejectedRow> rejects, SheetKinds.Table table, RejectedRow r) {
			rejects.add(r);
			this.session.reject(r.sheet(), r.rowNumber(), r.reason(), r.detail(),
					table.written(r, PartnerSettings.ID_CARD_FIELD), table.written(r, "name"));
			this.rejected++;
		}

		/**
		 * Loads the rows of the configured kinds after the roster is merged (so that the
		 * file's own roster creates the persons they need), through the partner loader:
		 * upserted on (source, record key), county from the source; rows of unknown
		 * persons wait.
		 */
		private void loadKindFacts(JsonLinesSpill<RejectedRow> rejects) {
			if (this.kindFacts.isEmpty()) {
				return;
			}
			List<PartnerFact> all = new ArrayList<>();
			this.kindFacts.values().forEach((k) -> all.add(k.fact));
			PartnerFactLoader.Outcome outcome = CountyFileProcessor.this.facts.load(this.source.id(),
					this.source.countyCode(), this.runId, all);
			Map<String, SheetKinds.Table> bySheet = new HashMap<>();
			this.kindFacts.values().forEach((k) -> bySheet.put(String.valueOf(k.fact.origin().sheet()), k.table));
			for (RejectedRow waiting : outcome.rejects()) {
				rejectKind(rejects, bySheet.get(String.valueOf(waiting.sheet())), waiting);
			}
		}

		private PersonObservation observation(Ref ref, Roster r) {
			return new PersonObservation(r.id().number(), this.source.id(), PersonObservation.Kind.ROSTER, this.asOf,
					ref.key(), r.name(), r.category(), r.politicalStatus(), r.enlistDate(), r.dischargeDate(),
					r.phone(), r.town(), r.countyCode(), r.village());
		}

		private void reject(JsonLinesSpill<RejectedRow> rejects, Header header, SourceRow row, Refusal refusal) {
			rejects.add(RejectedRow.ofRow(this.fileName, row.sheet(), row.rowNumber(), refusal.reason(),
					refusal.detail(), header.rawValues(row)));
			this.session.reject(row.sheet(), row.rowNumber(), refusal.reason(), refusal.detail(), refusal.idText(),
					refusal.nameText());
			this.rejected++;
		}

		private record PaymentOutcome(List<String> duplicates, Map<String, Map<String, Object>> unknown) {
		}

		private PaymentOutcome loadPayments(Connection con, JsonLinesSpill<StagedPayment> payments) throws Exception {
			if (payments.count() == 0) {
				return new PaymentOutcome(List.of(), Map.of());
			}
			try (CopyLoader copy = CopyLoader.open(con, "COPY ops.county_payment_stage (run_id, seq, sheet, row_number,"
					+ " id_card, category, amount, paid_date, handler) FROM STDIN")) {
				payments.forEach((p) -> copy.row(this.runId, p.seq(), p.sheet(), p.rowNumber(), p.idCard(),
						p.category(), p.amount(), p.paidDate(), p.handler()));
				copy.finish();
			}
			List<String> duplicates = new ArrayList<>();
			Map<String, Map<String, Object>> unknown = new LinkedHashMap<>();
			try (PreparedStatement ps = con.prepareStatement("""
					SELECT sheet, row_number, id_card, category, amount, paid_date, handler, superseded
					  FROM (SELECT s.*,
					               EXISTS (SELECT 1 FROM ops.county_payment_stage t
					                        WHERE t.run_id = s.run_id AND t.id_card = s.id_card
					                          AND t.category = s.category AND t.amount = s.amount
					                          AND t.paid_date = s.paid_date AND t.seq > s.seq) AS superseded,
					               EXISTS (SELECT 1 FROM dw.person p WHERE p.id_card = s.id_card) AS known
					          FROM ops.county_payment_stage s
					         WHERE s.run_id = ?) f
					 WHERE superseded OR NOT known
					 ORDER BY seq""")) {
				ps.setLong(1, this.runId);
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						String ref = new Ref(rs.getString(1), rs.getLong(2)).key();
						if (rs.getBoolean(8)) {
							duplicates.add(ref);
						}
						else {
							Map<String, Object> payload = new LinkedHashMap<>();
							payload.put("source_id", this.source.id());
							payload.put("id_card", rs.getString(3));
							payload.put("category", rs.getString(4));
							payload.put("amount", rs.getBigDecimal(5).toPlainString());
							payload.put("paid_date", rs.getDate(6).toLocalDate().toString());
							payload.put("handler", rs.getString(7));
							payload.put("county_code", this.source.countyCode());
							payload.put("run_id", this.runId);
							unknown.put(ref, payload);
						}
					}
				}
			}
			try (PreparedStatement ps = con.prepareStatement("""
					INSERT INTO dw.assistance_payment (source_id, id_card, category, amount, paid_date, handler,
					                                   county_code, run_id)
					SELECT DISTINCT ON (s.id_card, s.category, s.amount, s.paid_date)
					       ?, s.id_card, s.category, s.amount, s.paid_date, s.handler, ?, ?
					  FROM ops.county_payment_stage s
					 WHERE s.run_id = ? AND EXISTS (SELECT 1 FROM dw.person p WHERE p.id_card = s.id_card)
					 ORDER BY s.id_card, s.category, s.amount, s.paid_date, s.seq DESC
					ON CONFLICT DO NOTHING""")) {
				ps.setString(1, this.source.id());
				ps.setString(2, this.source.countyCode());
				ps.setLong(3, this.runId);
				ps.setLong(4, this.runId);
				ps.executeUpdate();
			}
			try (PreparedStatement ps = con.prepareStatement("DELETE FROM ops.county_payment_stage WHERE run_id = ?")) {
				ps.setLong(1, this.runId);
				ps.executeUpdate();
			}
			return new PaymentOutcome(duplicates, unknown);
		}

		/**
		 * Fetches the raw values of the rows found to be duplicates or waiting for their
		 * person.
		 */
		private void secondPass(JsonLinesSpill<RejectedRow> rejects, Map<String, String> duplicates,
				Map<String, Map<String, Object>> unknown) throws Exception {
			Set<String> wanted = new HashSet<>(duplicates.keySet());
			wanted.addAll(unknown.keySet());
			TableReader.of(this.format).read(this.file, dataRows((header, row) -> {
				String sheet = row.sheet();
				String key = new Ref(sheet, row.rowNumber()).key();
				if (!wanted.contains(key)) {
					return;
				}
				RawIdentity id = RawIdentity.of(header, row);
				Map<String, String> raw = header.rawValues(row);
				RejectedRow rejectedRow;
				if (duplicates.containsKey(key)) {
					String detail = duplicates.get(key) + "相同的行在本文件后面再次出现（"
							+ PersonalDataMask.idCard(Text.compact(id.text)) + "），以最后一行为准";
					rejectedRow = RejectedRow.ofRow(this.fileName, sheet, row.rowNumber(),
							RejectReason.DUPLICATE_IN_FILE, detail, raw);
					this.session.reject(sheet, row.rowNumber(), RejectReason.DUPLICATE_IN_FILE, detail, id.text,
							id.name);
				}
				else {
					Map<String, Object> payload = unknown.get(key);
					String idCard = (String) payload.get("id_card");
					String detail = "身份证号码 " + PersonalDataMask.idCard(idCard) + " 不在人员库中；人员信息到达后自动入库";
					rejectedRow = RejectedRow
						.ofRow(this.fileName, sheet, row.rowNumber(), RejectReason.UNKNOWN_PERSON, detail, raw)
						.waitingFor(idCard, PAYMENT_TABLE, payload);
					this.session.reject(sheet, row.rowNumber(), RejectReason.UNKNOWN_PERSON, detail, idCard, id.name);
				}
				rejects.add(rejectedRow);
				this.rejected++;
			}));
		}

	}

	/** The ID of a row as written and compacted for masking, and its name as written. */
	private record RawIdentity(String text, String name) {

		static RawIdentity of(Header header, SourceRow row) {
			return new RawIdentity(textOf(header, row, CountyField.ID_CARD), textOf(header, row, CountyField.NAME));
		}

		private static String textOf(Header header, SourceRow row, CountyField field) {
			return header.column(field.key()).isPresent() ? row.text(header.column(field.key()).getAsInt()) : "";
		}

	}

	/**
	 * What the mapping of one county row gives; the seam shared by the load and the
	 * preview ({@link CountyFilePreview}), so that both see the same records and
	 * refusals.
	 */
	interface MappedRows {

		void roster(Header header, SourceRow row, Roster roster) throws Exception;

		void payment(Header header, SourceRow row, Payment payment) throws Exception;

		void refused(Header header, SourceRow row, Refusal refusal) throws Exception;

	}

	/** Maps one data row by its sheet's kind (roster or payments). */
	static void map(CountyRows rows, Header header, SourceRow row, MappedRows mapped) throws Exception {
		SheetKind kind = SheetKind.of(header);
		if (kind == SheetKind.ROSTER) {
			Outcome<Roster> r = rows.roster(header, row);
			if (r.isOk()) {
				mapped.roster(header, row, r.record());
			}
			else {
				mapped.refused(header, row, r.refusal());
			}
		}
		else {
			Outcome<Payment> p = rows.payment(header, row);
			if (p.isOk()) {
				mapped.payment(header, row, p.record());
			}
			else {
				mapped.refused(header, row, p.refusal());
			}
		}
	}

	/** The towns of the city, for the town fields of the configured kinds. */
	TownResolver towns() {
		return this.references.towns();
	}

	/** The configured kinds of county sheet ({@code hub.county.sheets}). */
	SheetKinds sheetKinds() {
		return this.sheetKinds;
	}

	/** The row mapping of a county source, with this hub's synonyms and towns. */
	CountyRows countyRows(SourceDefinition source) {
		return new CountyRows(source.countyCode(), this.references.towns(), this.categories, this.politicalStatuses,
				this.assistanceCategories);
	}

	/**
	 * Reads every data sheet of a file; a file in which no sheet has a header with an ID
	 * column is unreadable.
	 */
	void readAll(TableReader reader, Path file, DataRows dataRows) throws Exception {
		reader.read(file, dataRows);
		if (dataRows.sheetsWithHeader() == 0) {
			throw new UnreadableFileException("未找到数据表：没有哪个工作表在前 " + this.headers.searchRows() + " 行内含有身份证号码列（"
					+ String.join("、", this.headerSynonyms.synonymsOf(CountyField.ID_CARD.key())) + "）");
		}
	}

	/**
	 * Reads every sheet of a file, those of the configured kinds too; a file in which no
	 * sheet has a header of any kind is unreadable.
	 */
	void readAll(TableReader reader, Path file, KindedSheets sheets) throws Exception {
		reader.read(file, sheets);
		if (sheets.sheetsWithHeader() == 0) {
			throw new UnreadableFileException("未找到数据表：没有哪个工作表在前 " + this.headers.searchRows() + " 行内含有身份证号码列（"
					+ String.join("、", this.headerSynonyms.synonymsOf(CountyField.ID_CARD.key())) + "）或已配置的表头");
		}
	}

	DataRows dataRows(DataRows.Handler handler) {

		return new DataRows(this.headers, CountyField.ID_CARD.key(), handler);
	}

	private static String failureMessage(Throwable ex) {
		return "处理失败（" + InboxFiles.describeFailure(ex) + "），文件保留在收件箱中等待重试";
	}

	/** An unreadable file discovered mid-load: rolls the load back. */
	private static final class UnreadableDuringLoad extends RuntimeException {

		UnreadableDuringLoad(UnreadableFileException cause) {
			super(cause.getMessage(), cause);
		}

	}

	/** A checked failure of the load, carried out of the transaction callback. */
	private static final class LoadFailure extends RuntimeException {

		LoadFailure(Exception cause) {
			super(cause.getMessage(), cause);
		}

	}

}
