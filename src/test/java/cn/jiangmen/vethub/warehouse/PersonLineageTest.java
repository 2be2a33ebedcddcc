package cn.jiangmen.vethub.warehouse;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.warehouse.PersonLineage.Field;
import cn.jiangmen.vethub.warehouse.PersonLineage.Rule;
import cn.jiangmen.vethub.warehouse.PersonLineage.Seen;
import cn.jiangmen.vethub.warehouse.PersonObservation.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonLineageTest {

	private static final String ID = IdCards.valid("440784", LocalDate.of(1958, 3, 12), 291, true);

	private static final PersonLineage.References REFS = new PersonLineage.References(
			Map.of("沙坪街道", "440784", "共和镇", "440784", "长沙街道", "440783"), Set.of("440784", "440783"),
			Set.of("退役士兵", "伤残军人"), Set.of("中共党员", "群众"));

	private static OffsetDateTime day(int d) {
		return OffsetDateTime.of(2026, 11, d, 0, 0, 0, 0, ZoneOffset.ofHours(8));
	}

	private static Seen province(OffsetDateTime at, String name, String category, String phone) {
		return new Seen(new PersonObservation(ID, "province", Kind.PROVINCE, at, "P-1001", name, category, "中共党员",
				LocalDate.of(1978, 3, 5), null, phone, "沙坪街道", "440784", null), 1);
	}

	private static Seen heshan(OffsetDateTime at, String phone) {
		return new Seen(new PersonObservation(ID, "heshan", Kind.ROSTER, at, "花名册!7", "黄智明", "伤残军人", "群众",
				LocalDate.of(1978, 3, 1), LocalDate.of(1983, 1, 1), phone, "共和镇", "440784", "来苏村"), 2);
	}

	private static Seen kaiping(OffsetDateTime at) {
		return new Seen(new PersonObservation(ID, "kaiping", Kind.ROSTER, at, "Sheet1!3", "黄志明", null, null, null,
				LocalDate.of(1983, 2, 1), null, "长沙街道", "440783", "幕沙村"), 3);
	}

	private static Field field(List<Field> fields, String name) {
		return fields.stream().filter((f) -> f.field().equals(name)).findFirst().orElseThrow();
	}

	@Test
	void theProvinceWinsTheIdentityFieldsAndTheMostRecentRosterTheTownPhoneAndVillage() {
		Seen k = kaiping(day(20));
		Seen h = heshan(day(15), "13900002222");
		Seen p = province(day(10), "黄志明", "退役士兵", "13800001111");
		List<Field> fields = PersonLineage.of(ID, List.of(k, h, p), REFS);

		assertThat(field(fields, "name")).extracting(Field::value, Field::from, Field::rule)
			.containsExactly("黄志明", p, Rule.PROVINCE_FIRST);
		assertThat(field(fields, "category")).extracting(Field::value, Field::from, Field::rule)
			.containsExactly("退役士兵", p, Rule.PROVINCE_FIRST);
		assertThat(field(fields, "enlist_date").value()).isEqualTo("1978-03-05");
		// the province states no discharge date: the most recent roster row has one
		assertThat(field(fields, "discharge_date")).extracting(Field::value, Field::from, Field::rule)
			.containsExactly("1983-02-01", k, Rule.ROSTER_FALLBACK);
		// kaiping states no phone: heshan's, newer than the province's
		assertThat(field(fields, "phone")).extracting(Field::value, Field::from, Field::rule)
			.containsExactly("13900002222", h, Rule.MOST_RECENT);
		assertThat(field(fields, "town")).extracting(Field::value, Field::from).containsExactly("长沙街道", k);
		assertThat(field(fields, "county_code")).extracting(Field::value, Field::rule)
			.containsExactly("440783", Rule.FROM_TOWN);
		assertThat(field(fields, "village")).extracting(Field::value, Field::from, Field::rule)
			.containsExactly("幕沙村", k, Rule.TOWN_ROSTER);
		assertThat(field(fields, "gender")).extracting(Field::value, Field::rule).containsExactly("M", Rule.FROM_ID);
		assertThat(field(fields, "birth_date").value()).isEqualTo("1958-03-12");
	}

	@Test
	void onTheSameDayTheProvincesPhoneWinsOverARosters() {
		Seen h = heshan(day(15), "13900002222");
		Seen p = province(day(15), "黄志明", "退役士兵", "13800001111");
		// in source id order, heshan comes first; the province still wins the tie
		List<Field> fields = PersonLineage.of(ID, List.of(h, p), REFS);
		assertThat(field(fields, "phone").from()).isEqualTo(p);
		assertThat(field(fields, "town").value()).isEqualTo("沙坪街道");
		// a provincial record has no village, and no roster row is of 沙坪街道
		assertThat(field(fields, "village").value()).isNull();
	}

	@Test
	void aCategoryTheCodeTableDoesNotKnowIsNotStoredAndDoesNotFallBackToTheRoster() {
		Seen h = heshan(day(15), null);
		Seen p = province(day(10), "黄志明", "民兵", null);
		Field category = field(PersonLineage.of(ID, List.of(h, p), REFS), "category");
		assertThat(category).extracting(Field::value, Field::rule, Field::notStored)
			.containsExactly("民兵", Rule.PROVINCE_FIRST, true);
	}

	@Test
	void withoutAProvincialNameTheLatestRosterNameIsTaken() {
		Seen h = heshan(day(15), null);
		Seen p = province(day(20), "", null, null);
		List<Field> fields = PersonLineage.of(ID, List.of(p, h), REFS);
		assertThat(field(fields, "name")).extracting(Field::value, Field::from, Field::rule)
			.containsExactly("黄智明", h, Rule.ROSTER_FALLBACK);
		assertThat(field(fields, "category")).extracting(Field::value, Field::rule)
			.containsExactly("伤残军人", Rule.ROSTER_FALLBACK);
		assertThat(field(fields, "phone").rule()).isEqualTo(Rule.NONE);
	}

}
