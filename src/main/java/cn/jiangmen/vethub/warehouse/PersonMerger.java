package cn.jiangmen.vethub.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.io.JsonStringEncoder;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Loads person observations and derives {@code dw.person} from all that is known about
 * each person touched, by the merge rules of the bureau:
 * <ul>
 * <li>identity fields (name, category, political status, enlist and discharge dates): the
 * provincial system's latest record when it has a non-empty value, otherwise the most
 * recent roster row;</li>
 * <li>phone and town: the most recent non-empty value across all sources (ties: province
 * first, then source id), county_code being the county of that town;</li>
 * <li>village: from the most recent roster row whose town is the chosen town, else
 * empty;</li>
 * <li>gender and birth date: always from the ID number.</li>
 * </ul>
 * Because the person is recomputed from every observation rather than patched, the order
 * in which files and syncs arrive never changes the result. Persons are never merged by
 * name. Runs in the caller's transaction (one file or one page is one transaction).
 */
@Component
public class PersonMerger {

	private static final Logger log = LoggerFactory.getLogger(PersonMerger.class);

	static final String STAGE = "pg_temp.person_obs_stage";

	private static final String CREATE_STAGE = """
			CREATE TEMP TABLE IF NOT EXISTS person_obs_stage (
			    seq bigint, id_card char(18), source_id text, source_kind text, observed_at timestamptz,
			    record_ref text, name text, category text, political_status text, enlist_date date,
			    discharge_date date, phone text, town text, county_code char(6), village text
			) ON COMMIT DELETE ROWS""";

	private static final String COPY_STAGE = "COPY " + STAGE + " (seq, id_card, source_id, source_kind, observed_at,"
			+ " record_ref, name, category, political_status, enlist_date, discharge_date, phone, town, county_code,"
			+ " village) FROM STDIN";

	private static final String UPSERT_OBSERVATIONS = """
			INSERT INTO dw.person_observation_log AS o (id_card, source_id, source_kind, observed_at, run_id, record_ref,
			       name, category, political_status, enlist_date, discharge_date, phone, town, county_code, village)
			SELECT DISTINCT ON (id_card, source_id, observed_at)
			       id_card, source_id, source_kind, observed_at, ?, record_ref, name, category, political_status,
			       enlist_date, discharge_date, phone, town, county_code, village
			  FROM pg_temp.person_obs_stage s
			 ORDER BY id_card, source_id, observed_at, seq DESC
			ON CONFLICT (id_card, source_id, observed_at) DO UPDATE
			   SET source_kind = excluded.source_kind, run_id = excluded.run_id, record_ref = excluded.record_ref,
			       name = excluded.name, category = excluded.category, political_status = excluded.political_status,
			       enlist_date = excluded.enlist_date, discharge_date = excluded.discharge_date,
			       phone = excluded.phone, town = excluded.town, county_code = excluded.county_code,
			       village = excluded.village""";

	/**
	 * The persons of the stage (known to the warehouse already, or stated several times
	 * in a chunk): each field chosen by the rules among all their observations, once the
	 * stage's are stored.
	 */
	private static final String MERGE_KNOWN = """
			WITH ids AS (SELECT DISTINCT s.id_card FROM pg_temp.person_obs_stage s),
			obs AS (SELECT o.* FROM dw.person_observation_log o JOIN ids USING (id_card)),
			prov AS (SELECT DISTINCT ON (id_card) * FROM obs WHERE source_kind = 'province'
			          ORDER BY id_card, observed_at DESC, source_id),
			ros AS (SELECT DISTINCT ON (id_card) * FROM obs WHERE source_kind = 'roster'
			          ORDER BY id_card, observed_at DESC, source_id),
			ph AS (SELECT DISTINCT ON (id_card) id_card, phone, source_id, observed_at FROM obs
			        WHERE coalesce(phone, '') <> ''
			        ORDER BY id_card, observed_at DESC, (source_kind = 'province') DESC, source_id),
			tw AS (SELECT DISTINCT ON (o.id_card) o.id_card, o.town, t.county_code, o.source_id, o.observed_at
			         FROM obs o JOIN ref.town t ON t.name = o.town
			        ORDER BY o.id_card, o.observed_at DESC, (o.source_kind = 'province') DESC, o.source_id),
			cc AS (SELECT DISTINCT ON (id_card) id_card, county_code FROM obs WHERE county_code IS NOT NULL
			        ORDER BY id_card, observed_at DESC, (source_kind = 'province') DESC, source_id),
			vi AS (SELECT DISTINCT ON (o.id_card) o.id_card, nullif(o.village, '') AS village
			         FROM obs o JOIN tw ON tw.id_card = o.id_card AND tw.town = o.town
			        WHERE o.source_kind = 'roster'
			        ORDER BY o.id_card, o.observed_at DESC, o.source_id),
			merged AS (
			  SELECT i.id_card,
			         CASE WHEN coalesce(p.name, '') <> '' THEN p.name ELSE r.name END AS name,
			         CASE WHEN coalesce(p.name, '') <> '' THEN p.source_id ELSE r.source_id END AS name_source,
			         CASE WHEN coalesce(p.name, '') <> '' THEN p.observed_at ELSE r.observed_at END AS name_set_at,
			         coalesce(p.enlist_date, r.enlist_date) AS enlist_date,
			         coalesce(p.discharge_date, r.discharge_date) AS discharge_date,
			         coalesce(nullif(p.category, ''), nullif(r.category, '')) AS category,
			         coalesce(nullif(p.political_status, ''), nullif(r.political_status, '')) AS political_status,
			         ph.phone, ph.source_id AS phone_source, ph.observed_at AS phone_set_at,
			         tw.town, tw.source_id AS town_source, tw.observed_at AS town_set_at,
			         coalesce(tw.county_code, cc.county_code) AS county_code, vi.village
			    FROM ids i
			    LEFT JOIN prov p USING (id_card) LEFT JOIN ros r USING (id_card) LEFT JOIN ph USING (id_card)
			    LEFT JOIN tw USING (id_card) LEFT JOIN cc USING (id_card) LEFT JOIN vi USING (id_card))
			""";

	/**
	 * Writes the merged persons ({@code merged} of the statement it ends) into
	 * {@code dw.person}. Coded values are checked here against the reference tables,
	 * set-based (a value not in them is not stored), instead of by row-by-row foreign
	 * keys, which cost a third of a bulk load (migration V50); the town is already a
	 * {@code ref.town} name in {@code merged}.
	 */
	private static final String INSERT_PERSONS = """
			INSERT INTO dw.person AS d (id_card, name, gender, birth_date, enlist_date, discharge_date, category,
			       political_status, party_member, phone, county_code, town, village, name_source, name_set_at,
			       phone_source, phone_set_at, town_source, town_set_at, last_run_id)
			SELECT m.id_card, m.name,
			       CASE WHEN substr(m.id_card, 17, 1)::int % 2 = 1 THEN 'M' ELSE 'F' END,
			       to_date(substr(m.id_card, 7, 8), 'YYYYMMDD'),
			       m.enlist_date, m.discharge_date, c.name, s.name, coalesce(s.party_member, false),
			       m.phone, k.code, m.town, m.village, m.name_source, m.name_set_at,
			       m.phone_source, m.phone_set_at, m.town_source, m.town_set_at, ?
			  FROM merged m
			  LEFT JOIN ref.person_category c ON c.name = m.category
			  LEFT JOIN ref.political_status s ON s.name = m.political_status
			  LEFT JOIN ref.county k ON k.code = m.county_code
			 WHERE coalesce(m.name, '') <> ''
			""";

	/**
	 * {@link #INSERT_PERSONS}, for persons that may exist: a changed person is updated.
	 */
	private static final String UPSERT_PERSONS = INSERT_PERSONS + """
			ON CONFLICT (id_card) DO UPDATE
			   SET name = excluded.name, enlist_date = excluded.enlist_date, discharge_date = excluded.discharge_date,
			       category = excluded.category, political_status = excluded.political_status,
			       party_member = excluded.party_member, phone = excluded.phone, county_code = excluded.county_code,
			       town = excluded.town, village = excluded.village, name_source = excluded.name_source,
			       name_set_at = excluded.name_set_at, phone_source = excluded.phone_source,
			       phone_set_at = excluded.phone_set_at, town_source = excluded.town_source,
			       town_set_at = excluded.town_set_at, last_run_id = excluded.last_run_id,
			       updated_at = CASE WHEN (d.name, d.enlist_date, d.discharge_date, d.category, d.political_status,
			                               d.phone, d.county_code, d.town, d.village, d.name_source, d.phone_source,
			                               d.town_source)
			                              IS DISTINCT FROM
			                              (excluded.name, excluded.enlist_date, excluded.discharge_date,
			                               excluded.category, excluded.political_status, excluded.phone,
			                               excluded.county_code, excluded.town, excluded.village,
			                               excluded.name_source, excluded.phone_source, excluded.town_source)
			                         THEN now() ELSE d.updated_at END,
			       sole_province = NULL, sole_record_ref = NULL, sole_stated = NULL
			 WHERE (d.name, d.enlist_date, d.discharge_date, d.category, d.political_status, d.phone, d.county_code,
			        d.town, d.village, d.name_source, d.phone_source, d.town_source)
			       IS DISTINCT FROM
			       (excluded.name, excluded.enlist_date, excluded.discharge_date, excluded.category,
			        excluded.political_status, excluded.phone, excluded.county_code, excluded.town, excluded.village,
			        excluded.name_source, excluded.phone_source, excluded.town_source)
			    OR d.sole_province IS NOT NULL""";

	/**
	 * Moves the sole observation of the stage's persons that hold one in their row
	 * (migration V54) into the log, before their new observations are stored and they are
	 * merged from the log; {@link #UPSERT_PERSONS} then clears the row's copy. A load
	 * that moved the same observation meanwhile (and committed) leaves nothing to do.
	 */
	private static final String MOVE_SOLE_OBSERVATIONS = """
			INSERT INTO dw.person_observation_log (id_card, source_id, source_kind, observed_at, run_id, record_ref,
			       name, category, political_status, enlist_date, discharge_date, phone, town, county_code, village)
			SELECT o.id_card, o.source_id, o.source_kind, o.observed_at, o.run_id, o.record_ref, o.name, o.category,
			       o.political_status, o.enlist_date, o.discharge_date, o.phone, o.town, o.county_code, o.village
			  FROM dw.person_sole_observation o
			 WHERE o.id_card IN (SELECT s.id_card FROM pg_temp.person_obs_stage s)
			ON CONFLICT (id_card, source_id, observed_at) DO NOTHING""";

	private static final String PERSON_COLUMNS = "dw.person (id_card, name, gender, birth_date, enlist_date,"
			+ " discharge_date, category, political_status, party_member, phone, county_code, town, village,"
			+ " name_source, name_set_at, phone_source, phone_set_at, town_source, town_set_at, last_run_id,"
			+ " sole_province, sole_record_ref, sole_stated)";

	/**
	 * Observations of this run that a staged observation (same person, source and time)
	 * replaces: read before the staged ones are stored.
	 */
	private static final String REPLACED_OF_RUN = """
			SELECT DISTINCT o.record_ref FROM dw.person_observation_log o
			  JOIN pg_temp.person_obs_stage s
			    ON s.id_card = o.id_card AND s.source_id = o.source_id AND s.observed_at = o.observed_at
			 WHERE o.run_id = ?""";

	/**
	 * Observations of the stage that a later one of the same person in it supersedes (in
	 * a file: its duplicate rows, the last one winning).
	 */
	private static final String SUPERSEDED_IN_STAGE = """
			SELECT s.record_ref FROM pg_temp.person_obs_stage s
			 WHERE EXISTS (SELECT 1 FROM pg_temp.person_obs_stage t WHERE t.id_card = s.id_card AND t.seq > s.seq)
			 ORDER BY s.seq""";

	private static final String UNIQUE_VIOLATION = "23505";

	/**
	 * Tries at writing a chunk's new persons: the first may take a known person for new,
	 * a later one only a person another load has just committed.
	 */
	private static final int MAX_WRITE_ATTEMPTS = 5;

	private static final Comparator<PersonObservation> BY_ID = Comparator.comparing(PersonObservation::idCard);

	/** Observations handed to the database at a time (bounded memory, sorted runs). */
	static final int CHUNK = 25_000;

	/** Chunks read ahead while the database takes the one before. */
	private static final int CHUNKS_AHEAD = 1;

	private final DataSource dataSource;

	private final PendingFactResolver pendingFacts;

	private final ReferenceData references;

	/**
	 * Whether persons new to the warehouse are written directly; off only in the test
	 * that proves the direct path and the SQL merge give the same persons.
	 */
	boolean singleObservationShortcut = true;

	/** Observations per chunk; smaller only in tests. */
	int chunkSize = CHUNK;

	PersonMerger(DataSource dataSource, PendingFactResolver pendingFacts, ReferenceData references) {
		this.dataSource = dataSource;
		this.pendingFacts = pendingFacts;
		this.references = references;
	}

	/**
	 * Opens a batch of observations for one run. Call inside the load's transaction; the
	 * batch is applied by {@link Batch#apply()}. Until then the batch uses the
	 * transaction's connection from a thread of its own: the caller must not use that
	 * connection in between.
	 */
	public Batch begin(long runId) throws SQLException {
		// the reference tables read now, not in the middle of the batch's COPYs, which
		// hold the transaction's connection
		this.references.counties();
		return new Batch(DataSourceUtils.getConnection(this.dataSource), runId);
	}

	/**
	 * Observations handed to the database chunk by chunk, on a thread of the batch's own
	 * so that the caller reads the next chunk meanwhile; each chunk is merged completely
	 * before the next. Of each chunk, the persons new to the warehouse and stated once in
	 * it (the whole of a first bulk load) are written straight into {@code dw.person} by
	 * binary COPY, sorted by ID number, their person computed here by the rules as
	 * {@link #MERGE_KNOWN} computes it for a single observation, and the observation held
	 * in the person's row (migration V54: {@code dw.person_sole_observation}); every
	 * other observation (a person known already, or stated twice in the chunk) goes
	 * through the stage, the observation log and the SQL merge, the sole observation of a
	 * known person moved into the log first. A person written directly and stated again
	 * in a later chunk is known by then, so the later statement is staged and wins, as in
	 * a file the last row does.
	 */
	public final class Batch implements AutoCloseable {

		private final Connection connection;

		private final long runId;

		private final Semaphore room = new Semaphore(CHUNKS_AHEAD);

		private final List<Future<?>> written = new ArrayList<>();

		private ExecutorService writer;

		private List<PersonObservation> chunk = new ArrayList<>();

		private long nextSeq;

		private long staged;

		private long direct;

		private int persons;

		/** Whether the stage is there and empty for this batch. */
		private boolean stageReady;

		/** Whether known persons are looked up (after a chunk found some). */
		private boolean probing;

		private final Set<String> superseded = new LinkedHashSet<>();

		private volatile boolean closing;

		private boolean applied;

		private Batch(Connection connection, long runId) {
			this.connection = connection;
			this.runId = runId;
		}

		/**
		 * Adds an observation. It must name the person: every source states the name (a
		 * row without one is refused as {@code missing_required}), so every person
		 * observed is in {@code dw.person}.
		 */
		public void add(PersonObservation o) throws SQLException {
			if (this.applied) {
				throw new IllegalStateException("The batch was applied");
			}
			if (o.name() == null || o.name().isEmpty()) {
				throw new IllegalArgumentException(
						"An observation must name the person (record " + o.recordRef() + ")");
			}
			this.chunk.add(o);
			if (this.chunk.size() >= PersonMerger.this.chunkSize) {
				handOver();
			}
		}

		/**
		 * Gives the full chunk to the writer thread, waiting while it is far behind. The
		 * chunk is sorted out here, so that the writer keeps the database busy.
		 */
		private void handOver() throws SQLException {
			checkWritten();
			Chunk full = prepare(this.chunk, this.nextSeq);
			this.chunk = new ArrayList<>(this.chunk.size());
			this.nextSeq += full.rows().size();
			try {
				this.room.acquire();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("Interrupted while handing observations to the database", ex);
			}
			if (this.writer == null) {
				this.writer = Executors.newSingleThreadExecutor((r) -> {
					Thread t = new Thread(r, "person-batch-" + this.runId);
					t.setDaemon(true);
					return t;
				});
			}
			this.written.add(this.writer.submit(() -> {
				try {
					if (!this.closing) {
						write(full);
					}
					return null;
				}
				finally {
					this.room.release();
				}
			}));
		}

		/** Rethrows the failure of any chunk written so far. */
		private void checkWritten() throws SQLException {
			for (Iterator<Future<?>> it = this.written.iterator(); it.hasNext();) {
				Future<?> f = it.next();
				if (f.isDone()) {
					it.remove();
					outcome(f);
				}
			}
		}

		private void awaitWritten() throws SQLException {
			for (Future<?> f : this.written) {
				outcome(f);
			}
			this.written.clear();
		}

		private void outcome(Future<?> f) throws SQLException {
			try {
				f.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("Interrupted while the database took observations", ex);
			}
			catch (ExecutionException ex) {
				this.closing = true;
				if (ex.getCause() instanceof SQLException sql) {
					throw sql;
				}
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new SQLException("Writing observations failed", ex.getCause());
			}
		}

		/**
		 * Sorts out a chunk: the observations of persons stated once in it, sorted by ID
		 * number, to be written directly if new to the warehouse, and the others, marked
		 * to be staged.
		 */
		private Chunk prepare(List<PersonObservation> rows, long firstSeq) {
			boolean[] staged = new boolean[rows.size()];
			List<PersonObservation> once = new ArrayList<>(rows.size());
			if (PersonMerger.this.singleObservationShortcut) {
				// sorted by ID, a person stated more than once is a run of equal IDs: no
				// map of every ID is needed to find the (rare) repeated ones
				// (a list, not a PersonObservation[]: sorting arrays of several types
				// makes the JIT compiler throw away and redo its code for the sort)
				List<PersonObservation> sorted = new ArrayList<>(rows);
				sorted.sort(BY_ID);
				Set<String> repeated = new HashSet<>();
				for (int i = 0; i < sorted.size();) {
					String id = sorted.get(i).idCard();
					int end = i + 1;
					while (end < sorted.size() && sorted.get(end).idCard().equals(id)) {
						end++;
					}
					if (end - i == 1) {
						once.add(sorted.get(i));
					}
					else {
						repeated.add(id);
					}
					i = end;
				}
				for (int i = 0; !repeated.isEmpty() && i < staged.length; i++) {
					staged[i] = repeated.contains(rows.get(i).idCard());
				}
			}
			else {
				Arrays.fill(staged, true);
			}
			return new Chunk(rows, firstSeq, once, staged);
		}

		/**
		 * Writes one chunk and merges it completely, so that the next chunk finds its
		 * persons known: the persons stated once in it and new to the warehouse go
		 * straight into {@code dw.person} ({@link #writeDirect}), the rest through the
		 * stage, the observation log and the SQL merge.
		 */
		private void write(Chunk chunk) throws SQLException {
			List<PersonObservation> rows = chunk.rows();
			boolean[] staged = chunk.staged();
			if (!chunk.once().isEmpty()) {
				Set<String> known = writeNew(chunk.once());
				for (int i = 0; !known.isEmpty() && i < rows.size(); i++) {
					staged[i] |= known.contains(rows.get(i).idCard());
				}
			}
			stage(rows, staged, chunk.firstSeq());
		}

		/**
		 * Writes directly the observations whose persons are new to the warehouse;
		 * returns the IDs of those that are known, to be staged. At first every person is
		 * taken for new, and nothing is looked up: a person already observed is in
		 * {@code dw.person} (observations are named), so it makes the COPY fail on the
		 * primary key. The write is under a savepoint: on that failure the chunk is
		 * rolled back and written again with the known persons looked up, as are the
		 * batch's later chunks; a person another load committed between the lookup and
		 * the write makes the lookup run again. A first load never fails and looks
		 * nothing up.
		 */
		private Set<String> writeNew(List<PersonObservation> rows) throws SQLException {
			for (int attempt = 1;; attempt++) {
				// every person observed is in dw.person (observations are named)
				Set<String> known = this.probing
						? KnownPersons.among(this.connection, rows.stream().map(PersonObservation::idCard).toList())
						: Set.of();
				List<PersonObservation> fresh = rows;
				if (!known.isEmpty()) {
					fresh = new ArrayList<>(rows.size());
					for (PersonObservation o : rows) {
						if (!known.contains(o.idCard())) {
							fresh.add(o);
						}
					}
				}
				if (fresh.isEmpty()) {
					return known;
				}
				Savepoint savepoint = this.connection.setSavepoint();
				try {
					writeDirect(fresh);
					this.connection.releaseSavepoint(savepoint);
					return known;
				}
				catch (SQLException ex) {
					if (!UNIQUE_VIOLATION.equals(ex.getSQLState()) || attempt == MAX_WRITE_ATTEMPTS) {
						throw ex;
					}
					this.connection.rollback(savepoint);
					this.probing = true;
				}
			}
		}

		/** Stages the marked rows and merges them by the SQL statements. */
		private void stage(List<PersonObservation> rows, boolean[] staged, long firstSeq) throws SQLException {
			boolean any = false;
			for (boolean b : staged) {
				any |= b;
			}
			if (!any) {
				return;
			}
			if (!this.stageReady) {
				// made when first needed: a batch of new persons only (a first load, most
				// pages of a sync) never touches a temporary table, which PostgreSQL
				// would
				// then empty at every commit
				try (Statement st = this.connection.createStatement()) {
					st.execute(CREATE_STAGE);
					st.execute("TRUNCATE " + STAGE);
				}
				this.stageReady = true;
			}
			try (CopyLoader copy = CopyLoader.open(this.connection, COPY_STAGE)) {
				for (int i = 0; i < rows.size(); i++) {
					if (staged[i]) {
						PersonObservation o = rows.get(i);
						copy.row(firstSeq + i, o.idCard(), o.sourceId(), o.kind().code(), o.observedAt(), o.recordRef(),
								o.name(), o.category(), o.politicalStatus(), o.enlistDate(), o.dischargeDate(),
								o.phone(), o.town(), o.countyCode(), o.village());
					}
				}
				this.staged += copy.finish();
			}
			mergeStaged();
		}

		/**
		 * Stores the staged observations, merges their persons by {@link #MERGE_KNOWN},
		 * notes which observations of this run they supersede, and empties the stage.
		 */
		private void mergeStaged() throws SQLException {
			try (Statement st = this.connection.createStatement()) {
				// A temporary table has no statistics until analyzed: without them the
				// planner guesses a handful of rows and picks nested loops that make a
				// large batch crawl.
				st.execute("ANALYZE " + STAGE);
				st.execute(MOVE_SOLE_OBSERVATIONS);
				collect(REPLACED_OF_RUN, true);
				collect(SUPERSEDED_IN_STAGE, false);
				executeForRun(UPSERT_OBSERVATIONS);
				this.persons += executeForRun(MERGE_KNOWN + UPSERT_PERSONS);
				st.execute("TRUNCATE " + STAGE);
			}
		}

		/** Adds the record refs a query returns to the superseded ones. */
		private void collect(String sql, boolean forRun) throws SQLException {
			try (PreparedStatement ps = this.connection.prepareStatement(sql)) {
				if (forRun) {
					ps.setLong(1, this.runId);
				}
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						this.superseded.add(rs.getString(1));
					}
				}
			}
		}

		/**
		 * Writes the persons of observations new to the warehouse, sorted by ID number (a
		 * sorted run is the cheapest to add to a primary key), into {@code dw.person} by
		 * binary COPY, each row holding its observation (migration V54).
		 */
		private void writeDirect(List<PersonObservation> rows) throws SQLException {
			if (rows.isEmpty()) {
				return;
			}
			try (BinaryCopy copy = BinaryCopy.open(this.connection, PERSON_COLUMNS)) {
				for (PersonObservation o : rows) {
					person(copy, o);
				}
				long written = copy.finish();
				this.direct += written;
				this.persons += (int) written;
			}
		}

		/**
		 * The person of a single observation, exactly as {@link #MERGE_KNOWN} and
		 * {@link #INSERT_PERSONS} make it from that observation alone: phone only when
		 * stated; town only when a {@code ref.town}, county from the town else the
		 * observation's, and only a {@code ref.county}; category and political status
		 * only when in their reference tables; village only from a roster row of a known
		 * town; gender and birth date from the ID number. Then the rest of the
		 * observation ({@code dw.person_sole_observation}): its kind and record ref, and
		 * the stated values the person does not show.
		 */
		private void person(BinaryCopy copy, PersonObservation o) throws SQLException {
			ReferenceData refs = PersonMerger.this.references;
			String id = o.idCard();
			String townCounty = (o.town() != null) ? refs.townCounties().get(o.town()) : null;
			boolean knownTown = townCounty != null;
			String statedCounty = (o.countyCode() != null) ? o.countyCode().stripTrailing() : null;
			String county = knownTown ? townCounty : statedCounty;
			if (county != null && !refs.counties().contains(county)) {
				county = null;
			}
			String category = (o.category() != null && refs.categories().contains(o.category())) ? o.category() : null;
			Boolean partyMember = (o.politicalStatus() != null) ? refs.politicalStatuses().get(o.politicalStatus())
					: null;
			String political = (partyMember != null) ? o.politicalStatus() : null;
			String town = knownTown ? o.town() : null;
			String village = (o.kind() == PersonObservation.Kind.ROSTER && knownTown) ? o.village() : null;
			StatedValues stated = new StatedValues();
			stated.unlessShown("category", o.category(), category);
			stated.unlessShown("political_status", o.politicalStatus(), political);
			stated.unlessShown("town", o.town(), town);
			stated.unlessShown("county_code", statedCounty, county);
			stated.unlessShown("village", o.village(), village);
			boolean hasPhone = o.phone() != null;
			copy.startRow(23)
				.text(id)
				.text(o.name())
				.coded(((id.charAt(16) - '0') % 2 == 1) ? "M" : "F")
				.date(Integer.parseInt(id, 6, 10, 10), Integer.parseInt(id, 10, 12, 10),
						Integer.parseInt(id, 12, 14, 10))
				.date(o.enlistDate())
				.date(o.dischargeDate())
				.coded(category)
				.coded(political)
				.bool(partyMember != null && partyMember)
				.text(o.phone())
				.coded(county)
				.coded(town)
				.text(village)
				.coded(o.sourceId())
				.timestamp(o.observedAt())
				.coded(hasPhone ? o.sourceId() : null)
				.timestamp(hasPhone ? o.observedAt() : null)
				.coded(knownTown ? o.sourceId() : null)
				.timestamp(knownTown ? o.observedAt() : null)
				.int8(this.runId)
				.bool(o.kind() == PersonObservation.Kind.PROVINCE)
				.text(o.recordRef())
				.jsonb(stated.json());
		}

		/**
		 * Writes what is left of the batch and loads the facts waiting for its persons;
		 * returns the number of observations applied.
		 */
		public Result apply() throws SQLException {
			long t0 = System.nanoTime();
			awaitWritten();
			if (!this.chunk.isEmpty()) {
				write(prepare(this.chunk, this.nextSeq));
				this.nextSeq += this.chunk.size();
				this.chunk = new ArrayList<>();
			}
			this.applied = true;
			long t1 = System.nanoTime();
			int resolved = PersonMerger.this.pendingFacts.resolve(this.connection, this.runId);
			if (log.isDebugEnabled()) {
				log.debug(
						"Run {}: {} observations, {} written directly, {} merged from the stage{}; last chunk in {} ms,"
								+ " waiting facts in {} ms",
						this.runId, this.direct + this.staged, this.direct, this.staged,
						this.probing ? " (known persons looked up)" : "", (t1 - t0) / 1_000_000,
						(System.nanoTime() - t1) / 1_000_000);
			}
			return new Result(this.direct + this.staged, this.persons, resolved);
		}

		/**
		 * Runs a statement whose only parameter is the run id; returns the rows it
		 * changed.
		 */
		private int executeForRun(String sql) throws SQLException {
			try (PreparedStatement ps = this.connection.prepareStatement(sql)) {
				ps.setLong(1, this.runId);
				return ps.executeUpdate();
			}
		}

		/**
		 * After {@link #apply()}: the record refs of the observations of this batch that
		 * a later observation of the same person (same source and time) in the same batch
		 * superseded (in a file: its duplicate rows, the last one winning), in no
		 * particular order. Only read, so it changes nothing of the merge.
		 */
		public List<String> supersededRecordRefs() {
			if (!this.applied) {
				throw new IllegalStateException("Call apply() first");
			}
			return List.copyOf(this.superseded);
		}

		@Override
		public void close() throws SQLException {
			try {
				if (this.writer != null) {
					this.closing = true;
					this.writer.shutdown();
					// the connection goes back only once the writer has let go of it
					if (!this.writer.awaitTermination(10, TimeUnit.MINUTES)) {
						throw new SQLException("The observation writer of run " + this.runId + " did not stop");
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("Interrupted while stopping the observation writer", ex);
			}
			finally {
				DataSourceUtils.releaseConnection(this.connection, PersonMerger.this.dataSource);
			}
		}

	}

	/**
	 * The values an observation stated that its person row does not show, as the JSON
	 * object of {@code dw.person.sole_stated} (a JSON null: stated nothing); none, in the
	 * common case, is SQL NULL.
	 */
	static final class StatedValues {

		private StringBuilder json;

		/** Notes a stated value unless the person shows it as it is. */
		void unlessShown(String key, String stated, String shown) {
			if (Objects.equals(stated, shown)) {
				return;
			}
			this.json = (this.json == null) ? new StringBuilder("{") : this.json.append(',');
			this.json.append('"').append(key).append("\":");
			if (stated == null) {
				this.json.append("null");
			}
			else {
				this.json.append('"');
				JsonStringEncoder.getInstance().quoteAsString(stated, this.json);
				this.json.append('"');
			}
		}

		String json() {
			return (this.json != null) ? this.json.append('}').toString() : null;
		}

	}

	/**
	 * A chunk of observations sorted out for the writer.
	 *
	 * @param rows the observations, in the order given
	 * @param firstSeq the position of the first in the batch
	 * @param once those of persons stated once in the chunk, sorted by ID number
	 * @param staged which of the rows go through the stage whatever the warehouse knows
	 */
	private record Chunk(List<PersonObservation> rows, long firstSeq, List<PersonObservation> once, boolean[] staged) {
	}

	/**
	 * @param observations observations staged
	 * @param personsChanged persons inserted or changed
	 * @param factsResolved waiting facts loaded because their person arrived
	 */
	public record Result(long observations, int personsChanged, int factsResolved) {
	}

}
