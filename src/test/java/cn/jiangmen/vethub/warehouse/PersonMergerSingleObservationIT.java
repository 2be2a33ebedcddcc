package cn.jiangmen.vethub.warehouse;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.warehouse.PersonObservation.Kind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The direct path of {@link PersonMerger} for persons new to the warehouse (written by
 * binary COPY, the person computed in Java, as in a first bulk load) gives exactly the
 * persons and observations the SQL merge gives: the same observations are loaded each way
 * and the resulting rows compared, over the edge cases of the rules. The SQL merge is
 * reached twice: when the batch states each person twice (staged as repeated), and with
 * the direct path off. The observations of the direct path are those its person rows hold
 * ({@code dw.person_sole_observation}, migration V54), so the comparison also proves that
 * each is rebuilt exactly.
 */
class PersonMergerSingleObservationIT extends HubIntegrationTest {

	private static final OffsetDateTime AS_OF = LocalDate.of(2026, 11, 15)
		.atStartOfDay()
		.atOffset(ZoneOffset.ofHours(8));

	@Autowired
	PersonMerger merger;

	@Autowired
	RunLedger ledger;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void theDirectPathEqualsTheSqlMergeForEverySingleObservation() {
		List<PersonObservation> observations = edgeCases();

		load(observations);
		List<Map<String, Object>> shortPath = persons();
		List<Map<String, Object>> shortPathObservations = observations();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person_observation_log", Long.class)).isZero();
		this.jdbc.execute("TRUNCATE dw.person, dw.person_observation_log CASCADE");
		List<PersonObservation> twice = new ArrayList<>(observations);
		twice.addAll(observations);
		load(twice);
		List<Map<String, Object>> stagedNew = persons();
		assertThat(observations()).isEqualTo(shortPathObservations);
		this.jdbc.execute("TRUNCATE dw.person, dw.person_observation_log CASCADE");
		withoutShortcut(() -> load(observations));
		List<Map<String, Object>> fullMerge = persons();

		assertThat(shortPath).hasSize(observations.size()).isEqualTo(fullMerge);
		assertThat(stagedNew).isEqualTo(fullMerge);
		assertThat(shortPathObservations).hasSize(observations.size()).isEqualTo(observations());
	}

	/**
	 * A person written directly holds its observation in its row; stated again, by the
	 * same source later or by another, the observation moves to the log and the person is
	 * merged from both, exactly as when every observation had been logged from the start.
	 */
	@Test
	void aPersonStatedAgainMovesItsSoleObservationToTheLog() {
		List<PersonObservation> first = edgeCases();
		List<PersonObservation> later = new ArrayList<>();
		for (PersonObservation o : first) {
			boolean fromRoster = o.kind() == Kind.ROSTER;
			later.add(new PersonObservation(o.idCard(), fromRoster ? "province" : "heshan",
					fromRoster ? Kind.PROVINCE : Kind.ROSTER, AS_OF.plusDays(3), "later-" + o.recordRef(),
					o.name() + "某", fromRoster ? "" : "烈士遗属", null, null, LocalDate.of(1990, 1, 1), null,
					fromRoster ? "古劳镇" : null, "440784", "新村"));
		}

		load(first);
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM dw.person WHERE sole_province IS NOT NULL", Long.class))
			.isEqualTo(first.size());
		List<Map<String, Object>> firstObservations = observations();
		load(later);
		List<Map<String, Object>> persons = persons();
		List<Map<String, Object>> observations = observations();
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM dw.person WHERE sole_province IS NOT NULL", Long.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person_observation_log", Long.class))
			.isEqualTo(2L * first.size());
		assertThat(observations).containsAll(firstObservations);

		this.jdbc.execute("TRUNCATE dw.person, dw.person_observation_log CASCADE");
		withoutShortcut(() -> {
			load(first);
			load(later);
		});
		assertThat(persons).hasSize(first.size()).isEqualTo(persons());
		assertThat(observations).hasSize(2 * first.size()).isEqualTo(observations());
		// the later statements count (the test is not comparing two copies of the first
		// load): the province's name wins over a roster's, whichever came first
		assertThat(persons).extracting((p) -> (String) p.get("name"))
			.filteredOn((name) -> name.endsWith("某"))
			.hasSize((int) first.stream().filter((o) -> o.kind() == Kind.ROSTER).count());
	}

	private void withoutShortcut(Runnable load) {
		this.merger.singleObservationShortcut = false;
		try {
			load.run();
		}
		finally {
			this.merger.singleObservationShortcut = true;
		}
	}

	private static List<PersonObservation> edgeCases() {
		return List.of(roster(1, "黄志强", "13800000001", "沙坪街道", "440784", "沙坪村", "退役士兵", "中共党员"),
				roster(2, "李𠮷祥", "", "火星镇", "440784", "无名村", "", ""),
				roster(3, "陈美玲", null, null, null, "孤村", null, null),
				roster(4, "何伟", "13800000004", "共和镇", "440784", "平岭村", "退役士兵", "群众"),
				province(5, "林国栋", "13800000005", "龙口镇", "440784", "某村"),
				province(6, "王芳", "13800000006", "龙口镇", "440784", null), province(7, "周杰", "", "不存在镇", null, null),
				roster(8, "吴丽娟", "13800000008", "白沙街道", "440784", "白沙村", "烈士遗属", "共青团员"),
				roster(9, "欧阳·明", "13800000009", null, "999999", "无镇村", "老\"兵\\", "无党派人士"),
				roster(10, "何秀英", "", "", "440703", "", "其他优抚对象", "中共预备党员"),
				province(11, "梁", null, null, "440785", null));
	}

	@Test
	void anObservationWithoutANameIsRefused() {
		long run = this.ledger.start("heshan", RunTrigger.FILE, "test", null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TransactionTemplate(this.transactions).executeWithoutResult((tx) -> {
				try (PersonMerger.Batch batch = this.merger.begin(run)) {
					batch.add(roster(1, "", "13800000001", "沙坪街道", "440784", "沙坪村", "退役士兵", "中共党员"));
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}))
			.withMessageContaining("花名册!1");
	}

	private static String id(int n) {
		return IdCards.valid("440784", LocalDate.of(1960, 1, n), n * 7, n % 2 == 1);
	}

	private static PersonObservation roster(int n, String name, String phone, String town, String county,
			String village, String category, String political) {
		return new PersonObservation(id(n), "heshan", Kind.ROSTER, AS_OF, "花名册!" + n, name, category, political,
				LocalDate.of(1978, 3, 1), null, phone, town, county, village);
	}

	private static PersonObservation province(int n, String name, String phone, String town, String county,
			String village) {
		return new PersonObservation(id(n), "province", Kind.PROVINCE, AS_OF, "P-" + n, name, "复员军人", "", null,
				LocalDate.of(1983, 1, 1), phone, town, county, village);
	}

	private void load(List<PersonObservation> observations) {
		long run = this.ledger.start("heshan", RunTrigger.FILE, "test", null);
		new TransactionTemplate(this.transactions).executeWithoutResult((tx) -> {
			try (PersonMerger.Batch batch = this.merger.begin(run)) {
				for (PersonObservation o : observations) {
					batch.add(o);
				}
				batch.apply();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private List<Map<String, Object>> observations() {
		return this.jdbc.queryForList("""
				SELECT id_card, source_id, source_kind, observed_at, record_ref, name, category, political_status,
				       enlist_date, discharge_date, phone, town, county_code, village
				  FROM dw.person_observation ORDER BY id_card, observed_at""");
	}

	private List<Map<String, Object>> persons() {
		return this.jdbc.queryForList("""
				SELECT id_card, name, gender, birth_date, enlist_date, discharge_date, category, political_status,
				       party_member, phone, county_code, town, village, name_source, name_set_at, phone_source,
				       phone_set_at, town_source, town_set_at
				  FROM dw.person ORDER BY id_card""");
	}

}
