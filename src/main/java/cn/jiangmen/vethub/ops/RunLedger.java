package cn.jiangmen.vethub.ops;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import cn.jiangmen.vethub.cluster.HubInstance;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.annotation.PreDestroy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run ledger ({@code ops.ingest_run}, {@code ops.rejected_row}). Runs are started,
 * advanced and finished in their own transactions, so that a run's record survives the
 * rollback of the file or page it was loading. Rejected rows are written in the caller's
 * transaction: they belong to the load that found them and are rolled back with it.
 * <p>
 * Finishing a run publishes its metrics, so every pipeline that keeps the ledger is
 * measured alike: {@code vethub_rows_read_total}, {@code vethub_rows_loaded_total},
 * {@code vethub_rows_rejected_total} (per source),
 * {@code vethub_rows_rejected_by_reason_total} (per source and reason),
 * {@code vethub_run_duration_seconds} (per source and status),
 * {@code vethub_runs_failed_total} and {@code vethub_run_last_success_seconds} (epoch
 * seconds of the last successful run, per source), with the duration from
 * {@code started_at} to {@code finished_at} as recorded.
 * <p>
 * The ledger knows which runs this hub has open ({@link #openRuns()}): started here and
 * not yet ended. That, not a {@code running} row, is what the hub reports as running: a
 * row may stay {@code running} because its end could not be written (the database was
 * gone when the run failed), or because another hub on the same database runs it. A run
 * whose end could not be written is kept as a pending close and written by a retry with a
 * bounded backoff ({@value #RETRY_FIRST_MILLIS} ms doubling up to
 * {@value #RETRY_MAX_MILLIS} ms) as soon as the database answers again: {@code failed},
 * "database unavailable", with the time it really ended
 * ({@code vethub_runs_awaiting_close} counts them meanwhile). Only this hub's own runs
 * are closed so, by their ids.
 * <p>
 * {@code finished_at} is the real end of a run: the clock when its end is written
 * ({@code clock_timestamp()}, never {@code now()}, which is the start of the
 * transaction), and for a run marked succeeded in its load's transaction, the time it
 * completed after the commit ({@link #publish(long)}).
 */
@Component
public class RunLedger {

	private static final Logger log = LoggerFactory.getLogger(RunLedger.class);

	private static final String INSERT_REJECT = """
			INSERT INTO ops.rejected_row (run_id, source_id, file_name, sheet, row_number, record_key, reason, detail,
			                              raw_values, id_card, fact_table, payload)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?::jsonb)""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final HubInstance instance;

	static final long RETRY_FIRST_MILLIS = 500;

	static final long RETRY_MAX_MILLIS = 5000;

	private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

	/** Runs started by this hub and not ended yet, by id: their source. */
	private final Map<Long, String> open = new ConcurrentHashMap<>();

	/** Ended runs whose end could not be written yet, by id. */
	private final Map<Long, PendingClose> pending = new ConcurrentHashMap<>();

	private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread t = new Thread(r, "run-ledger-closer");
		t.setDaemon(true);
		return t;
	});

	/** Whether a retry of the pending closes is scheduled (guarded by this). */
	private boolean retryScheduled;

	private long retryDelayMillis = RETRY_FIRST_MILLIS;

	RunLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions, JsonMapper json, MeterRegistry meters,
			HubInstance instance) {
		this.jdbc = jdbc;
		this.instance = instance;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.json = json;
		this.meters = meters;
		Gauge.builder("vethub.runs.awaiting.close", this.pending, Map::size)
			.description("Ended runs whose end waits for the database to be written")
			.register(meters);
		closeInterruptedRuns();
		jdbc.query("""
				SELECT source_id, extract(epoch FROM max(finished_at))::bigint FROM ops.ingest_run
				 WHERE status = 'succeeded' GROUP BY source_id""", (rs) -> {
			lastSuccessGauge(rs.getString(1)).set(rs.getLong(2));
		});
	}

	/**
	 * Runs still {@code running} when the hub starts, of a hub that is gone, were cut off
	 * by a stop or a crash: their transaction was rolled back, and a file they were
	 * reading is still in its inbox and is taken again. They are closed as failed so that
	 * the ledger and the console do not show them running for ever: the runs of before
	 * heartbeats (no {@code instance_id}), a run under this hub's own id, and the runs of
	 * dead hubs ({@link #closeRunsOfDeadHubs()}). The runs of a live peer on the same
	 * database are left alone. Runs at start, before any route consumes.
	 * @return the number of runs closed
	 */
	int closeInterruptedRuns() {
		int closed = this.jdbc.update("""
				UPDATE ops.ingest_run
				   SET status = 'failed', finished_at = clock_timestamp(),
				       error_message = 'interrupted: the hub stopped during this run; nothing of it was kept, and a'
				                       || ' file it was reading stays in the inbox and is taken again'
				 WHERE status = 'running' AND (instance_id IS NULL OR instance_id = ?)""", this.instance.id());
		if (closed > 0) {
			log.warn("{} run(s) left running by an earlier stop closed as failed", closed);
		}
		return closed + closeRunsOfDeadHubs();
	}

	/**
	 * Closes as failed ("interrupted", naming the hub) the {@code running} runs of the
	 * hubs that are dead: their heartbeat in {@code ops.hub_instance} is older than
	 * {@code hub.cluster.instance-timeout}, or their row is gone. The runs of live hubs,
	 * and this hub's own, are never touched. Called at start, and every
	 * {@code hub.cluster.heartbeat-interval} by the leader (route
	 * {@code cluster-dead-hub-runs}), so that a crashed hub's runs are closed within that
	 * timeout and interval of its last heartbeat while any hub runs; then forgets the
	 * rows of hubs ten timeouts old.
	 * @return the number of runs closed
	 */
	public int closeRunsOfDeadHubs() {
		int closed = this.jdbc.update("""
				UPDATE ops.ingest_run r
				   SET status = 'failed', finished_at = clock_timestamp(),
				       error_message = 'interrupted: hub ' || r.instance_id || coalesce(' on ' || d.host, '')
				           || CASE WHEN d.heartbeat_at IS NULL THEN ' is gone from the hubs'' table'
				                   ELSE ' sent no heartbeat since '
				                        || to_char(d.heartbeat_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC'
				              END
				           || ' and was taken for dead during this run; nothing of it was kept, and a file it was'
				           || ' reading stays in the inbox and is taken again'
				  FROM (SELECT run.id, h.host, h.heartbeat_at
				          FROM ops.ingest_run run LEFT JOIN ops.hub_instance h ON h.id = run.instance_id
				         WHERE run.status = 'running' AND run.instance_id IS NOT NULL AND run.instance_id <> ?
				           AND (h.id IS NULL
				                OR h.heartbeat_at <= clock_timestamp() - ? * interval '1 millisecond')) d
				 WHERE r.id = d.id AND r.status = 'running'""", this.instance.id(), this.instance.timeout().toMillis());
		if (closed > 0) {
			log.warn("{} run(s) of hubs taken for dead (no heartbeat for {}) closed as failed", closed,
					this.instance.timeout());
		}
		this.instance.forgetDeadInstances();
		return closed;
	}

	/**
	 * Closes as failed ("interrupted") the runs of a source that another hub left
	 * {@code running} and that this hub's run {@code takingOver} now does again: the
	 * caller holds what the other hub held for them, so they cannot still be going. A
	 * county or partner file's run holds its file's claim ({@code ops.inbox_claim}),
	 * which another hub gets only once it was not renewed for
	 * {@code hub.cluster.claim-max-age}; a province sync holds its source's advisory
	 * lock, released when its hub's database session ends. So the dead hub's run is
	 * closed when its work is taken over, without waiting for its heartbeat to go stale
	 * ({@link #closeInterruptedRuns()}, at start). Runs this hub has open are never
	 * closed.
	 * @param fileName only the runs of this file, with these bytes ({@code fileSha256});
	 * null for every run of the source
	 * @return the runs closed, oldest first
	 */
	public List<TakenOver> closeTakenOverRuns(String sourceId, String fileName, String fileSha256, long takingOver) {
		List<TakenOver> closed = this.jdbc.query("""
				UPDATE ops.ingest_run
				   SET status = 'failed', finished_at = clock_timestamp(),
				       error_message = 'interrupted: the hub running it stopped during this run; nothing of it was'
				                       || ' kept, and run ' || ? || ' of another hub took the work over'
				 WHERE status = 'running' AND source_id = ? AND id <> ?
				   AND instance_id IS DISTINCT FROM ?
				   AND (?::text IS NULL OR (file_name = ? AND file_sha256 = ?))
				RETURNING id, trigger, instance_id""",
				(rs, i) -> new TakenOver(rs.getLong(1), RunTrigger.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
						rs.getObject(3, UUID.class)),
				takingOver, sourceId, takingOver, this.instance.id(), fileName, fileName, fileSha256);
		closed = closed.stream().sorted(Comparator.comparingLong(TakenOver::runId)).toList();
		for (TakenOver run : closed) {
			log.warn("Run {} of {} was cut off when its hub ({}) stopped: closed as interrupted, run {} takes it over",
					run.runId(), sourceId, run.instanceId(), takingOver);
			publishMetrics(run.runId());
		}
		return closed;
	}

	/**
	 * The runs of a source another hub has {@code running} (live or not): those a
	 * takeover would close ({@link #closeTakenOverRuns}).
	 */
	public List<TakenOver> runningElsewhere(String sourceId) {
		return this.jdbc.query(
				"""
						SELECT id, trigger, instance_id FROM ops.ingest_run
						 WHERE status = 'running' AND source_id = ? AND instance_id IS DISTINCT FROM ?
						 ORDER BY id""", (rs, i) -> new TakenOver(rs.getLong(1),
						RunTrigger.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getObject(3, UUID.class)),
				sourceId, this.instance.id());
	}

	/**
	 * A run another hub left running.
	 *
	 * @param instanceId its hub (null for a run of before hub ids)
	 */
	public record TakenOver(long runId, RunTrigger trigger, UUID instanceId) {
	}

	public long start(String sourceId, RunTrigger trigger, String fileName, String sha256) {
		long runId = this.ownTransaction.execute((tx) -> {
			GeneratedKeyHolder key = new GeneratedKeyHolder();
			this.jdbc.update((con) -> {
				PreparedStatement ps = con.prepareStatement(
						"INSERT INTO ops.ingest_run (source_id, trigger, file_name, file_sha256, instance_id)"
								+ " VALUES (?, ?, ?, ?, ?)",
						new String[] { "id" });
				ps.setString(1, sourceId);
				ps.setString(2, trigger.code());
				ps.setString(3, fileName);
				ps.setString(4, sha256);
				ps.setObject(5, this.instance.id());
				return ps;
			}, key);
			return key.getKey().longValue();
		});
		this.open.put(runId, sourceId);
		return runId;
	}

	/**
	 * The runs this hub is running now (started here, not ended), in the order they
	 * started. A run whose end waits to be written is not among them.
	 */
	public Set<Long> openRuns() {
		return Set.copyOf(this.open.keySet());
	}

	/** Live progress of a running run, for the console. */
	public void progress(long runId, long rowsRead) {
		this.ownTransaction.executeWithoutResult((tx) -> progressInTransaction(runId, rowsRead));
	}

	/**
	 * Live progress of a running run, written in the caller's transaction: committed with
	 * the rows it counts.
	 */
	public void progressInTransaction(long runId, long rowsRead) {
		this.jdbc.update("UPDATE ops.ingest_run SET rows_read = ? WHERE id = ? AND status = 'running'", rowsRead,
				runId);
	}

	public void succeed(long runId, long rowsRead, long rowsLoaded, long rowsRejected, String feedbackFile) {
		finish(runId, RunStatus.SUCCEEDED, rowsRead, rowsLoaded, rowsRejected, null, feedbackFile);
	}

	/**
	 * Writes the end of a run. A run that failed is never left open: when its end cannot
	 * be written (the database is unavailable, the likely reason it failed), it is kept
	 * as a pending close, written as soon as the database answers again, and this returns
	 * normally, so that the caller's own failure is the one reported. Any other end that
	 * cannot be written throws: the caller's failure path then ends the run failed.
	 */
	public void finish(long runId, RunStatus status, long rowsRead, long rowsLoaded, long rowsRejected,
			String errorMessage, String feedbackFile) {
		OffsetDateTime endedAt = OffsetDateTime.now();
		try {
			this.ownTransaction.executeWithoutResult(
					(tx) -> update(runId, status, rowsRead, rowsLoaded, rowsRejected, errorMessage, feedbackFile));
		}
		catch (RuntimeException ex) {
			if (status != RunStatus.FAILED) {
				throw ex;
			}
			closeLater(PendingClose.of(runId, endedAt, rowsRead, rowsLoaded, rowsRejected, errorMessage), ex);
			return;
		}
		this.open.remove(runId);
		publishMetrics(runId);
	}

	/**
	 * Marks a run succeeded in the caller's transaction, so that the load and its success
	 * commit together: a load that committed can never be left {@code running} or be
	 * marked {@code failed} by a later step, and its file is recognised as already
	 * loaded. Call {@link #publish(long)} after the commit.
	 */
	public void succeedWithLoad(long runId, long rowsRead, long rowsLoaded, long rowsRejected, String feedbackFile) {
		update(runId, RunStatus.SUCCEEDED, rowsRead, rowsLoaded, rowsRejected, null, feedbackFile);
	}

	/**
	 * Writes a run's end. A failure ends only a run still {@code running}: a run that
	 * committed with its load ({@link #succeedWithLoad}) stays what it is whatever fails
	 * after the commit.
	 */
	private void update(long runId, RunStatus status, long rowsRead, long rowsLoaded, long rowsRejected,
			String errorMessage, String feedbackFile) {
		this.jdbc.update("""
				UPDATE ops.ingest_run
				   SET status = ?, finished_at = clock_timestamp(), rows_read = ?, rows_loaded = ?, rows_rejected = ?,
				       error_message = ?, feedback_file = ?
				 WHERE id = ? AND (? <> 'failed' OR status = 'running')""", status.code(), rowsRead, rowsLoaded,
				rowsRejected, errorMessage, feedbackFile, runId, status.code());
	}

	/**
	 * Completes a run marked succeeded by {@link #succeedWithLoad}, once its load has
	 * committed and its file is answered: records its real end (the time written in the
	 * load's transaction stays if the database is gone by now, short only of the commit)
	 * and publishes its metrics. Call only after the commit.
	 */
	public void publish(long runId) {
		this.open.remove(runId);
		try {
			this.jdbc.update("""
					UPDATE ops.ingest_run SET finished_at = clock_timestamp()
					 WHERE id = ? AND status = 'succeeded'""", runId);
		}
		catch (RuntimeException ex) {
			log.warn("Run {} ended, but its end time could not be recorded after its commit: {}", runId,
					ex.getClass().getSimpleName());
		}
		publishMetrics(runId);
	}

	/**
	 * Keeps the end of a failed run whose end could not be written, and schedules its
	 * writing.
	 */
	private void closeLater(PendingClose close, RuntimeException cause) {
		this.pending.put(close.runId(), close);
		this.open.remove(close.runId());
		log.warn("The end of run {} could not be recorded ({}): it is recorded as failed as soon as the database"
				+ " answers again", close.runId(), cause.getClass().getSimpleName());
		scheduleRetry();
	}

	private synchronized void scheduleRetry() {
		if (this.retryScheduled || this.pending.isEmpty()) {
			return;
		}
		this.retryScheduled = true;
		try {
			this.closer.schedule(this::writePendingCloses, this.retryDelayMillis, TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// the hub is stopping: the next start closes these runs
			this.retryScheduled = false;
		}
	}

	/**
	 * One attempt at writing every pending close; schedules the next while any is left.
	 */
	void writePendingCloses() {
		synchronized (this) {
			this.retryScheduled = false;
		}
		boolean failed = false;
		for (PendingClose close : List.copyOf(this.pending.values())) {
			try {
				this.ownTransaction.executeWithoutResult((tx) -> this.jdbc.update("""
						UPDATE ops.ingest_run
						   SET status = 'failed', finished_at = ?, rows_read = ?, rows_loaded = ?,
						       rows_rejected = ?, error_message = ?
						 WHERE id = ? AND status = 'running'""", close.endedAt(), close.read(), close.loaded(),
						close.rejected(), close.message(), close.runId()));
				this.pending.remove(close.runId());
				log.info("Run {} recorded as failed (the database was unavailable when it ended at {})", close.runId(),
						close.endedAt());
				publishMetrics(close.runId());
			}
			catch (RuntimeException ex) {
				failed = true;
				log.debug("The end of run {} still cannot be recorded: {}", close.runId(), ex.toString());
				break;
			}
		}
		synchronized (this) {
			this.retryDelayMillis = failed ? Math.min(RETRY_MAX_MILLIS, this.retryDelayMillis * 2) : RETRY_FIRST_MILLIS;
		}
		scheduleRetry();
	}

	@PreDestroy
	void stop() {
		this.closer.shutdownNow();
		if (!this.pending.isEmpty()) {
			log.warn("{} run(s) whose end could not be recorded are closed at the next start", this.pending.size());
		}
	}

	/**
	 * Publishes the metrics of a finished run, as it was committed (not at all if the
	 * database is gone by now: the run's record is what counts).
	 */
	private void publishMetrics(long runId) {
		List<Finished> finished;
		try {
			finished = this.jdbc.query("""
					SELECT source_id, status, started_at, finished_at, rows_read, rows_loaded, rows_rejected
					  FROM ops.ingest_run WHERE id = ? AND status <> 'running'""",
					(rs, i) -> new Finished(rs.getString(1),
							RunStatus.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
							rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class), rs.getLong(5),
							rs.getLong(6), rs.getLong(7)),
					runId);
		}
		catch (RuntimeException ex) {
			log.warn("The metrics of run {} could not be published: {}", runId, ex.getClass().getSimpleName());
			return;
		}
		if (!finished.isEmpty()) {
			Finished f = finished.get(0);
			record(runId, f.status(), f.read(), f.loaded(), f.rejected(), f);
		}
	}

	private void record(long runId, RunStatus status, long read, long loaded, long rejected, Finished run) {
		String source = run.sourceId();
		this.meters.counter("vethub.rows.read", "source", source).increment(read);
		this.meters.counter("vethub.rows.loaded", "source", source).increment(loaded);
		this.meters.counter("vethub.rows.rejected", "source", source).increment(rejected);
		if (rejected > 0) {
			this.jdbc.query("SELECT reason, count(*) FROM ops.rejected_row WHERE run_id = ? GROUP BY reason", (rs) -> {
				this.meters.counter("vethub.rows.rejected.by.reason", "source", source, "reason", rs.getString(1))
					.increment(rs.getLong(2));
			}, runId);
		}
		Timer.builder("vethub.run.duration")
			.description("Duration of finished runs")
			.tag("source", source)
			.tag("status", status.code())
			.register(this.meters)
			.record(Duration.between(run.startedAt(), run.finishedAt()));
		if (status == RunStatus.FAILED || status == RunStatus.UNREADABLE) {
			this.meters.counter("vethub.runs.failed", "source", source, "status", status.code()).increment();
		}
		if (status == RunStatus.SUCCEEDED) {
			lastSuccessGauge(source).set(run.finishedAt().toEpochSecond());
		}
	}

	private AtomicLong lastSuccessGauge(String source) {
		return this.lastSuccess.computeIfAbsent(source, (id) -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder("vethub.run.last.success.seconds", value, AtomicLong::get)
				.description("Epoch seconds of the source's last successful run")
				.tag("source", id)
				.register(this.meters);
			return value;
		});
	}

	/**
	 * The end of a failed run, waiting for the database.
	 *
	 * @param endedAt when the run really ended
	 */
	private record PendingClose(long runId, OffsetDateTime endedAt, long read, long loaded, long rejected,
			String message) {

		static PendingClose of(long runId, OffsetDateTime endedAt, long read, long loaded, long rejected,
				String failure) {
			return new PendingClose(runId, endedAt, read, loaded, rejected,
					"database unavailable: this run ended at " + endedAt.truncatedTo(ChronoUnit.SECONDS)
							+ " and its end could only be recorded once the database answered again"
							+ ((failure != null) ? "; " + failure : ""));
		}

	}

	private record Finished(String sourceId, RunStatus status, OffsetDateTime startedAt, OffsetDateTime finishedAt,
			long read, long loaded, long rejected) {
	}

	/** The earlier successful run of the same bytes from the same source, if any. */
	public Optional<Long> succeededRunOf(String sourceId, String sha256) {
		List<Long> ids = this.jdbc.queryForList("""
				SELECT id FROM ops.ingest_run
				 WHERE source_id = ? AND file_sha256 = ? AND status = 'succeeded'
				 ORDER BY id LIMIT 1""", Long.class, sourceId, sha256);
		return ids.stream().findFirst();
	}

	/**
	 * How many times in a row the hub has failed on these bytes from this source: its
	 * {@code failed} runs since its last run that ended otherwise (loaded, refused,
	 * skipped). Bounds the tries of a file that fails for a fault of ours. Runs that
	 * failed because the database was unavailable or the hub stopped are not the file's
	 * doing and do not count: an outage never refuses a good file.
	 */
	public int failedRunsOf(String sourceId, String sha256) {
		return this.jdbc.queryForObject(
				"""
						SELECT count(*) FROM ops.ingest_run
						 WHERE source_id = ? AND file_sha256 = ? AND status = 'failed'
						   AND coalesce(error_message, '') NOT LIKE 'database unavailable%'
						   AND coalesce(error_message, '') NOT LIKE 'interrupted%'
						   AND id > coalesce((SELECT max(id) FROM ops.ingest_run
						                       WHERE source_id = ? AND file_sha256 = ? AND status NOT IN ('failed', 'running')), 0)""",
				Integer.class, sourceId, sha256, sourceId, sha256);
	}

	/** Writes rejected rows in the caller's transaction. */
	public void reject(long runId, String sourceId, List<RejectedRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(INSERT_REJECT, rows, 1000, (ps, r) -> {
			ps.setLong(1, runId);
			ps.setString(2, sourceId);
			ps.setString(3, r.fileName());
			ps.setString(4, r.sheet());
			ps.setObject(5, r.rowNumber());
			ps.setString(6, r.recordKey());
			ps.setString(7, r.reason().code());
			ps.setString(8, r.detail());
			ps.setString(9, toJson(r.rawValues()));
			ps.setString(10, r.idCard());
			ps.setString(11, r.factTable());
			ps.setString(12, toJson(r.payload()));
		});
	}

	/**
	 * Hands over, in the order they were recorded, the rows a run refused that are still
	 * not in the warehouse: every refused row, and every fact still waiting for its
	 * person (one that has loaded since, or was replaced by a newer delivery, is left
	 * out). For answering a re-delivery of the run's file with what is still wrong in it.
	 * Only what the feedback shows is read, never the raw values; the rows are streamed.
	 * @return how many were handed over
	 */
	public long eachStillRefused(long runId, Consumer<RejectedRow> row) {
		long[] count = { 0 };
		this.jdbc.query("""
				SELECT file_name, sheet, row_number, record_key, reason, detail, id_card FROM ops.rejected_row
				 WHERE run_id = ? AND resolved_at IS NULL ORDER BY id""", (rs) -> {
			row.accept(new RejectedRow(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4),
					RejectReason.ofCode(rs.getString(5)), rs.getString(6), null, rs.getString(7), null, null));
			count[0]++;
		}, runId);
		return count[0];
	}

	/**
	 * A fact delivered again replaces what an earlier delivery left waiting for its
	 * person: the earlier waiting copies (same source, table and record key) are marked
	 * resolved by this run, so that when the person arrives the newest version is the one
	 * loaded. Call in the load's transaction, before writing this run's own waiting rows.
	 */
	public void supersedeWaiting(long runId, String sourceId, String factTable, Collection<String> recordKeys) {
		if (recordKeys.isEmpty()) {
			return;
		}
		this.jdbc.update("""
				UPDATE ops.rejected_row SET resolved_at = now(), resolved_run_id = ?
				 WHERE reason = 'unknown_person' AND resolved_at IS NULL AND source_id = ? AND fact_table = ?
				   AND record_key = ANY (?)""", runId, sourceId, factTable, recordKeys.toArray(String[]::new));
	}

	/**
	 * Writes rejected rows in a transaction of their own (a refused file has no load to
	 * join).
	 */
	public void rejectNow(long runId, String sourceId, List<RejectedRow> rows) {
		this.ownTransaction.executeWithoutResult((tx) -> reject(runId, sourceId, rows));
	}

	private String toJson(Map<String, ?> map) {
		return (map != null) ? this.json.writeValueAsString(map) : null;
	}

}
