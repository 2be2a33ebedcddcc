package cn.jiangmen.vethub.partner;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;

import cn.jiangmen.vethub.ingest.InboxFiles;
import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.ops.PullSource;
import cn.jiangmen.vethub.ops.PullStartGuard;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.ops.SourcePreview;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.warehouse.ReferenceData;
import cn.jiangmen.vethub.source.DatabaseSettings;
import cn.jiangmen.vethub.source.DatabaseSettings.WatermarkType;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.warehouse.PhaseTimes;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pulls a database source ({@code kind: database}): runs the partner's query on the
 * source's own read-only pool ({@link DatabaseSourcePools}) from the high-water mark of
 * the last run, streams the rows with the configured fetch size (a million-row view never
 * sits in memory), maps each row as a partner file row is mapped ({@link ResultSetRows},
 * {@link PartnerRowMapper}: the same types, required fields, normalizers and reject
 * reasons) and loads them with {@link PartnerFactLoader} (upsert by record key; unknown
 * persons wait).
 * <p>
 * The hub orders the query's rows by the watermark column and commits them in batches of
 * about {@code commit-rows}, each in one warehouse transaction with its rejects, the
 * run's progress and the mark: the largest watermark of the batch. A batch is only closed
 * where the watermark changes, so rows that share a watermark value (a bulk update
 * stamped with one time) are always committed together: a mark never stands in the middle
 * of a value, and a query that reads {@code > :#watermark} misses nothing. A run that
 * fails leaves the mark at its last committed batch; the next run resumes there. A batch
 * commits on a thread of its own while the next one is read and mapped (at most one of
 * each at a time, in order: see {@link CommitPipeline}). A row updated after it was read
 * has a newer watermark, is read again and updates its fact (never a second one).
 * <p>
 * The rows are read with plain JDBC inside this bean rather than through camel-sql: the
 * mark must commit in the warehouse transaction of the rows it covers, and batches must
 * close at a change of watermark, which a split of the component's streamed list cannot
 * do without per-row exchanges (see docs/sources.md). The route of each source
 * ({@code routes/database-sync.camel.yaml}) is its Quartz schedule.
 */
@Component("databaseSync")
public class DatabaseSourceSync implements PullSource {

	private static final Logger log = LoggerFactory.getLogger(DatabaseSourceSync.class);

	/** The mark of a first (or full) read of a timestamp watermark. */
	static final Timestamp TIMESTAMP_START = Timestamp.valueOf("1900-01-01 00:00:00");

	/** The mark of a first (or full) read of a numeric watermark. */
	static final BigDecimal NUMBER_START = BigDecimal.valueOf(Long.MIN_VALUE);

	private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

	private static final String READ = "source read + decode";

	private static final String MAP = "mapping + checks";

	private static final String WAIT = "reading waits for the commit thread";

	private final SourceRegistry registry;

	private final DatabaseSourcePools pools;

	private final DatabaseMarks marks;

	private final PartnerFactLoader loader;

	private final RunLedger ledger;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final PullStartGuard guard;

	private final ReferenceData references;

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	/** The time the last finished run spent committing its batches (benchmark). */
	private volatile long lastLoadNanos;

	/** Where the last run that succeeded spent its time (benchmark). */
	private volatile PhaseTimes lastPhases = PhaseTimes.NONE;

	private final ExecutorService executor = Executors.newCachedThreadPool((r) -> {
		Thread t = new Thread(r, "database-sync");
		t.setDaemon(true);
		return t;
	});

	DatabaseSourceSync(SourceRegistry registry, DatabaseSourcePools pools, DatabaseMarks marks,
			PartnerFactLoader loader, RunLedger ledger, JdbcTemplate jdbc, PlatformTransactionManager transactions,
			PullStartGuard guard, ReferenceData references) {
		this.references = references;
		this.registry = registry;
		this.pools = pools;
		this.marks = marks;
		this.loader = loader;
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.guard = guard;
	}

	@Override
	public boolean handles(SourceDefinition source) {
		return source.kind() == SourceKind.DATABASE;
	}

	@Override
	public SyncStart start(SourceDefinition source, RunTrigger trigger, boolean fullResync) {
		return this.guard.start(source, trigger, fullResync, PullStartGuard.flag(this.running, source.id()),
				this.executor, (runId) -> run(runId, source, fullResync));
	}

	/** Called by the route of a database source on its schedule. */
	public void scheduled(String sourceId) {
		SourceDefinition source = this.registry.get(sourceId);
		if (source.enabled()) {
			SyncStart start = start(source, RunTrigger.SCHEDULE, false);
			log.info("Scheduled sync of {}: {}", sourceId, start.message());
		}
	}

	/** The time the last run that succeeded spent committing its batches. */
	long lastLoadNanos() {
		return this.lastLoadNanos;
	}

	/**
	 * Where the last run that succeeded spent its time, by phase: reading thread (read +
	 * decode, mapping + checks, waiting for the commit thread) and commit thread (the
	 * loader's phases, rejects + mark + progress, the commit itself).
	 */
	Map<String, Long> lastPhases() {
		return this.lastPhases.snapshot();
	}

	/** Whether a sync of the source is running in this hub. */
	boolean isRunning(String sourceId) {
		return this.running.contains(sourceId);
	}

	/**
	 * Runs a sync in the calling thread (tests, benchmark).
	 * @return the run id, or empty when a sync of this source is already running
	 */
	Optional<Long> syncNow(SourceDefinition source, RunTrigger trigger, boolean fullResync) {
		if (!this.running.add(source.id())) {
			return Optional.empty();
		}
		try {
			long runId = this.ledger.start(source.id(), trigger, null, null);
			run(runId, source, fullResync);
			return Optional.of(runId);
		}
		finally {
			this.running.remove(source.id());
		}
	}

	private void run(long runId, SourceDefinition source, boolean fullResync) {
		DatabaseSettings settings = source.database();
		Counts counts = new Counts();
		String stage = "connect";
		try (Connection con = this.pools.get(source).getConnection()) {
			stage = "query";
			Object from = settings.incremental() ? (fullResync ? null : this.marks.load(source.id())) : null;
			log.info("Sync {} run {} starts{} from {} at mark {}", source.id(), runId,
					fullResync ? " (full resync)" : "", settings.safeUrl(), (from != null) ? from : "(start)");
			try (PreparedStatement ps = prepare(con, settings, from, 0)) {
				try (ResultSet rs = ps.executeQuery()) {
					stage = "read";
					read(runId, source, rs, counts);
				}
			}
			finally {
				rollbackQuietly(con);
			}
			this.ledger.finish(runId, RunStatus.SUCCEEDED, counts.read, counts.loaded, counts.rejected, null, null);
			this.lastLoadNanos = counts.loadNanos;
			this.lastPhases = counts.times;
			log.info("Sync {} run {} succeeded: {} rows read, {} loaded, {} rejected; {} ms loading", source.id(),
					runId, counts.read, counts.loaded, counts.rejected, counts.loadNanos / 1_000_000);
		}
		catch (SQLException | RuntimeException ex) {
			String message = failureMessage(settings, stage, ex);
			log.error("Sync {} run {} failed: {}", source.id(), runId, message);
			this.ledger.finish(runId, RunStatus.FAILED, counts.read, counts.loaded, counts.rejected, message, null);
		}
		finally {
			this.pools.release(source);
		}
	}

	/**
	 * The partner's query with {@code ?} for its watermark parameters, its rows in
	 * watermark order. The column name is checked at start to be a plain identifier.
	 */
	static String statement(DatabaseSettings settings) {
		String query = settings.query().strip();
		if (query.endsWith(";")) {
			query = query.substring(0, query.length() - 1);
		}
		if (!settings.incremental()) {
			return query;
		}
		Matcher m = cn.jiangmen.vethub.source.DatabaseSettingsRules.WATERMARK_PARAMETER.matcher(query);
		return "SELECT * FROM (" + m.replaceAll("?") + "\n) vethub_rows ORDER BY " + settings.watermarkColumn();
	}

	private static int parameterCount(DatabaseSettings settings) {
		Matcher m = cn.jiangmen.vethub.source.DatabaseSettingsRules.WATERMARK_PARAMETER.matcher(settings.query());
		int n = 0;
		while (m.find()) {
			n++;
		}
		return n;
	}

	/** Ends the read-only transaction of the reading connection (nothing to keep). */
	private static void rollbackQuietly(Connection con) {
		try {
			con.rollback();
		}
		catch (SQLException ex) {
			log.debug("Rolling back the reading connection: SQL state {}", ex.getSQLState());
		}
	}

	private static void bindMark(PreparedStatement ps, int index, WatermarkType type, Object mark) throws SQLException {
		if (type == WatermarkType.NUMBER) {
			ps.setBigDecimal(index, (mark instanceof BigDecimal n) ? n : NUMBER_START);
		}
		else {
			ps.setTimestamp(index, (mark instanceof Timestamp t) ? t : TIMESTAMP_START);
		}
	}

	private void read(long runId, SourceDefinition source, ResultSet rs, Counts counts) throws SQLException {
		DatabaseSettings settings = source.database();
		Mapping mapping = Mapping.of(rs, settings, this.references.towns());
		ResultSetRows rows = mapping.rows();
		Integer watermarkColumn = mapping.watermarkColumn();
		CommitPipeline committer = new CommitPipeline(this.executor, runId);
		try {
			Batch batch = new Batch();
			long rowNumber = 0;
			PhaseTimes times = counts.times;
			long at = System.nanoTime();
			while (rs.next()) {
				Object watermark = (watermarkColumn != null) ? watermark(rs, watermarkColumn + 1, settings) : null;
				if (batch.rows >= settings.commitRows() && watermark != null && !watermark.equals(batch.mark)) {
					at = times.since(READ, at);
					handOver(committer, runId, source, batch, counts);
					at = times.since(WAIT, at);
					batch = new Batch();
				}
				SourceRow row = rows.row(rs, ++rowNumber);
				at = times.since(READ, at);
				batch.map(mapping.mapper(), row);
				at = times.since(MAP, at);
				if (watermark != null) {
					batch.mark = watermark;
				}
				batch.rows++;
				// while a batch commits, its transaction writes the progress (and holds
				// the
				// run's row)
				if (System.nanoTime() - counts.progressAt > PROGRESS_EVERY_NANOS && committer.idle()) {
					this.ledger.progress(runId, counts.read + batch.rows);
					counts.progressAt = System.nanoTime();
				}
			}
			at = times.since(READ, at);
			handOver(committer, runId, source, batch, counts);
			committer.await();
			times.since(WAIT, at);
		}
		finally {
			committer.awaitQuietly();
		}
	}

	/** Starts committing a batch (see {@link CommitPipeline}) unless it is empty. */
	private void handOver(CommitPipeline committer, long runId, SourceDefinition source, Batch batch, Counts counts) {
		if (batch.rows > 0) {
			committer.handOver(() -> commit(runId, source, batch, counts));
		}
		else {
			committer.await();
		}
	}

	/**
	 * The dry run of the source ({@code POST /api/sources/{id}/preview}): its query from
	 * the current mark (what the next run would read), at most {@code limit} rows, mapped
	 * as a run maps them, on its read-only pool; no mark, run or fact is written.
	 */
	void preview(SourceDefinition source, int limit, SourcePreview.Collector collector) throws SQLException {
		DatabaseSettings settings = source.database();
		try (Connection con = this.pools.get(source).getConnection()) {
			Object from = settings.incremental() ? this.marks.load(source.id()) : null;
			try (PreparedStatement ps = prepare(con, settings, from, limit); ResultSet rs = ps.executeQuery()) {
				Mapping mapping = Mapping.of(rs, settings, DatabaseSourceSync.this.references.towns());
				Batch batch = new Batch();
				long rowNumber = 0;
				while (rowNumber < limit && rs.next()) {
					batch.map(mapping.mapper(), mapping.rows().row(rs, ++rowNumber));
				}
				collector.read(rowNumber);
				batch.rejects.forEach(collector::reject);
				batch.facts.values().forEach((fact) -> PartnerPreview.fact(collector, fact));
			}
			finally {
				rollbackQuietly(con);
			}
		}
		finally {
			this.pools.release(source);
		}
	}

	/** The source's query, bound to a mark; {@code maxRows} 0 for all its rows. */
	private static PreparedStatement prepare(Connection con, DatabaseSettings settings, Object from, int maxRows)
			throws SQLException {
		PreparedStatement ps = con.prepareStatement(statement(settings), ResultSet.TYPE_FORWARD_ONLY,
				ResultSet.CONCUR_READ_ONLY);
		try {
			ps.setFetchSize((maxRows > 0) ? Math.min(maxRows, settings.fetchSize()) : settings.fetchSize());
			ps.setMaxRows(maxRows);
			int parameters = settings.incremental() ? parameterCount(settings) : 0;
			for (int i = 1; i <= parameters; i++) {
				bindMark(ps, i, settings.watermarkType(), from);
			}
			return ps;
		}
		catch (SQLException | RuntimeException ex) {
			ps.close();
			throw ex;
		}
	}

	/**
	 * How the rows of a result are read and mapped: the seam of the run and the preview.
	 */
	private record Mapping(ResultSetRows rows, PartnerRowMapper mapper, Integer watermarkColumn) {

		static Mapping of(ResultSet rs, DatabaseSettings settings, TownResolver towns) throws SQLException {
			ResultSetRows rows = new ResultSetRows(rs.getMetaData(), settings.mapping(),
					ZoneId.of(settings.timeZone()));
			PartnerRowMapper mapper = new PartnerRowMapper(settings.mapping(), rows.columns(settings.mapping()),
					rows.headers(), null, towns);
			Integer watermarkColumn = settings.incremental() ? rows.columnOf(settings.watermarkColumn()) : null;
			if (settings.incremental() && watermarkColumn == null) {
				throw new IllegalArgumentException("the query returns no watermark column " + settings.watermarkColumn()
						+ "; its columns are " + String.join(", ", rows.headers()));
			}
			return new Mapping(rows, mapper, watermarkColumn);
		}

	}

	private static Object watermark(ResultSet rs, int column, DatabaseSettings settings) throws SQLException {
		return (settings.watermarkType() == WatermarkType.NUMBER) ? rs.getBigDecimal(column) : rs.getTimestamp(column);
	}

	/**
	 * Commits a batch's facts, rejects, the run's progress and, when the batch has one,
	 * its mark, in one warehouse transaction.
	 */
	private void commit(long runId, SourceDefinition source, Batch batch, Counts counts) {
		if (batch.rows == 0) {
			return;
		}
		long start = System.nanoTime();
		long read = counts.read + batch.rows;
		PhaseTimes times = counts.times;
		long[] inside = new long[1];
		PartnerFactLoader.Outcome outcome = this.transaction.execute((tx) -> {
			long begun = System.nanoTime();
			this.jdbc.execute("SET LOCAL synchronous_commit = off");
			PartnerFactLoader.Outcome o = this.loader.load(source.id(), null, runId,
					new ArrayList<>(batch.facts.values()), times);
			long at = System.nanoTime();
			List<RejectedRow> rejects = new ArrayList<>(batch.rejects);
			rejects.addAll(o.rejects());
			this.ledger.reject(runId, source.id(), rejects);
			if (batch.mark != null) {
				this.marks.save(source.id(), batch.mark, runId);
			}
			this.ledger.progressInTransaction(runId, read);
			inside[0] = times.since("rejects, mark and progress", at) - begun;
			return o;
		});
		times.add("transaction begin and commit", System.nanoTime() - start - inside[0]);
		counts.read = read;
		counts.loaded += outcome.loaded();
		counts.rejected += batch.rejects.size() + outcome.rejects().size();
		counts.loadNanos += System.nanoTime() - start;
	}

	/**
	 * What a failed run says, in the ledger and the log: what failed (connecting, the
	 * query, reading), the SQL state's meaning and the exception types, never a driver's
	 * message (which may quote row values) and never the URL's options or a password.
	 */
	static String failureMessage(DatabaseSettings settings, String stage, Throwable ex) {
		String state = sqlState(ex);
		String what = switch (stage) {
			case "connect" -> "cannot connect to the partner database " + settings.safeUrl();
			case "query" -> "the partner database " + settings.safeUrl() + " refused the query";
			default -> "reading the partner database " + settings.safeUrl() + " failed";
		};
		String meaning = (state == null) ? null : switch (state.substring(0, Math.min(2, state.length()))) {
			case "08" -> "the server is down or unreachable";
			case "28" -> "the user name or password was refused";
			case "3D" -> "the database does not exist";
			case "42" -> "a table, view or column of the query does not exist, or the user may not read it";
			case "57" -> "the server is shutting down or cancelled the query";
			default -> null;
		};
		if (meaning == null && ex instanceof IllegalArgumentException && ex.getMessage() != null) {
			meaning = ex.getMessage();
		}
		return what + ((meaning != null) ? ": " + meaning : "") + " (" + InboxFiles.describeFailure(ex) + ")";
	}

	private static String sqlState(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

	/**
	 * The rows of one commit: valid facts by record key (the last row of a key wins, an
	 * earlier one is refused as a duplicate), refused rows, and the largest watermark.
	 */
	static final class Batch {

		final Map<String, PartnerFact> facts = new LinkedHashMap<>();

		final List<RejectedRow> rejects = new ArrayList<>();

		Object mark;

		long rows;

		/** Maps a row: a valid fact is kept, a refused row rejected. */
		void map(PartnerRowMapper mapper, SourceRow row) {
			PartnerRowMapper.Result result = mapper.map(row);
			if (result instanceof PartnerRowMapper.Mapped mapped) {
				keep(mapped.fact());
			}
			else if (result instanceof PartnerRowMapper.Refused refused) {
				this.rejects.add(refused.row().keyed(mapper.rawKey(row)));
			}
		}

		void keep(PartnerFact fact) {
			PartnerFact earlier = this.facts.remove(fact.key());
			if (earlier != null) {
				RejectedRow row = earlier.origin();
				this.rejects.add(new RejectedRow(null, null, row.rowNumber(), fact.key(),
						RejectReason.DUPLICATE_IN_FILE, "与本次读取第 " + fact.origin().rowNumber() + " 行的记录重复，以最后一行为准",
						row.rawValues(), null, null, null));
			}
			this.facts.put(fact.key(), fact);
		}

	}

	private static final class Counts {

		long read;

		long loaded;

		long rejected;

		long loadNanos;

		final PhaseTimes times = PhaseTimes.start();

		long progressAt = System.nanoTime();

	}

}
