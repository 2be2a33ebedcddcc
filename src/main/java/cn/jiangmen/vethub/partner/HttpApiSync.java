package cn.jiangmen.vethub.partner;

import java.time.Clock;
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

import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.ops.PullSource;
import cn.jiangmen.vethub.ops.PullStartGuard;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.ops.SourcePreview;
import cn.jiangmen.vethub.warehouse.PhaseTimes;
import cn.jiangmen.vethub.warehouse.ReferenceData;
import cn.jiangmen.vethub.source.HttpApiSettings;
import cn.jiangmen.vethub.source.HttpApiSettings.PagingStyle;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import jakarta.annotation.PreDestroy;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pulls an HTTP API source ({@code kind: http-api}): pages through its endpoint
 * ({@link HttpPaging}) with camel-http ({@link HttpApiClient}: auth, retries, soft
 * errors), reads each reply as it streams ({@link JsonPageReader}), presents each record
 * as a partner file row ({@link JsonRecordRows}) so that it is mapped and checked by the
 * same {@link PartnerRowMapper} (types, required fields, normalizers, reject reasons),
 * and loads the page with {@link PartnerFactLoader} (upsert by record key; unknown
 * persons wait).
 * <p>
 * Whole pages are committed in groups of about {@value #COMMIT_ROWS} records, each group
 * in one warehouse transaction with its rejects, the run's progress and, when it may
 * move, the high-water mark ({@code ops.sync_mark}, endpoint {@value #ENDPOINT}): the
 * largest cursor value read. A page is mapped on a thread of its own while the next page
 * is fetched and parsed, and a group commits on another while the next pages are mapped
 * ({@link CommitPipeline}, as a database source's batches). The mark moves with every
 * group when the server returns records in cursor order ({@code incremental.ordered}, and
 * always with keyset paging), else with the run's last group only, so that a run that
 * fails half-way never leaves a mark past records it did not commit; the next run reads
 * from the old mark again (an upsert: nothing is counted twice). When a request fails for
 * good, the whole pages read since the last commit are committed first, so the mark
 * stands at the last committed record. A source that is down fails the run with the
 * request and the last error, and the mark stays where it was. A record that fails its
 * checks is rejected with its record key and reason; the run goes on.
 */
@Component("httpApiSync")
public class HttpApiSync implements PullSource {

	private static final Logger log = LoggerFactory.getLogger(HttpApiSync.class);

	static final String ENDPOINT = "http";

	/** About how many records (whole pages) are committed in one transaction. */
	static final int COMMIT_ROWS = 10_000;

	private final SourceRegistry registry;

	private final DatabaseMarks marks;

	private final PartnerFactLoader loader;

	private final RunLedger ledger;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final CamelContext camel;

	private final ProducerTemplate template;

	private final JsonMapper json;

	private final PullStartGuard guard;

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	private final ExecutorService executor = Executors.newCachedThreadPool((r) -> {
		Thread t = new Thread(r, "http-api-sync");
		t.setDaemon(true);
		return t;
	});

	/** Where the last finished run spent its time (benchmark). */
	private volatile Timings lastTimings = new Timings();

	/** Records (whole pages) a group commit holds at least; tests lower it. */
	int commitRows = COMMIT_ROWS;

	/** Waits between attempts; tests replace it to see the waits. */
	HttpApiClient.Sleeper sleeper = HttpApiClient.Sleeper.REAL;

	private final ReferenceData references;

	HttpApiSync(SourceRegistry registry, DatabaseMarks marks, PartnerFactLoader loader, RunLedger ledger,
			JdbcTemplate jdbc, PlatformTransactionManager transactions, CamelContext camel, JsonMapper json,
			PullStartGuard guard, ReferenceData references) {
		this.guard = guard;
		this.references = references;
		this.registry = registry;
		this.marks = marks;
		this.loader = loader;
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.camel = camel;
		this.template = camel.createProducerTemplate();
		this.json = json;
	}

	@Override
	public boolean handles(SourceDefinition source) {
		return source.kind() == SourceKind.HTTP_API;
	}

	@Override
	public SyncStart start(SourceDefinition source, RunTrigger trigger, boolean fullResync) {
		return this.guard.start(source, trigger, fullResync, PullStartGuard.flag(this.running, source.id()),
				this.executor, (runId) -> run(runId, source, fullResync));
	}

	/** Called by the route of an http-api source on its schedule. */
	public void scheduled(String sourceId) {
		SourceDefinition source = this.registry.get(sourceId);
		if (source.enabled()) {
			SyncStart start = start(source, RunTrigger.SCHEDULE, false);
			log.info("Scheduled sync of {}: {}", sourceId, start.message());
		}
	}

	/** Where the last finished run (succeeded or failed) spent its time. */
	Timings lastTimings() {
		return this.lastTimings;
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

	/** One record of a reply: its row and its cursor value (null when it has none). */
	private record Item(SourceRow row, Comparable<?> cursor) {

	}

	/** What a read needs, made once per run or preview. */
	private final class Read implements AutoCloseable {

		final HttpApiSettings settings;

		final HttpApiClient client;

		final JsonRecordRows rows;

		final PartnerRowMapper mapper;

		final HttpMark mark;

		final JsonPageReader reader;

		final HttpPaging paging;

		Read(SourceDefinition source, Comparable<?> from) {
			this.settings = source.httpApi();
			ZoneId zone = ZoneId.of(this.settings.timeZone());
			this.client = new HttpApiClient(this.settings, HttpApiSync.this.template, HttpApiSync.this.json,
					HttpApiSync.this.sleeper, Clock.systemUTC());
			this.rows = new JsonRecordRows(this.settings.mapping(), zone);
			this.mapper = new PartnerRowMapper(this.settings.mapping(), this.rows.columns(this.settings.mapping()),
					this.rows.headers(), null, HttpApiSync.this.references.towns());
			this.mark = this.settings.isIncremental() ? new HttpMark(this.settings.incremental(), zone) : null;
			this.reader = new JsonPageReader(HttpApiSync.this.json, this.settings.records(), this.client.wanted());
			this.paging = new HttpPaging(this.settings, this.client.pageUrl(),
					(from != null) ? this.mark.write(from) : null);
		}

		@Override
		public void close() {
			this.client.close();
		}

		Item item(JsonNode record) {
			Comparable<?> cursor = null;
			if (this.mark != null) {
				try {
					cursor = this.mark.of(record);
				}
				catch (IllegalArgumentException ex) {
					// the record is still mapped and checked; it does not move the mark
				}
			}
			return new Item(this.rows.row(record, 0), cursor);
		}

		/** What the reply says for the paging; the page's largest cursor value. */
		HttpPaging.Reply reply(JsonPageReader.Page<Item> page, Comparable<?> pageMax) {
			HttpApiSettings.Paging p = this.settings.paging();
			return new HttpPaging.Reply(page.records().size(), integer(page.text(p.sizePointer())),
					number(page.text(p.pagesPointer())), page.text(p.cursorPointer()), page.text(p.nextPointer()),
					(pageMax != null) ? this.mark.write(pageMax) : null);
		}

	}

	private void run(long runId, SourceDefinition source, boolean fullResync) {
		HttpApiSettings settings = source.httpApi();
		Counts counts = new Counts();
		Read r = null;
		Timings timings = new Timings();
		CommitPipeline mapping = new CommitPipeline(this.executor, runId);
		CommitPipeline committer = new CommitPipeline(this.executor, runId);
		try {
			Comparable<?> from = (settings.isIncremental() && !fullResync)
					? HttpMark.fromStored(this.marks.load(source.id(), ENDPOINT)) : null;
			log.info("Sync {} run {} starts{} from {} at mark {}", source.id(), runId,
					fullResync ? " (full resync)" : "", settings.safeUrl(), (from != null) ? from : "(start)");
			r = new Read(source, from);
			read(runId, source, r, from, mapping, committer, counts, timings);
			this.ledger.finish(runId, RunStatus.SUCCEEDED, counts.read, counts.loaded, counts.rejected, null, null);
			log.info("Sync {} run {} succeeded: {} records read, {} loaded, {} rejected, {} requests", source.id(),
					runId, counts.read, counts.loaded, counts.rejected, r.client.requests());
		}
		catch (RuntimeException ex) {
			mapping.awaitQuietly();
			committer.awaitQuietly();
			String message = "the API " + settings.safeUrl() + " failed: "
					+ ((ex instanceof HttpApiClient.HttpApiException || ex instanceof IllegalStateException)
							? ex.getMessage() : cn.jiangmen.vethub.ingest.InboxFiles.describeFailure(ex))
					+ "; the mark stays where the last committed page left it";
			log.error("Sync {} run {} failed: {}", source.id(), runId, message);
			this.ledger.finish(runId, RunStatus.FAILED, counts.read, counts.loaded, counts.rejected, message, null);
		}
		finally {
			mapping.awaitQuietly();
			committer.awaitQuietly();
			if (r != null) {
				timings.waitNanos = r.client.waitNanos();
				timings.bodyNanos = r.client.bodyNanos();
				r.close();
			}
			timings.totalNanos = System.nanoTime() - timings.startedAt;
			this.lastTimings = timings;
			log.debug("Sync {} run {}: {}", source.id(), runId, timings);
		}
	}

	/**
	 * Reads the pages and hands each to the mapping stage, which maps and checks its
	 * records while the next page is fetched and parsed, and hands them to the committer
	 * in groups of whole pages (at least {@link #commitRows} records,
	 * {@value #COMMIT_ROWS} outside tests, and the run's last pages): fetching, mapping
	 * and committing overlap, one page or group in each at most. A group carries the mark
	 * of its last page when the mark may move there. When reading fails (a request that
	 * failed for good, a reply the paging cannot go on from, too many pages), the whole
	 * pages read before are mapped and committed all the same, then the run fails with
	 * the reading's error; when a commit fails, nothing after it is committed.
	 */
	private void read(long runId, SourceDefinition source, Read r, Comparable<?> from, CommitPipeline mapping,
			CommitPipeline committer, Counts counts, Timings timings) {
		HttpApiSettings settings = r.settings;
		boolean moveEveryPage = settings.isIncremental()
				&& (settings.incremental().ordered() || settings.paging().kind() == PagingStyle.KEYSET);
		Grouping grouping = new Grouping(runId, source, r.mapper, committer, counts, timings);
		Comparable<?> runMax = from;
		RuntimeException readFailure = null;
		HttpPaging.Request request = r.paging.first();
		while (request != null) {
			JsonPageReader.Page<Item> reply;
			try {
				if (r.paging.pagesRead() >= settings.paging().maxPagesOrDefault()) {
					throw new IllegalStateException(
							"the endpoint gave more than " + settings.paging().maxPagesOrDefault()
									+ " pages: stopped (raise paging.max-pages if that is right)");
				}
				reply = r.client.fetch(request, r.reader, (node) -> {
					long t = System.nanoTime();
					Item item = r.item(node);
					timings.itemNanos += System.nanoTime() - t;
					return item;
				});
				Comparable<?> pageMax = null;
				for (Item item : reply.records()) {
					pageMax = HttpMark.max(pageMax, item.cursor());
				}
				runMax = HttpMark.max(runMax, pageMax);
				request = r.paging.next(r.reply(reply, pageMax));
			}
			catch (RuntimeException ex) {
				readFailure = ex;
				break;
			}
			List<Item> items = reply.records();
			Object mark = (runMax != null && (moveEveryPage || request == null)) ? HttpMark.stored(runMax) : null;
			boolean last = request == null;
			long start = System.nanoTime();
			mapping.handOver(() -> grouping.add(items, mark, last));
			timings.readWaitNanos += System.nanoTime() - start;
		}
		if (readFailure == null) {
			mapping.await();
			grouping.flush();
			committer.await();
			return;
		}
		try {
			mapping.await();
			grouping.flush();
			committer.await();
		}
		catch (RuntimeException ex) {
			readFailure.addSuppressed(ex);
			log.warn("Sync {} run {}: committing the pages read before the failure failed too ({})", source.id(), runId,
					cn.jiangmen.vethub.ingest.InboxFiles.describeFailure(ex));
		}
		throw readFailure;
	}

	/**
	 * The mapping stage of a run: maps and checks each page's records (numbered in the
	 * order read) and gathers whole pages into groups, handing a group to the committer
	 * once it holds {@link #commitRows} records. Called for one page at a time, in order
	 * ({@link CommitPipeline}), then {@link #flush} once reading ended.
	 */
	private final class Grouping {

		private final long runId;

		private final SourceDefinition source;

		private final PartnerRowMapper mapper;

		private final CommitPipeline committer;

		private final Counts counts;

		private final Timings timings;

		private Group group = new Group();

		private long fetched;

		Grouping(long runId, SourceDefinition source, PartnerRowMapper mapper, CommitPipeline committer, Counts counts,
				Timings timings) {
			this.runId = runId;
			this.source = source;
			this.mapper = mapper;
			this.committer = committer;
			this.counts = counts;
			this.timings = timings;
		}

		void add(List<Item> items, Object mark, boolean last) {
			long mapStart = System.nanoTime();
			DatabaseSourceSync.Batch page = new DatabaseSourceSync.Batch();
			for (Item item : items) {
				page.map(this.mapper, new SourceRow(null, this.fetched + page.rows + 1, item.row().cells()));
				page.rows++;
			}
			this.timings.mapNanos += System.nanoTime() - mapStart;
			this.fetched += page.rows;
			this.group.add(page, this.fetched);
			if (mark != null) {
				this.group.mark = mark;
			}
			if (!last && this.group.rows >= HttpApiSync.this.commitRows) {
				handOver(this.committer, this.runId, this.source, this.group, this.counts, this.timings);
				this.group = new Group();
			}
		}

		/** Hands the pages mapped since the last group over (reading ended). */
		void flush() {
			handOver(this.committer, this.runId, this.source, this.group, this.counts, this.timings);
			this.group = new Group();
		}

	}

	/** Starts committing a group (see {@link CommitPipeline}) unless it is empty. */
	private void handOver(CommitPipeline committer, long runId, SourceDefinition source, Group group, Counts counts,
			Timings timings) {
		long start = System.nanoTime();
		if (group.rows > 0 || group.mark != null) {
			committer.handOver(() -> commit(runId, source, group, counts, timings));
		}
		else {
			committer.await();
		}
		timings.handOverNanos += System.nanoTime() - start;
	}

	/**
	 * Commits a group's facts, rejects, the run's progress and, when given, the mark, in
	 * one warehouse transaction. The transaction does not wait for its WAL to reach the
	 * disk ({@code synchronous_commit = off}, as a database source's batches): the run's
	 * end is written by the ledger in a transaction that does, and PostgreSQL writes its
	 * WAL in order, so a run recorded as finished has every batch on disk; a crash of the
	 * database server before can lose the last batches of a run in progress, each with
	 * its own mark (never one without the other), and the next run reads them again.
	 */
	private void commit(long runId, SourceDefinition source, Group group, Counts counts, Timings timings) {
		long start = System.nanoTime();
		PartnerFactLoader.Outcome outcome = this.transaction.execute((tx) -> {
			this.jdbc.execute("SET LOCAL synchronous_commit = off");
			long t0 = System.nanoTime();
			PartnerFactLoader.Outcome o = this.loader.load(source.id(), null, runId,
					new ArrayList<>(group.facts.values()), timings.load);
			long t1 = System.nanoTime();
			List<RejectedRow> rejects = new ArrayList<>(group.rejects);
			rejects.addAll(o.rejects());
			this.ledger.reject(runId, source.id(), rejects);
			long t2 = System.nanoTime();
			if (group.mark != null) {
				this.marks.save(source.id(), ENDPOINT, group.mark, runId);
			}
			this.ledger.progressInTransaction(runId, group.readAfter);
			timings.loadNanos += t1 - t0;
			timings.rejectNanos += t2 - t1;
			timings.markNanos += System.nanoTime() - t2;
			return o;
		});
		counts.read = group.readAfter;
		counts.loaded += outcome.loaded() + group.superseded;
		counts.rejected += group.rejects.size() + outcome.rejects().size();
		timings.commitNanos += System.nanoTime() - start;
		timings.commits++;
	}

	/**
	 * The whole pages of one commit: their valid facts by record key, their rejects, the
	 * mark (when it may move with the group's last page) and the run's records read once
	 * the group is committed. A record delivered again on a later page of the group (it
	 * changed while the run paged) replaces the earlier copy, as the commit of the later
	 * page would overwrite the earlier one: both count as loaded; within one page a
	 * repeated key is a duplicate, as in a file.
	 */
	private static final class Group {

		final Map<String, PartnerFact> facts = new LinkedHashMap<>();

		final List<RejectedRow> rejects = new ArrayList<>();

		Object mark;

		long rows;

		long superseded;

		long readAfter;

		void add(DatabaseSourceSync.Batch page, long readAfter) {
			for (PartnerFact fact : page.facts.values()) {
				if (this.facts.remove(fact.key()) != null) {
					this.superseded++;
				}
				this.facts.put(fact.key(), fact);
			}
			this.rejects.addAll(page.rejects);
			this.rows += page.rows;
			this.readAfter = readAfter;
		}

	}

	/** The run's records read, loaded and rejected, as far as committed. */
	private static final class Counts {

		volatile long read;

		volatile long loaded;

		volatile long rejected;

	}

	/**
	 * The dry run of the source ({@code POST /api/sources/{id}/preview}): its pages from
	 * the current mark (what the next run would read) until {@code limit} records, mapped
	 * as a run maps them; no mark, run or fact is written.
	 */
	void preview(SourceDefinition source, int limit, SourcePreview.Collector collector) {
		HttpApiSettings settings = source.httpApi();
		Comparable<?> from = settings.isIncremental() ? HttpMark.fromStored(this.marks.load(source.id(), ENDPOINT))
				: null;
		try (Read r = new Read(source, from)) {
			previewRead(r, limit, collector);
		}
	}

	private void previewRead(Read r, int limit, SourcePreview.Collector collector) {
		DatabaseSourceSync.Batch batch = new DatabaseSourceSync.Batch();
		HttpPaging.Request request = r.paging.first();
		while (request != null && batch.rows < limit) {
			JsonPageReader.Page<Item> page = r.client.fetch(request, r.reader, r::item);
			Comparable<?> pageMax = null;
			for (Item item : page.records()) {
				if (batch.rows >= limit) {
					break;
				}
				batch.map(r.mapper, new SourceRow(null, batch.rows + 1, item.row().cells()));
				batch.rows++;
				pageMax = HttpMark.max(pageMax, item.cursor());
			}
			request = r.paging.next(r.reply(page, pageMax));
		}
		collector.read(batch.rows);
		batch.rejects.forEach(collector::reject);
		batch.facts.values().forEach((fact) -> PartnerPreview.fact(collector, fact));
	}

	/**
	 * Where a run spent its time, summed with {@link System#nanoTime()} (benchmark and a
	 * debug line per run): waiting for the answers, reading and parsing their bodies (of
	 * which making each record's row and cursor value), mapping and checking the records,
	 * and the warehouse transactions (of which the upsert of the facts, the rejects, and
	 * the mark with the run's progress; the rest is the transaction's begin and commit).
	 */
	static final class Timings {

		final long startedAt = System.nanoTime();

		long totalNanos;

		long waitNanos;

		long bodyNanos;

		long itemNanos;

		long mapNanos;

		long commitNanos;

		long loadNanos;

		long rejectNanos;

		long markNanos;

		long handOverNanos;

		long readWaitNanos;

		long commits;

		final PhaseTimes load = PhaseTimes.start();

		@Override
		public String toString() {
			return String
				.format("total %d ms; HTTP wait %d ms, body read + parse %d ms (of which rows + cursor %d ms), "
						+ "mapping + checks %d ms; %d commits %d ms (upsert %d ms: %s; rejects %d ms, mark + progress %d ms, "
						+ "begin + commit %d ms); reading waited %d ms for the mapping, the mapping %d ms for the commits",
						ms(this.totalNanos), ms(this.waitNanos), ms(this.bodyNanos), ms(this.itemNanos),
						ms(this.mapNanos), this.commits, ms(this.commitNanos), ms(this.loadNanos), phases(this.load),
						ms(this.rejectNanos), ms(this.markNanos),
						ms(this.commitNanos - this.loadNanos - this.rejectNanos - this.markNanos),
						ms(this.readWaitNanos), ms(this.handOverNanos));
		}

		private static String phases(PhaseTimes times) {
			StringBuilder out = new StringBuilder();
			times.snapshot().forEach((phase, nanos) -> {
				if (!out.isEmpty()) {
					out.append(", ");
				}
				out.append(phase).append(' ').append(ms(nanos)).append(" ms");
			});
			return out.toString();
		}

		private static long ms(long nanos) {
			return nanos / 1_000_000;
		}

	}

	private static Integer integer(String text) {
		Long n = number(text);
		return (n != null && n <= Integer.MAX_VALUE) ? n.intValue() : null;
	}

	private static Long number(String text) {
		try {
			return (text != null) ? Long.valueOf(text.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

}
