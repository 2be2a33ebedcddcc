package cn.jiangmen.vethub.warehouse;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.warehouse.StagedUpsert.Column;
import cn.jiangmen.vethub.warehouse.StagedUpsert.ColumnType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StagedUpsert} against the warehouse's {@code dw.medical_service}: new keys are
 * inserted with every value as sent (amounts of any scale, dates, NULLs), a changed row
 * is updated with its run, an unchanged one is left as it was, new and known keys mixed
 * in one load each take their way (COPY into the table, or the stage), a key inserted by
 * another transaction after the probe is updated rather than duplicated, and the stage is
 * empty again for the next transaction.
 */
class StagedUpsertIT extends HubIntegrationTest {

	private static final String PERSON = IdCards.valid("440705", LocalDate.of(1952, 3, 9), 31, true);

	private static final List<Column> COLUMNS = List.of(new Column("source_id", ColumnType.CODE, true),
			new Column("partner_id", ColumnType.CODE, true), new Column("record_key", ColumnType.TEXT, true),
			new Column("id_card", ColumnType.TEXT, true), new Column("service_date", ColumnType.DATE, true),
			new Column("item", ColumnType.TEXT, true), new Column("fee", ColumnType.NUMERIC, true),
			new Column("discount", ColumnType.NUMERIC, true), new Column("run_id", ColumnType.BIGINT, false));

	/** A new instance each test: no guess carried over from another test's load. */
	private final StagedUpsert upsertOfTheTest = new StagedUpsert("dw.medical_service",
			List.of("partner_id", "record_key"), COLUMNS);

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	DataSource dataSource;

	@BeforeEach
	void person() {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, '梁振华', 'M', date '1952-03-09', 'province', now())""", PERSON);
	}

	@Test
	void insertsNewKeysWithTheirValuesAsSent() {
		long written = upsert(row("RX1", "青霉素 0.5g", "1200.5", "0"), row("RX2", "体检", "-12.34", null),
				row("RX3", null, "123456789012.25", "0.005"), row("RX4", "针灸", "1E+3", "0.0001"));
		assertThat(written).isEqualTo(4);
		assertThat(this.jdbc.queryForList("""
				SELECT record_key, item, fee::text AS fee, discount::text AS discount, service_date::text AS d, run_id
				  FROM dw.medical_service ORDER BY record_key"""))
			.extracting((r) -> List.of(r.get("record_key"), String.valueOf(r.get("item")), r.get("fee"),
					String.valueOf(r.get("discount")), r.get("d"), r.get("run_id")))
			.containsExactly(List.of("RX1", "青霉素 0.5g", "1200.50", "0.00", "2026-11-05", 7L),
					List.of("RX2", "体检", "-12.34", "null", "2026-11-05", 7L),
					List.of("RX3", "null", "123456789012.25", "0.01", "2026-11-05", 7L),
					List.of("RX4", "针灸", "1000.00", "0.00", "2026-11-05", 7L));
	}

	@Test
	void updatesAChangedRecordAndLeavesAnUnchangedOneAlone() {
		upsert(row("RX1", "青霉素", "10.00", "0"), row("RX2", "体检", "20.00", "0"));
		this.jdbc.update("UPDATE dw.medical_service SET loaded_at = timestamptz '2026-01-01 00:00+08'");
		Object[] changed = row("RX2", "体检", "25.00", "0");
		changed[8] = 8L;
		Object[] unchanged = row("RX1", "青霉素", "10.0", "0.00");
		unchanged[8] = 8L;
		assertThat(upsert(unchanged, changed)).isEqualTo(1);
		assertThat(this.jdbc.queryForList("""
				SELECT record_key, fee::text AS fee, run_id, loaded_at > timestamptz '2026-01-02 00:00+08' AS touched
				  FROM dw.medical_service ORDER BY record_key"""))
			.extracting((r) -> List.of(r.get("record_key"), r.get("fee"), r.get("run_id"), r.get("touched")))
			.containsExactly(List.of("RX1", "10.00", 7L, false), List.of("RX2", "25.00", 8L, true));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.medical_service", Long.class)).isEqualTo(2);
	}

	@Test
	void aSecondLoadInOneTransactionStagesOnlyItsOwnRows() {
		List<String> keys = new TransactionTemplate(this.transactions).execute((tx) -> {
			upsertOnTransaction(row("RX1", "青霉素", "10.00", "0"));
			this.jdbc.update("DELETE FROM dw.medical_service");
			assertThat(upsertOnTransaction(row("RX2", "体检", "20.00", "0"))).isEqualTo(1);
			return this.jdbc.queryForList("SELECT record_key FROM dw.medical_service", String.class);
		});
		assertThat(keys).containsExactly("RX2");
	}

	@Test
	void upsertsOfOneTableWithOtherColumnsEachHaveTheirOwnStage() {
		StagedUpsert withDepartment = new StagedUpsert("dw.medical_service", List.of("partner_id", "record_key"),
				List.of(new Column("source_id", ColumnType.CODE, true), new Column("partner_id", ColumnType.CODE, true),
						new Column("record_key", ColumnType.TEXT, true), new Column("id_card", ColumnType.TEXT, true),
						new Column("service_date", ColumnType.DATE, true),
						new Column("department", ColumnType.TEXT, true),
						new Column("run_id", ColumnType.BIGINT, false)));
		long written = new TransactionTemplate(this.transactions)
			.execute((tx) -> upsertOnTransaction(row("RX1", "青霉素", "10.00", "0")) + this.jdbc
				.execute((ConnectionCallback<Long>) (con) -> withDepartment.upsert(con, List.<Object[]>of(
						new Object[] { "pharmacy", "pharmacy", "RX2", PERSON, LocalDate.of(2026, 11, 6), "内科", 7L }))));
		assertThat(written).isEqualTo(2);
		assertThat(
				this.jdbc.queryForList("SELECT record_key || '/' || coalesce(department, '-') FROM dw.medical_service"
						+ " ORDER BY record_key", String.class))
			.containsExactly("RX1/-", "RX2/内科");
	}

	@Test
	void aLoadOfNewAndKnownKeysInsertsTheNewUpdatesTheChangedAndLeavesTheRest() {
		upsert(row("RX1", "青霉素", "10.00", "0"), row("RX2", "体检", "20.00", "0"));
		this.jdbc.update("UPDATE dw.medical_service SET loaded_at = timestamptz '2026-01-01 00:00+08'");
		Object[] unchanged = row("RX1", "青霉素", "10.00", "0");
		Object[] changed = row("RX2", "体检", "21.00", "0");
		Object[] fresh = row("RX3", "针灸", "30.00", null);
		for (Object[] r : List.of(unchanged, changed, fresh)) {
			r[8] = 8L;
		}
		assertThat(upsert(fresh, unchanged, changed)).isEqualTo(2);
		assertThat(this.jdbc.queryForList("""
				SELECT record_key, fee::text AS fee, run_id, loaded_at > timestamptz '2026-01-02 00:00+08' AS touched
				  FROM dw.medical_service ORDER BY record_key"""))
			.extracting((r) -> List.of(r.get("record_key"), r.get("fee"), r.get("run_id"), r.get("touched")))
			.containsExactly(List.of("RX1", "10.00", 7L, false), List.of("RX2", "21.00", 8L, true),
					List.of("RX3", "30.00", 8L, true));
	}

	/**
	 * The probe sees no RX9, but another transaction inserts it meanwhile: the COPY of
	 * the new keys waits for that transaction, fails on the key when it commits, and the
	 * rows take the staged way; one row of RX9, with the newer values.
	 */
	@Test
	void aKeyInsertedByAnotherTransactionSinceTheProbeIsUpdatedNotDuplicated() throws Exception {
		ExecutorService loads = Executors.newSingleThreadExecutor();
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			try (Statement st = other.createStatement()) {
				st.executeUpdate("INSERT INTO dw.medical_service (source_id, partner_id, record_key, id_card, "
						+ "service_date, item, fee, run_id) VALUES ('pharmacy', 'pharmacy', 'RX9', '" + PERSON
						+ "', date '2026-11-01', '旧', 1.00, 6)");
			}
			Future<Long> load = loads.submit(() -> upsert(row("RX8", "体检", "8.00", "0"), row("RX9", "新", "9.00", "0")));
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbc.queryForObject(
						"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
						Integer.class) == 1);
			other.commit();
			assertThat(load.get(30, TimeUnit.SECONDS)).isEqualTo(2);
		}
		finally {
			loads.shutdownNow();
		}
		assertThat(this.jdbc.queryForList(
				"SELECT record_key || ' ' || item || ' ' || fee || ' ' || run_id FROM dw.medical_service ORDER BY 1",
				String.class))
			.containsExactly("RX8 体检 8.00 7", "RX9 新 9.00 7");
	}

	/**
	 * After a load that found new keys only, the next load of the same partner is COPYed
	 * without a probe; when that guess meets a key already loaded, the COPY is rolled
	 * back and the rows take the probed way (new inserted, changed updated, unchanged
	 * left alone, nothing twice), and the load after that probes again.
	 */
	@Test
	void aLoadAfterOneOfNewKeysOnlySkipsTheProbeUntilItMeetsAKnownKey() {
		StagedUpsert guessing = new StagedUpsert("dw.medical_service", List.of("partner_id", "record_key"), COLUMNS);
		PhaseTimes first = PhaseTimes.start();
		assertThat(upsert(guessing, first, row("RX1", "青霉素", "10.00", "0"), row("RX2", "体检", "20.00", "0")))
			.isEqualTo(2);
		assertThat(first.snapshot()).containsKeys(PROBE, COPY);
		PhaseTimes second = PhaseTimes.start();
		assertThat(upsert(guessing, second, row("RX3", "针灸", "30.00", "0"))).isEqualTo(1);
		assertThat(second.snapshot()).containsKey(COPY).doesNotContainKeys(PROBE, REFUSED);
		this.jdbc.update("UPDATE dw.medical_service SET loaded_at = timestamptz '2026-01-01 00:00+08'");
		Object[] fresh = row("RX4", "推拿", "40.00", null);
		Object[] unchanged = row("RX1", "青霉素", "10.00", "0");
		Object[] changed = row("RX2", "体检", "22.00", "0");
		for (Object[] r : List.of(fresh, unchanged, changed)) {
			r[8] = 8L;
		}
		PhaseTimes third = PhaseTimes.start();
		assertThat(upsert(guessing, third, fresh, unchanged, changed)).isEqualTo(2);
		assertThat(third.snapshot()).containsKeys(REFUSED, PROBE, COPY);
		assertThat(this.jdbc.queryForList("""
				SELECT record_key, fee::text AS fee, run_id, loaded_at > timestamptz '2026-01-02 00:00+08' AS touched
				  FROM dw.medical_service ORDER BY record_key"""))
			.extracting((r) -> List.of(r.get("record_key"), r.get("fee"), r.get("run_id"), r.get("touched")))
			.containsExactly(List.of("RX1", "10.00", 7L, false), List.of("RX2", "22.00", 8L, true),
					List.of("RX3", "30.00", 7L, false), List.of("RX4", "40.00", 8L, true));
		PhaseTimes fourth = PhaseTimes.start();
		assertThat(upsert(guessing, fourth, row("RX5", "理疗", "50.00", "0"))).isEqualTo(1);
		assertThat(fourth.snapshot()).containsKeys(PROBE, COPY).doesNotContainKey(REFUSED);
	}

	/** The guess is per partner: one partner's new keys do not spare another's probe. */
	@Test
	void theGuessOfOnePartnerIsNotAnothers() {
		StagedUpsert guessing = new StagedUpsert("dw.medical_service", List.of("partner_id", "record_key"), COLUMNS);
		upsert(guessing, PhaseTimes.start(), row("RX1", "青霉素", "10.00", "0"));
		Object[] other = row("RX1", "青霉素", "10.00", "0");
		other[1] = "clinic";
		PhaseTimes times = PhaseTimes.start();
		assertThat(upsert(guessing, times, other)).isEqualTo(1);
		assertThat(times.snapshot()).containsKeys(PROBE, COPY).doesNotContainKey(REFUSED);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.medical_service", Long.class)).isEqualTo(2);
	}

	private static final String PROBE = "probe of the keys already loaded";

	private static final String COPY = "COPY of new keys into the table (with its FK checks)";

	private static final String REFUSED = "COPY without a probe refused on a key already loaded (rolled back)";

	private long upsert(StagedUpsert upsert, PhaseTimes times, Object[]... rows) {
		return new TransactionTemplate(this.transactions).execute((tx) -> this.jdbc
			.execute((ConnectionCallback<Long>) (con) -> upsert.upsert(con, List.of(rows), times)));
	}

	private long upsert(Object[]... rows) {
		return upsert(this.upsertOfTheTest, PhaseTimes.NONE, rows);
	}

	private long upsertOnTransaction(Object[]... rows) {
		return this.jdbc.execute((ConnectionCallback<Long>) (con) -> this.upsertOfTheTest.upsert(con, List.of(rows)));
	}

	private static Object[] row(String key, String item, String fee, String discount) {
		return new Object[] { "pharmacy", "pharmacy", key, PERSON, LocalDate.of(2026, 11, 5), item, new BigDecimal(fee),
				(discount != null) ? new BigDecimal(discount) : null, 7L };
	}

}
