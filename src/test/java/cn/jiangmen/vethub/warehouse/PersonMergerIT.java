package cn.jiangmen.vethub.warehouse;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.warehouse.PersonObservation.Kind;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The bureau's merge rules, applied by {@link PersonMerger} on the real database. */
class PersonMergerIT extends HubIntegrationTest {

	private static final ZoneOffset CST = ZoneOffset.ofHours(8);

	private static final String LIANG = IdCards.valid("440784", LocalDate.of(1958, 3, 12), 291, true);

	private static final String HUANG = IdCards.valid("360121", LocalDate.of(1962, 7, 30), 42, false);

	@Autowired
	PersonMerger merger;

	@Autowired
	RunLedger ledger;

	@Autowired
	PlatformTransactionManager transactions;

	private static PersonObservation roster(String id, String source, LocalDate asOf, String name, String phone,
			String town, String village) {
		return new PersonObservation(id, source, Kind.ROSTER, asOf.atStartOfDay().atOffset(CST), "花名册!7", name, "退役士兵",
				"群众", LocalDate.of(1978, 3, 1), LocalDate.of(1983, 1, 1), phone, town, null, village);
	}

	private static PersonObservation province(String id, OffsetDateTime gxsj, String name, String category,
			String phone, String town) {
		return new PersonObservation(id, "province", Kind.PROVINCE, gxsj, "P-1001", name, category, "中共党员",
				LocalDate.of(1978, 3, 5), null, phone, town, "440784", null);
	}

	private PersonMerger.Result load(String source, List<PersonObservation> observations) {
		long run = this.ledger.start(source, RunTrigger.FILE, "test", null);
		return new TransactionTemplate(this.transactions).execute((tx) -> {
			try (PersonMerger.Batch batch = this.merger.begin(run)) {
				for (PersonObservation o : observations) {
					batch.add(o);
				}
				return batch.apply();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private Map<String, Object> person(String id) {
		return this.jdbc.queryForMap(
				"""
						SELECT name, gender, birth_date::text AS birth, enlist_date::text AS enlist, discharge_date::text AS discharge,
						       category, political_status, party_member, phone, county_code, town, village,
						       name_source, phone_source, town_source
						  FROM dw.person WHERE id_card = ?""",
				id);
	}

	@Test
	void theProvinceWinsIdentityAndTheMostRecentNonEmptyPhoneAndTownWin() {
		load("heshan",
				List.of(roster(LIANG, "heshan", LocalDate.of(2026, 11, 15), "梁 国华", "13823456789", "沙坪街道", "玉桥村")));
		load("province", List
			.of(province(LIANG, OffsetDateTime.of(2026, 11, 20, 9, 30, 0, 0, CST), "梁国华", "伤残军人", null, "龙口镇")));
		load("heshan", List.of(roster(LIANG, "heshan", LocalDate.of(2026, 11, 1), "梁国华", "13900001111", "沙坪街道", "旧村")));

		Map<String, Object> p = person(LIANG);
		assertThat(p).containsEntry("name", "梁国华")
			.containsEntry("name_source", "province")
			.containsEntry("category", "伤残军人")
			.containsEntry("political_status", "中共党员")
			.containsEntry("party_member", true)
			.as("the province's enlist date wins; its empty discharge date does not erase the roster's")
			.containsEntry("enlist", "1978-03-05")
			.containsEntry("discharge", "1983-01-01")
			.as("the province (11-20) said no phone: the most recent non-empty phone is the 11-15 roster's")
			.containsEntry("phone", "13823456789")
			.containsEntry("phone_source", "heshan")
			.as("the province's town is the most recent; the village of a roster in another town does not follow")
			.containsEntry("town", "龙口镇")
			.containsEntry("town_source", "province")
			.containsEntry("county_code", "440784")
			.containsEntry("village", null)
			.as("gender and birth date come from the ID number")
			.containsEntry("gender", "M")
			.containsEntry("birth", "1958-03-12");
	}

	@Test
	void theOrderOfArrivalDoesNotChangeTheResult() {
		String first = IdCards.valid("440784", LocalDate.of(1960, 1, 1), 11, true);
		String second = IdCards.valid("440784", LocalDate.of(1960, 1, 1), 13, true);
		List<List<PersonObservation>> deliveries = List.of(
				List.of(roster("ID", "heshan", LocalDate.of(2026, 10, 1), "陈志强", "13511112222", "雅瑶镇", "南靖村")),
				List.of(roster("ID", "heshan", LocalDate.of(2026, 11, 1), "陈志强", "", "沙坪街道", "越塘村")),
				List.of(province("ID", OffsetDateTime.of(2026, 10, 15, 8, 0, 0, 0, CST), "陈志强", "退役士兵", "13622223333",
						null)));
		for (int i = 0; i < deliveries.size(); i++) {
			load("heshan", withId(deliveries.get(i), first));
			load("heshan", withId(deliveries.get(deliveries.size() - 1 - i), second));
		}
		Map<String, Object> a = person(first);
		Map<String, Object> b = person(second);
		a.remove("birth");
		b.remove("birth");
		assertThat(a).isEqualTo(b);
		assertThat(a).containsEntry("phone", "13622223333")
			.containsEntry("town", "沙坪街道")
			.containsEntry("village", "越塘村");
	}

	private static List<PersonObservation> withId(List<PersonObservation> observations, String id) {
		return observations.stream()
			.map((o) -> new PersonObservation(id, o.sourceId(), o.kind(), o.observedAt(), o.recordRef(), o.name(),
					o.category(), o.politicalStatus(), o.enlistDate(), o.dischargeDate(), o.phone(), o.town(),
					o.countyCode(), o.village()))
			.toList();
	}

	@Test
	void aFactWaitingForItsPersonIsLoadedOnceThePersonArrives() {
		long run = this.ledger.start("jianghai", RunTrigger.FILE, "解三难救助发放明细_20261110.xlsx", null);
		RejectedRow waiting = RejectedRow
			.ofRow("解三难救助发放明细_20261110.xlsx", "发放明细", 6, RejectReason.UNKNOWN_PERSON, "库中无此人员",
					Map.of("身份证号码", HUANG, "救助金额（元）", "1,200.00元"))
			.waitingFor(HUANG, "dw.assistance_payment",
					Map.of("source_id", "jianghai", "id_card", HUANG, "category", "医疗困难救助", "amount", "1200.00",
							"paid_date", "2026-11-10", "handler", "李敏", "county_code", "440704", "run_id", run));
		this.ledger.rejectNow(run, "jianghai", List.of(waiting));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.assistance_payment", Integer.class)).isZero();

		PersonMerger.Result result = load("jianghai",
				List.of(roster(HUANG, "jianghai", LocalDate.of(2026, 11, 20), "黄秀英", "13800138000", "外海街道", "麻一村")));
		assertThat(result.factsResolved()).isEqualTo(1);
		assertThat(this.jdbc.queryForMap(
				"SELECT category, amount::text AS amount, paid_date::text AS paid, run_id FROM dw.assistance_payment WHERE id_card = ?",
				HUANG))
			.containsEntry("category", "医疗困难救助")
			.containsEntry("amount", "1200.00")
			.containsEntry("paid", "2026-11-10")
			.containsEntry("run_id", run);
		assertThat(this.jdbc.queryForObject(
				"SELECT resolved_at IS NOT NULL FROM ops.rejected_row WHERE reason = 'unknown_person'", Boolean.class))
			.as("the reject is marked resolved, not deleted")
			.isTrue();

		load("jianghai", List.of(roster(HUANG, "jianghai", LocalDate.of(2026, 11, 21), "黄秀英", "", "外海街道", "")));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.assistance_payment", Integer.class)).isEqualTo(1);
	}

	@Test
	void aPersonStatedAgainInALaterChunkTakesTheLastStatementAndTheEarlierIsSuperseded() {
		String chen = IdCards.valid("440781", LocalDate.of(1955, 1, 9), 17, true);
		String lin = IdCards.valid("440783", LocalDate.of(1961, 5, 2), 88, false);
		OffsetDateTime asOf = LocalDate.of(2026, 11, 15).atStartOfDay().atOffset(CST);
		long run = this.ledger.start("heshan", RunTrigger.FILE, "花名册_20261115.csv", null);
		this.merger.chunkSize = 2;
		List<String> superseded;
		try {
			superseded = new TransactionTemplate(this.transactions).execute((tx) -> {
				try (PersonMerger.Batch batch = this.merger.begin(run)) {
					// chunk 1: LIANG and HUANG, both new: written directly
					batch.add(rosterRow(LIANG, asOf, "#2", "梁国栋", "13800000001", "沙坪街道"));
					batch.add(rosterRow(HUANG, asOf, "#3", "黄秀英", "13800000002", "龙口镇"));
					// chunk 2: LIANG again (known by now: staged) and CHEN twice (staged)
					batch.add(rosterRow(LIANG, asOf, "#4", "梁国栋", "13800000003", "雅瑶镇"));
					batch.add(rosterRow(chen, asOf, "#5", "陈伟", "", "沙坪街道"));
					// chunk 3 (the last, partial): CHEN's last row, LIN new
					batch.add(rosterRow(chen, asOf, "#6", "陈伟", "13800000006", "古劳镇"));
					batch.add(rosterRow(lin, asOf, "#7", "林美玲", "13800000007", "桃源镇"));
					PersonMerger.Result result = batch.apply();
					assertThat(result.observations()).isEqualTo(6);
					return batch.supersededRecordRefs();
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
		finally {
			this.merger.chunkSize = PersonMerger.CHUNK;
		}

		assertThat(superseded).containsExactlyInAnyOrder("#2", "#5");
		assertThat(person(LIANG)).containsEntry("phone", "13800000003").containsEntry("town", "雅瑶镇");
		assertThat(person(HUANG)).containsEntry("phone", "13800000002").containsEntry("town", "龙口镇");
		assertThat(person(chen)).containsEntry("phone", "13800000006").containsEntry("town", "古劳镇");
		assertThat(person(lin)).containsEntry("name", "林美玲").containsEntry("county_code", "440784");
		assertThat(this.jdbc.queryForList(
				"SELECT id_card || ' ' || record_ref FROM dw.person_observation WHERE run_id = ? ORDER BY 1",
				String.class, run))
			.as("one observation per person and file, the last row's")
			.containsExactlyInAnyOrder(LIANG + " #4", HUANG + " #3", chen + " #6", lin + " #7");
	}

	@Test
	void aPersonLoadedByTwoLoadsAtOnceIsMergedFromBoth() throws Exception {
		long rosterRun = this.ledger.start("heshan", RunTrigger.FILE, "花名册_20261115.csv", null);
		CountDownLatch rosterWritten = new CountDownLatch(1);
		CountDownLatch commitRoster = new CountDownLatch(1);
		ExecutorService loads = Executors.newFixedThreadPool(2);
		try {
			Future<?> roster = loads
				.submit(() -> new TransactionTemplate(this.transactions).executeWithoutResult((tx) -> {
					try (PersonMerger.Batch batch = this.merger.begin(rosterRun)) {
						batch.add(roster(LIANG, "heshan", LocalDate.of(2026, 11, 15), "梁国栋", "13800000001", "沙坪街道",
								"沙坪村"));
						batch.apply();
						rosterWritten.countDown();
						commitRoster.await();
					}
					catch (SQLException | InterruptedException ex) {
						throw new IllegalStateException(ex);
					}
				}));
			assertThat(rosterWritten.await(30, TimeUnit.SECONDS)).isTrue();
			Future<?> province = loads.submit(() -> load("province", List
				.of(province(LIANG, OffsetDateTime.of(2026, 11, 20, 9, 0, 0, 0, CST), "梁国栋", "军队转业干部", "", "龙口镇"))));
			// the provincial load writes the person as new and waits for the roster's
			// uncommitted row of the same person
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbc.queryForObject(
						"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
						Integer.class) == 1);
			commitRoster.countDown();
			roster.get(30, TimeUnit.SECONDS);
			province.get(30, TimeUnit.SECONDS);
		}
		finally {
			commitRoster.countDown();
			loads.shutdownNow();
		}

		assertThat(this.jdbc.queryForList(
				"SELECT source_id FROM dw.person_observation WHERE id_card = ? ORDER BY source_id", String.class,
				LIANG))
			.containsExactly("heshan", "province");
		assertThat(person(LIANG)).containsEntry("category", "军队转业干部")
			.containsEntry("name_source", "province")
			.containsEntry("phone", "13800000001")
			.containsEntry("town", "龙口镇")
			.containsEntry("village", null);
	}

	private static PersonObservation rosterRow(String id, OffsetDateTime asOf, String ref, String name, String phone,
			String town) {
		return new PersonObservation(id, "heshan", Kind.ROSTER, asOf, ref, name, "退役士兵", "群众", LocalDate.of(1978, 3, 1),
				null, phone, town, "440784", "某村");
	}

}
