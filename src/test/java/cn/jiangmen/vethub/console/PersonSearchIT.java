package cn.jiangmen.vethub.console;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.jiangmen.vethub.FormLoginSession;
import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.testdata.ViewerLeaks;
import cn.jiangmen.vethub.warehouse.PersonMerger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The search and the person page on realistic data ({@link PersonFixtures}): a person
 * seen by the province and two counties that disagree, and a fact from a partner. The
 * lineage shown is checked field by field against the merge rules and against what the
 * warehouse holds; a VIEWER finds the person by ID only, sees nothing that gives the
 * person away, cannot search by name, and has a bounded number of look-ups.
 */
class PersonSearchIT extends HubIntegrationTest {

	@Autowired
	private RunLedger ledger;

	@Autowired
	private PersonMerger merger;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private PersonSearch search;

	private long[] runs;

	@BeforeEach
	void loadThePerson() {
		this.search.clearLookups();
		this.runs = PersonFixtures.load(DATA_DIR, this.jdbc, this.ledger, this.merger, this.transactions);
	}

	@AfterEach
	void forgetLookups() {
		this.search.clearLookups();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> search(RestClient api, String q) {
		LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("q", q);
		return api.post()
			.uri("/api/search")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form)
			.retrieve()
			.body(Map.class);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
		return (List<Map<String, Object>>) map.get(key);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> person(RestClient api, String key) {
		return api.get().uri("/api/persons/{key}", key).retrieve().body(Map.class);
	}

	private static Map<String, Map<String, Object>> fields(Map<String, Object> person) {
		Map<String, Map<String, Object>> byField = new LinkedHashMap<>();
		list(person, "fields").forEach((f) -> byField.put((String) f.get("field"), f));
		return byField;
	}

	@Test
	void anAdministratorFindsThePersonByAnyFormOfTheIdAndSeesWhichSourceSetEachField() {
		String id = PersonFixtures.ID;
		String old15 = id.substring(0, 6) + id.substring(8, 17);
		for (String q : List.of(id, id.toLowerCase(), old15, id.substring(0, 6) + " " + id.substring(6))) {
			assertThat(list(search(adminApi(), q), "persons")).as(q)
				.singleElement()
				.satisfies((p) -> assertThat(p).containsEntry("idCard", id).containsEntry("name", "黄志明"));
		}
		String key = (String) list(search(adminApi(), id), "persons").get(0).get("key");
		assertThat(key).doesNotContain(id.substring(0, 6));

		Map<String, Object> person = person(adminApi(), key);
		Map<String, Map<String, Object>> fields = fields(person);
		// the province wins the identity fields, though both counties are newer
		assertThat(fields.get("name")).containsEntry("warehouse", "黄志明")
			.containsEntry("sourceId", "province")
			.containsEntry("rule", "lineage.rule.province-first")
			.containsEntry("recordRef", "V-20261110-0042");
		assertThat(fields.get("category")).containsEntry("warehouse", "退役士兵").containsEntry("sourceId", "province");
		assertThat(fields.get("enlist_date")).containsEntry("warehouse", "1978-03-05");
		// the province states no discharge date: Kaiping's roster, the most recent
		assertThat(fields.get("discharge_date")).containsEntry("warehouse", "1983-02-01")
			.containsEntry("sourceId", "kaiping")
			.containsEntry("rule", "lineage.rule.roster-fallback")
			.containsEntry("runId", (int) this.runs[2]);
		// Kaiping states no phone: Heshan's is the newest
		assertThat(fields.get("phone")).containsEntry("warehouse", PersonFixtures.HESHAN_PHONE)
			.containsEntry("sourceId", "heshan")
			.containsEntry("rule", "lineage.rule.most-recent")
			.containsEntry("runId", (int) this.runs[1]);
		assertThat(fields.get("town")).containsEntry("warehouse", "长沙街道").containsEntry("sourceId", "kaiping");
		assertThat(fields.get("county_code")).containsEntry("warehouse", "440783")
			.containsEntry("rule", "lineage.rule.from-town");
		assertThat(fields.get("village")).containsEntry("warehouse", "幕沙村")
			.containsEntry("rule", "lineage.rule.town-roster");
		assertThat(fields.get("gender")).containsEntry("warehouse", "M").containsEntry("rule", "lineage.rule.from-id");
		// what the rules give is what the merge stored, field by field
		assertThat(fields.values())
			.allSatisfy((f) -> assertThat(f).as("%s", f.get("field")).containsEntry("agrees", true));

		// every observation, newest first, with the fields each one won
		List<Map<String, Object>> observations = list(person, "observations");
		assertThat(observations).extracting((o) -> o.get("sourceId")).containsExactly("kaiping", "heshan", "province");
		assertThat((List<String>) observations.get(1).get("won")).containsExactly("phone");
		assertThat(((Map<String, String>) observations.get(1).get("values"))).containsEntry("name", "黄智明")
			.containsEntry("category", "伤残军人");

		// every dw table with an id_card, found in the catalog; the eye check in its own
		Map<String, Map<String, Object>> facts = list(person, "facts").stream()
			.collect(Collectors.toMap((t) -> (String) t.get("table"), (t) -> t));
		assertThat(facts.keySet())
			.contains("visit", "assistance_payment", "medical_service", "insurance_policy", "insurance_claim",
					"honour_plaque")
			.doesNotContain("person", "person_observation_log");
		assertThat(facts.get("medical_service")).containsEntry("total", 1);
		assertThat(list(facts.get("medical_service"), "rows")).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("item", "视力检查")
				.containsEntry("fee", "30.00")
				.containsEntry("source_id", "eye-hospital")
				.doesNotContainKey("id_card"));
		assertThat(facts.get("visit")).containsEntry("total", 0);
	}

	@Test
	void anAdministratorFindsThePersonByAnyNameASourceGaveAndRunsByFileNameOrNumber() {
		assertThat(list(search(adminApi(), "志明"), "persons")).extracting((p) -> p.get("idCard"))
			.containsExactly(PersonFixtures.ID);
		// Heshan's misspelling is not the warehouse's name, but it was observed
		assertThat(list(search(adminApi(), "黄智明"), "persons")).extracting((p) -> p.get("name")).containsExactly("黄志明");
		assertThat(list(search(adminApi(), "花名册_2026111"), "runs")).extracting((r) -> r.get("id"))
			.containsExactly((int) this.runs[1]);
		assertThat(list(search(adminApi(), "#" + this.runs[3]), "runs")).extracting((r) -> r.get("fileName"))
			.containsExactly("眼科检查_202611.csv");
		Map<String, Object> bad = search(adminApi(), PersonFixtures.ID.substring(0, 17) + "1");
		assertThat(list(bad, "notices")).singleElement()
			.satisfies((n) -> assertThat(n).containsEntry("code", "bad-id"));
	}

	@Test
	void theConsolePagesShowTheLineageWithTheRuleAndLinkThePersonByItsKey() {
		FormLoginSession admin = FormLoginSession.login(this.port, "admin", "admin-test-pw");
		assertThat(admin.get("/search").statusCode()).isEqualTo(200);
		HttpResponse<String> found = admin.postForm("/search", Map.of("q", PersonFixtures.ID.toLowerCase()));
		assertThat(found.statusCode()).isEqualTo(200);
		String key = this.search.keyOf(PersonFixtures.ID);
		assertThat(found.body()).contains("/persons/" + key, PersonFixtures.ID, "黄志明");
		String page = admin.get("/persons/" + key).body();
		assertThat(page).contains("省系统最新记录有此项：省系统优先", "所选镇（街）的最新花名册行", "幕沙村", "dw.medical_service", "视力检查",
				"/runs/" + this.runs[1]);
		assertThat(admin.get("/persons/" + key + "?lang=en").body()).contains("The provincial system states it");
		assertThat(admin.get("/persons/AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
	}

	@Test
	void aViewerFindsThePersonByIdButNothingOfItCanBeReadAnywhere() {
		FormLoginSession viewer = FormLoginSession.login(this.port, "viewer", "viewer-test-pw");
		viewer.get("/search");
		HttpResponse<String> found = viewer.postForm("/search", Map.of("q", PersonFixtures.ID));
		assertThat(found.statusCode()).isEqualTo(200);
		String key = this.search.keyOf(PersonFixtures.ID);
		assertThat(found.body()).contains("/persons/" + key, "440784************", "黄**");

		Map<String, String> texts = new LinkedHashMap<>();
		texts.put("search page", found.body());
		texts.put("person page", viewer.get("/persons/" + key).body());
		texts.put("person page (en)", viewer.get("/persons/" + key + "?lang=en").body());
		for (String source : List.of("heshan", "kaiping", "eye-hospital", "province")) {
			texts.put("/sources/" + source, viewer.get("/sources/" + source).body());
		}
		texts.put("/api/search",
				viewerApi().post()
					.uri("/api/search")
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.body("q=" + PersonFixtures.ID)
					.retrieve()
					.body(String.class));
		texts.put("/api/persons", viewerApi().get().uri("/api/persons/{key}", key).retrieve().body(String.class));
		assertThat(texts.get("person page")).contains("440784************", "黄**", "1958-**-**", "幕沙村");
		ViewerLeaks.assertNothingOf(texts, List.of(PersonFixtures.SAMPLE));
		// the eye hospital's key is made of the date, the ID and the item: shown as its
		// pseudonym
		String recordKey = this.jdbc.queryForObject("SELECT record_key FROM dw.medical_service", String.class);
		assertThat(texts.values()).allSatisfy((t) -> assertThat(t).doesNotContain(recordKey));
	}

	@Test
	void aViewerCannotSearchByNameAndFindsFilesOnlyByWhatTheViewerSees() {
		Map<String, Object> byName = search(viewerApi(), "黄志明");
		assertThat(list(byName, "persons")).isEmpty();
		assertThat(list(byName, "notices")).extracting((n) -> n.get("code")).containsExactly("names-admin-only");
		assertThat(list(search(viewerApi(), "花名册_20261115"), "runs")).extracting((r) -> r.get("id"))
			.containsExactly((int) this.runs[1]);
		// a file named after a person (announced by 联系人) is found by its masked name only
		long named = PersonFixtures.drop(DATA_DIR, this.jdbc, "inbox/partners/eye-hospital", "补报_联系人黄志明.csv",
				"就诊日期,姓名,身份证号,检查项目,费用合计,优惠金额\r\n2026-11-24,黄志明," + PersonFixtures.ID + ",眼压测量,20,20\r\n");
		assertThat(list(search(adminApi(), "联系人黄志明"), "runs")).extracting((r) -> r.get("id"))
			.containsExactly((int) named);
		assertThat(list(search(viewerApi(), "联系人黄志明"), "runs")).isEmpty();
	}

	@Test
	void aViewersLookUpsByIdAreBoundedAndTheRefusalIsA429() {
		for (int i = 0; i < 30; i++) {
			assertThat(list(search(viewerApi(), PersonFixtures.ID), "persons")).hasSize(1);
		}
		assertThatExceptionOfType(HttpClientErrorException.class)
			.isThrownBy(() -> search(viewerApi(), PersonFixtures.ID))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(429))
			.satisfies((ex) -> assertThat(ex.getResponseBodyAsString()).contains("throttled")
				.doesNotContain(PersonFixtures.ID.substring(6, 17)));
		// file names and runs are still searched; an administrator is not bounded
		assertThat(list(search(viewerApi(), "花名册"), "runs")).isNotEmpty();
		assertThat(list(search(adminApi(), PersonFixtures.ID), "persons")).hasSize(1);
	}

}
