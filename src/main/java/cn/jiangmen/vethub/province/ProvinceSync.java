package cn.jiangmen.vethub.province;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import cn.jiangmen.vethub.ingest.InboxFiles;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.PullSource;
import cn.jiangmen.vethub.ops.PullStartGuard;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.province.ProvinceRecordMapper.VeteranResult;
import cn.jiangmen.vethub.province.ProvinceRecordMapper.Visit;
import cn.jiangmen.vethub.province.ProvinceRecordMapper.VisitResult;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.warehouse.KnownPersons;
import cn.jiangmen.vethub.warehouse.PersonMerger;
import cn.jiangmen.vethub.warehouse.ReferenceData;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync of the provincial system: veterans, then visits, each from its high-water mark
 * (or from the start for a full resync), read by {@link ProvincePager} in a reader thread
 * while the previous pages load, and committed in batches of pages together with the mark
 * that covers them. A run that fails half-way leaves the marks at the last committed
 * batch, so the next run resumes there: nothing is lost, and nothing is loaded twice
 * (persons are merged from observations keyed by gxsj, visits are upserted by zfid).
 * <p>
 * Two syncs of a source never run at once: a JVM flag stops a second one in this hub, and
 * a PostgreSQL advisory lock, held by a connection for the whole run, stops one on
 * another hub node using the same database; a sync that a hub which died left half done
 * is resumed from its marks by the hub that becomes the leader
 * ({@link #takeOverInterrupted()}). A paused source (its route {@code province}
 * suspended) is not synced, on schedule or on demand. Runs go to {@link RunLedger}
 * (trigger manual or schedule); a failed run ends {@code failed} with the API's error,
 * masked, or with the exception types, SQL state and place of any other failure (never
 * its message, which may quote row values).
 */
@Component
public class ProvinceSync implements PullSource {

	static final String VETERANS = "/api/v1/veterans";

	static final String VISITS = "/api/v1/visits";

	/** Live progress is written at most this often (and at each commit). */
	private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

	/**
	 * Most pages the reader may fetch ahead of the loading (it reads about one commit
	 * ahead).
	 */
	private static final int MAX_READ_AHEAD_PAGES = 64;

	private static final Logger log = LoggerFactory.getLogger(ProvinceSync.class);

	private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");

	private static final String UPSERT_VISIT = """
			INSERT INTO dw.visit (source_id, visit_key, id_card, visit_date, visit_type, visitor, visiting_unit, notes,
			                      run_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (source_id, visit_key) DO UPDATE
			   SET id_card = excluded.id_card, visit_date = excluded.visit_date, visit_type = excluded.visit_type,
			       visitor = excluded.visitor, visiting_unit = excluded.visiting_unit, notes = excluded.notes,
			       run_id = excluded.run_id, loaded_at = now()""";

	private final SourceRegistry registry;

	private final RunLedger ledger;

	private final PersonMerger merger;

	private final KnownPersons persons;

	private final ReferenceData references;

	private final SyncMarks marks;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final TransactionTemplate transaction;

	private final JsonMapper json;

	private final ProvinceSyncProperties properties;

	private final PullStartGuard guard;

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	private final ExecutorService readers = Executors.newCachedThreadPool((r) -> {
		Thread t = new Thread(r, "province-reader");
		t.setDaemon(true);
		return t;
	});

	private final ExecutorService executor = Executors.newSingleThreadExecutor((r) -> {
		Thread t = new Thread(r, "province-sync");
		t.setDaemon(true);
		return t;
	});

	ProvinceSync(SourceRegistry registry, RunLedger ledger, PersonMerger merger, KnownPersons persons,
			ReferenceData references, SyncMarks marks, JdbcTemplate jdbc, DataSource dataSource,
			PlatformTransactionManager transactions, JsonMapper json, ProvinceSyncProperties properties,
			PullStartGuard guard) {
		this.properties = properties;
		this.guard = guard;
		this.registry = registry;
		this.ledger = ledger;
		this.persons = persons;
		this.references = references;
		this.merger = merger;
		this.marks = marks;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.transaction = new TransactionTemplate(transactions);
		this.json = json;
	}

	@Override
	public boolean handles(SourceDefinition source) {
		return source.kind() == SourceKind.PROVINCE;
	}

	@Override
	public SyncStart start(SourceDefinition source, RunTrigger trigger, boolean fullResync) {
		// the guard is the JVM flag, taken first and atomically (a second request from
		// here on is refused, also while this one is still starting), then the advisory
		// lock
		return this.guard.start(source, trigger, fullResync, () -> {
			Lock lock = lock(source);
			return (lock != null) ? lock::release : null;
		}, this.executor, (runId) -> run(runId, source, fullResync));
	}

	/** Whether a sync of the source is running in this hub. */
	boolean isRunning(String sourceId) {
		return this.running.contains(sourceId);
	}

	/** Called by the route {@code province} on its schedule. */
	public void scheduled() {
		for (SourceDefinition source : this.registry.ofKind(SourceKind.PROVINCE)) {
			if (source.enabled()) {
				SyncStart start = start(source, RunTrigger.SCHEDULE, false);
				log.info("Scheduled sync of {}: {}", source.id(), start.message());
			}
		}
	}

	/**
	 * Takes over the syncs another hub left running: called when the route
	 * {@code province} starts on this hub ({@link ProvinceTakeoverPolicy}), that is when
	 * this hub becomes the leader, or starts as one. A sync still {@code running} in the
	 * ledger under another hub whose advisory lock this hub can take was cut off (the
	 * lock is held by a session of the syncing hub for the whole run, and a hub that dies
	 * loses its sessions): its run is closed as interrupted and a run with its trigger
	 * resumes it at once, from the marks it committed. A sync whose lock is still held
	 * runs on a live hub and is left to it. Runs in the background.
	 */
	public void takeOverInterrupted() {
		try {
			this.executor.execute(() -> {
				for (SourceDefinition source : this.registry.ofKind(SourceKind.PROVINCE)) {
					if (source.enabled()) {
						try {
							takeOver(source);
						}
						catch (RuntimeException ex) {
							log.warn("Could not take over an interrupted sync of {}: {}", source.id(),
									InboxFiles.describeFailure(ex));
						}
					}
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// the hub is stopping
		}
	}

	/**
	 * Resumes a sync of the source another hub left running, if its hub is gone.
	 * @return whether a run was started
	 */
	boolean takeOver(SourceDefinition source) {
		List<RunLedger.TakenOver> left = this.ledger.runningElsewhere(source.id());
		if (left.isEmpty() || this.guard.refusal(source) != null) {
			return false;
		}
		Lock lock = lock(source);
		if (lock == null) {
			log.info("Sync run {} of {} is running on another hub: left to it", left.get(0).runId(), source.id());
			return false;
		}
		RunTrigger trigger = left.get(left.size() - 1).trigger();
		SyncStart start = PullSource.launch(this.ledger, this.executor, source, trigger, false, (runId) -> {
			this.ledger.closeTakenOverRuns(source.id(), null, null, runId);
			log.info("Sync {} run {} takes over run(s) {} of a hub that stopped, from their marks", source.id(), runId,
					left.stream().map(RunLedger.TakenOver::runId).toList());
			run(runId, source, false);
		}, lock::release);
		return start.started();
	}

	/**
	 * Runs a sync in the calling thread (tests, benchmark).
	 * @return the run id, or empty when a sync of this source is already running
	 */
	Optional<Long> syncNow(SourceDefinition source, RunTrigger trigger, boolean fullResync) {
		Lock lock = lock(source);
		if (lock == null) {
			return Optional.empty();
		}
		try {
			long runId = this.ledger.start(source.id(), trigger, null, null);
			run(runId, source, fullResync);
			return Optional.of(runId);
		}
		finally {
			lock.release();
		}
	}

	private void run(long runId, SourceDefinition source, boolean fullResync) {
		Counts counts = new Counts();
		String endpoint = "veterans";
		try {
			ProvinceClient client = new ProvinceClient(source.province(), this.json);
			ProvinceRecordMapper mapper = new ProvinceRecordMapper(source.id(), this.references.towns(),
					this.references.counties(), ZoneId.of(source.province().timeZone()));
			log.info("Sync {} run {} starts{} from {}", source.id(), runId, fullResync ? " (full resync)" : "",
					source.province().baseUrl());
			readEndpoint(runId, source, VETERANS, "id", fullResync, client, mapper::veteran,
					(results) -> loadVeterans(runId, source.id(), results, counts), counts);
			endpoint = "visits";
			readEndpoint(runId, source, VISITS, "zfid", fullResync, client, mapper::visit,
					(results) -> loadVisits(runId, source.id(), results, counts), counts);
			this.ledger.finish(runId, RunStatus.SUCCEEDED, counts.read, counts.loaded, counts.rejected, null, null);
			log.info("Sync {} run {} succeeded: {} records read, {} loaded, {} rejected, {} deleted in the province "
					+ "(not loaded), {} with xbdm differing from the ID, {} with an unknown town; {} pages, {} tokens; "
					+ "{} ms waiting for the API, {} ms loading", source.id(), runId, counts.read, counts.loaded,
					counts.rejected, counts.deleted, counts.genderMismatch, counts.unknownTown, counts.pages,
					client.tokensFetched(), counts.waitNanos / 1_000_000, counts.loadNanos / 1_000_000);
		}
		catch (RuntimeException ex) {
			String message = endpoint + ": " + failureMessage(ex);
			log.error("Sync {} run {} failed: {}", source.id(), runId, message);
			this.ledger.finish(runId, RunStatus.FAILED, counts.read, counts.loaded, counts.rejected, message, null);
		}
	}

	/**
	 * Reads an endpoint in a reader thread while this thread loads: the reader fetches
	 * pages and hands them over a small queue, mapped (normalized) by a thread of their
	 * own, so that the reader asks for the next page as soon as it has the marks of one
	 * (the next request depends on the page before, and mapping would delay it); pages
	 * are committed together with the newest mark once they hold {@code commitRecords}
	 * records, and whatever was received is committed when the reading stops, also when
	 * it failed (those records are complete up to their mark), before the failure is
	 * reported.
	 */
	private <R> void readEndpoint(long runId, SourceDefinition source, String endpoint, String idField,
			boolean fullResync, ProvinceClient client, Function<Map<String, String>, R> mapper,
			Consumer<List<R>> loader, Counts counts) {
		SyncMark from = fullResync ? SyncMark.START : this.marks.load(source.id(), endpoint);
		ProvincePager pager = new ProvincePager(client, endpoint, idField, source.province().pageSize());
		int readAhead = Math.min(MAX_READ_AHEAD_PAGES,
				2 + this.properties.commitRecords() / Math.max(1, source.province().pageSize()));
		BlockingQueue<Pages<R>> queue = new ArrayBlockingQueue<>(readAhead);
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService mapping = Executors.newSingleThreadExecutor((r) -> {
			Thread t = new Thread(r, "province-mapper");
			t.setDaemon(true);
			return t;
		});
		Future<?> reader = this.readers.submit(() -> {
			Pages<R> last = new Pages<>(null, null, null);
			try {
				pager.read(from, (records, markAfter) -> hand(queue, stop,
						new Pages<>(mapping.submit(() -> records.stream().map(mapper).toList()), markAfter, null)));
			}
			catch (RuntimeException ex) {
				last = new Pages<>(null, null, ex);
			}
			catch (Error ex) {
				last = new Pages<>(null, null, new IllegalStateException("Reading failed: " + ex, ex));
			}
			if (!stop.get()) {
				hand(queue, stop, last);
			}
		});
		List<R> buffer = new ArrayList<>();
		SyncMark pending = null;
		try {
			while (true) {
				long waitStart = System.nanoTime();
				Pages<R> pages = queue.take();
				List<R> records = (pages.records() != null) ? mapped(pages.records()) : null;
				counts.waitNanos += System.nanoTime() - waitStart;
				if (records != null) {
					buffer.addAll(records);
					pending = pages.markAfter();
					counts.pages++;
					if (System.nanoTime() - counts.progressAt > PROGRESS_EVERY_NANOS) {
						// live progress for the console: records received so far
						this.ledger.progress(runId, counts.read + buffer.size());
						counts.progressAt = System.nanoTime();
					}
					if (buffer.size() >= this.properties.commitRecords()) {
						commit(runId, source.id(), endpoint, loader, buffer, pending, counts);
						pending = null;
					}
					continue;
				}
				if (pending != null) {
					commit(runId, source.id(), endpoint, loader, buffer, pending, counts);
				}
				if (pages.failure() != null) {
					throw pages.failure();
				}
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Sync interrupted", ex);
		}
		finally {
			stop.set(true);
			reader.cancel(true);
			mapping.shutdownNow();
		}
	}

	/** The records of a page once mapped; a failure of the mapping is rethrown. */
	private static <R> List<R> mapped(Future<List<R>> records) throws InterruptedException {
		try {
			return records.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("Mapping a page failed: " + ex.getCause(), ex.getCause());
		}
	}

	/**
	 * Commits records with the mark that covers them (and the run's progress). The commit
	 * does not wait for its WAL to reach the disk ({@code synchronous_commit} off for
	 * this transaction only): records and mark go together, so a commit that a crash
	 * loses loses both, and the next run fetches those records again. A later commit that
	 * waits (any other load, the end of the run) makes this one durable too.
	 */
	private <R> void commit(long runId, String sourceId, String endpoint, Consumer<List<R>> loader, List<R> records,
			SyncMark mark, Counts counts) {
		long start = System.nanoTime();
		long read = counts.read + records.size();
		this.transaction.executeWithoutResult((tx) -> {
			this.jdbc.execute("SET LOCAL synchronous_commit = off");
			loader.accept(records);
			this.marks.save(sourceId, endpoint, mark, runId);
			this.ledger.progressInTransaction(runId, read);
		});
		counts.read = read;
		records.clear();
		counts.loadNanos += System.nanoTime() - start;
	}

	/** Puts pages on the queue, waiting for room unless the loading side has stopped. */
	private static <R> void hand(BlockingQueue<Pages<R>> queue, AtomicBoolean stop, Pages<R> pages) {
		try {
			while (!queue.offer(pages, 100, TimeUnit.MILLISECONDS)) {
				if (stop.get()) {
					throw new CancellationException("the loading side stopped");
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted");
		}
	}

	/**
	 * What the reader hands over: one page's new records (being mapped) and their mark,
	 * or the end (all null), or a failure.
	 */
	private record Pages<R>(Future<List<R>> records, SyncMark markAfter, RuntimeException failure) {
	}

	private void loadVeterans(long runId, String sourceId, List<VeteranResult> results, Counts counts) {
		List<RejectedRow> rejects = new ArrayList<>();
		try (PersonMerger.Batch batch = this.merger.begin(runId)) {
			long added = 0;
			for (VeteranResult result : results) {
				if (result.deleted()) {
					counts.deleted++;
				}
				else if (result.reject() != null) {
					rejects.add(result.reject());
				}
				else {
					batch.add(result.observation());
					added++;
					counts.genderMismatch += result.genderMismatch() ? 1 : 0;
					counts.unknownTown += result.unknownTown() ? 1 : 0;
				}
			}
			batch.apply();
			counts.loaded += added;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Loading veterans failed", ex);
		}
		this.ledger.reject(runId, sourceId, rejects);
		counts.rejected += rejects.size();
	}

	private void loadVisits(long runId, String sourceId, List<VisitResult> results, Counts counts) {
		List<RejectedRow> rejects = new ArrayList<>();
		Map<String, Visit> visits = new LinkedHashMap<>();
		Map<String, Map<String, String>> raw = new LinkedHashMap<>();
		for (VisitResult result : results) {
			if (result.reject() != null) {
				rejects.add(result.reject());
			}
			else {
				// the newest version of a visit wins (records come in gxsj order)
				visits.remove(result.visit().visitKey());
				visits.put(result.visit().visitKey(), result.visit());
				raw.put(result.visit().visitKey(), result.raw());
			}
		}
		if (!visits.isEmpty()) {
			// an older version of these visits may still wait for its person: the newer
			// one replaces it
			this.ledger.supersedeWaiting(runId, sourceId, "dw.visit", visits.keySet());
		}
		Set<String> known = this.persons.among(visits.values().stream().map(Visit::idCard).toList());
		List<Visit> loadable = new ArrayList<>();
		for (Visit visit : visits.values()) {
			if (known.contains(visit.idCard())) {
				loadable.add(visit);
			}
			else {
				rejects.add(RejectedRow
					.ofRecord(visit.visitKey(), null, "库中无此人员: " + PersonalDataMask.idCard(visit.idCard()),
							raw.get(visit.visitKey()))
					.waitingFor(visit.idCard(), "dw.visit", visit.payload(sourceId, runId)));
			}
		}
		this.jdbc.batchUpdate(UPSERT_VISIT, loadable, 1000, (ps, v) -> {
			ps.setString(1, sourceId);
			ps.setString(2, v.visitKey());
			ps.setString(3, v.idCard());
			ps.setObject(4, v.visitDate());
			ps.setString(5, v.visitType());
			ps.setString(6, v.visitor());
			ps.setString(7, v.visitingUnit());
			ps.setString(8, v.notes());
			ps.setLong(9, runId);
		});
		this.ledger.reject(runId, sourceId, rejects);
		counts.loaded += loadable.size();
		counts.rejected += rejects.size();
	}

	/**
	 * What the ledger and the log say about a failed run. The API's own errors
	 * ({@link ProvinceApiException}) keep their message, masked; any other failure (a
	 * database error quotes row values: names, phones, IDs) is described by exception
	 * types, SQL state and place only, never by its message.
	 */
	static String failureMessage(Throwable ex) {
		return (ex instanceof ProvinceApiException) ? masked(ex) : InboxFiles.describeFailure(ex);
	}

	/**
	 * The API error's message for the ledger and the log: ID numbers masked, database
	 * details dropped.
	 */
	static String masked(Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		int detail = message.indexOf("Detail:");
		if (detail >= 0) {
			message = message.substring(0, detail).strip();
		}
		return ID_NUMBER.matcher(message).replaceAll((m) -> PersonalDataMask.idCard(m.group()));
	}

	/**
	 * Takes the JVM flag and the cross-node advisory lock of a source, or returns null
	 * when either is taken.
	 */
	private Lock lock(SourceDefinition source) {
		if (!this.running.add(source.id())) {
			return null;
		}
		Connection con = null;
		try {
			con = this.dataSource.getConnection();
			con.setAutoCommit(true);
			try (PreparedStatement ps = con.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
				ps.setString(1, "vethub-sync:" + source.id());
				try (ResultSet rs = ps.executeQuery()) {
					rs.next();
					if (rs.getBoolean(1)) {
						return new Lock(source.id(), con);
					}
				}
			}
			log.info("A sync of {} is running on another node", source.id());
			con.close();
			this.running.remove(source.id());
			return null;
		}
		catch (SQLException | RuntimeException ex) {
			if (con != null) {
				DataSourceUtils.releaseConnection(con, null);
			}
			this.running.remove(source.id());
			throw new IllegalStateException("Cannot take the sync lock of " + source.id() + ": " + ex.getMessage(), ex);
		}
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
		this.readers.shutdownNow();
	}

	/** The held locks of one running sync. */
	private final class Lock {

		private final String sourceId;

		private final Connection connection;

		Lock(String sourceId, Connection connection) {
			this.sourceId = sourceId;
			this.connection = connection;
		}

		void release() {
			try (Connection con = this.connection;
					PreparedStatement ps = con.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
				ps.setString(1, "vethub-sync:" + this.sourceId);
				ps.execute();
			}
			catch (SQLException ex) {
				// closing the session releases the advisory lock anyway
				log.warn("Releasing the sync lock of {}: {}", this.sourceId, ex.getMessage());
			}
			finally {
				ProvinceSync.this.running.remove(this.sourceId);
			}
		}

	}

	/** Running totals of one run. */
	private static final class Counts {

		long read;

		long loaded;

		long rejected;

		long deleted;

		long genderMismatch;

		long unknownTown;

		long pages;

		long waitNanos;

		long progressAt = System.nanoTime();

		long loadNanos;

	}

}
