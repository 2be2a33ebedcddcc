package cn.jiangmen.vethub.warehouse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which observation set each field of a person, and by which of the merge rules of
 * {@link PersonMerger}: the rules made visible, to answer "why does the warehouse say
 * this". Pure: given every observation of one person (as {@code dw.person_observation}
 * returns them) and the reference data, it chooses as the merge's SQL chooses:
 * <ul>
 * <li>name, enlist and discharge dates, category, political status: the provincial
 * system's latest record when it states the field ({@link Rule#PROVINCE_FIRST}), else the
 * most recent roster row ({@link Rule#ROSTER_FALLBACK}); a category or political status
 * the reference tables do not know is not stored ({@link Field#notStored()});</li>
 * <li>phone and town: the most recent observation of any source that states one (a town:
 * one of {@code ref.town}), ties province first, then source id
 * ({@link Rule#MOST_RECENT});</li>
 * <li>county: the chosen town's ({@link Rule#FROM_TOWN}), else the most recent stated
 * county ({@link Rule#MOST_RECENT});</li>
 * <li>village: the most recent roster row of the chosen town
 * ({@link Rule#TOWN_ROSTER});</li>
 * <li>gender and birth date: from the ID number ({@link Rule#FROM_ID}).</li>
 * </ul>
 * "Latest" and "most recent" are by observation time (a roster's as-of date, a provincial
 * record's update time), ties broken by source id; the observations are taken in the
 * order given, which must be {@code observed_at DESC, source_id} as the database sorts
 * them (its collation decides the source id order, as it does in the merge).
 */
public final class PersonLineage {

	/** The rule that chose a field's value. */
	public enum Rule {

		/** The provincial system's latest record states it: the province wins. */
		PROVINCE_FIRST,
		/** The province states nothing for it: the most recent roster row. */
		ROSTER_FALLBACK,
		/** The most recent value of any source (ties: province first, then source id). */
		MOST_RECENT,
		/** The county of the chosen town. */
		FROM_TOWN,
		/** The most recent roster row of the chosen town. */
		TOWN_ROSTER,
		/** Read from the ID number (gender, birth date). */
		FROM_ID,
		/** No observation states it. */
		NONE;

		/** The key of the rule's explanation in the console's messages. */
		public String key() {
			return "lineage.rule." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * One observation as stored, with the run that stored it.
	 */
	public record Seen(PersonObservation observation, long runId) {
	}

	/**
	 * A field of the person and where its value came from.
	 *
	 * @param field the column of {@code dw.person}
	 * @param value the value the rule chose, as stated (null: none)
	 * @param from the observation it was taken from, or null ({@link Rule#FROM_ID},
	 * {@link Rule#NONE})
	 * @param rule the rule that chose it
	 * @param notStored the value chosen is not in the reference tables, so the warehouse
	 * stores nothing for it
	 */
	public record Field(String field, String value, Seen from, Rule rule, boolean notStored) {
	}

	/**
	 * The reference data the merge checks values against.
	 *
	 * @param townCounties every {@code ref.town} name with its county code
	 * @param counties the codes of {@code ref.county}
	 * @param categories the names of {@code ref.person_category}
	 * @param politicalStatuses the names of {@code ref.political_status}
	 */
	public record References(Map<String, String> townCounties, Set<String> counties, Set<String> categories,
			Set<String> politicalStatuses) {

		public static References of(ReferenceData data) {
			return new References(data.townCounties(), data.counties(), data.categories(),
					data.politicalStatuses().keySet());
		}

	}

	private PersonLineage() {
	}

	/**
	 * The fields of a person in the order of {@code dw.person}, each with its source.
	 * @param idCard the person's ID number
	 * @param seen every observation of the person, ordered {@code observed_at DESC,
	 * source_id}
	 */
	public static List<Field> of(String idCard, List<Seen> seen, References refs) {
		Seen prov = first(seen, (s) -> s.observation().kind() == PersonObservation.Kind.PROVINCE);
		Seen ros = first(seen, (s) -> s.observation().kind() == PersonObservation.Kind.ROSTER);
		List<Seen> recent = provinceFirstOnTies(seen);
		List<Field> fields = new ArrayList<>();
		fields.add(identity("name", prov, ros, PersonObservation::name, null));
		fields.add(new Field("gender", ((idCard.charAt(16) - '0') % 2 == 1) ? "M" : "F", null, Rule.FROM_ID, false));
		fields.add(new Field("birth_date",
				idCard.substring(6, 10) + "-" + idCard.substring(10, 12) + "-" + idCard.substring(12, 14), null,
				Rule.FROM_ID, false));
		fields.add(identity("enlist_date", prov, ros, (o) -> string(o.enlistDate()), null));
		fields.add(identity("discharge_date", prov, ros, (o) -> string(o.dischargeDate()), null));
		fields.add(identity("category", prov, ros, PersonObservation::category, refs.categories()));
		fields
			.add(identity("political_status", prov, ros, PersonObservation::politicalStatus, refs.politicalStatuses()));
		fields.add(mostRecent("phone", recent, PersonObservation::phone, (v) -> true));
		Field town = mostRecent("town", recent, PersonObservation::town, refs.townCounties()::containsKey);
		fields.add(county(town, recent, refs));
		fields.add(town);
		fields.add(village(town, seen));
		return fields;
	}

	/** Province first, else roster: the identity fields. */
	private static Field identity(String field, Seen prov, Seen ros, Function<PersonObservation, String> value,
			Set<String> known) {
		Seen from;
		Rule rule;
		if (prov != null && stated(value.apply(prov.observation()))) {
			from = prov;
			rule = Rule.PROVINCE_FIRST;
		}
		else if (ros != null && stated(value.apply(ros.observation()))) {
			from = ros;
			rule = Rule.ROSTER_FALLBACK;
		}
		else {
			return new Field(field, null, null, Rule.NONE, false);
		}
		String v = value.apply(from.observation());
		return new Field(field, v, from, rule, known != null && !known.contains(v));
	}

	private static Field mostRecent(String field, List<Seen> recent, Function<PersonObservation, String> value,
			Predicate<String> counts) {
		for (Seen s : recent) {
			String v = value.apply(s.observation());
			if (stated(v) && counts.test(v)) {
				return new Field(field, v, s, Rule.MOST_RECENT, false);
			}
		}
		return new Field(field, null, null, Rule.NONE, false);
	}

	private static Field county(Field town, List<Seen> recent, References refs) {
		if (town.value() != null) {
			String code = refs.townCounties().get(town.value());
			return new Field("county_code", code, town.from(), Rule.FROM_TOWN, !refs.counties().contains(code));
		}
		Field stated = mostRecent("county_code", recent, (o) -> strip(o.countyCode()), (v) -> true);
		return (stated.value() == null) ? stated : new Field("county_code", stated.value(), stated.from(),
				Rule.MOST_RECENT, !refs.counties().contains(stated.value()));
	}

	private static Field village(Field town, List<Seen> seen) {
		if (town.value() == null) {
			return new Field("village", null, null, Rule.NONE, false);
		}
		Seen row = first(seen, (s) -> s.observation().kind() == PersonObservation.Kind.ROSTER
				&& town.value().equals(s.observation().town()));
		if (row == null) {
			return new Field("village", null, null, Rule.NONE, false);
		}
		String v = row.observation().village();
		return new Field("village", stated(v) ? v : null, row, Rule.TOWN_ROSTER, false);
	}

	/**
	 * The observations newest first, a provincial one before a roster row of the same
	 * time, else in the order given (source id).
	 */
	private static List<Seen> provinceFirstOnTies(List<Seen> seen) {
		List<Seen> sorted = new ArrayList<>(seen);
		// a stable sort: equal times and kinds keep the order given
		sorted.sort(Comparator.comparing((Seen s) -> s.observation().observedAt().toInstant())
			.reversed()
			.thenComparing((s) -> s.observation().kind() != PersonObservation.Kind.PROVINCE));
		return sorted;
	}

	private static Seen first(List<Seen> seen, Predicate<Seen> test) {
		return seen.stream().filter(test).findFirst().orElse(null);
	}

	private static boolean stated(String value) {
		return value != null && !value.isEmpty();
	}

	private static String string(Object value) {
		return (value != null) ? value.toString() : null;
	}

	private static String strip(String value) {
		return (value != null) ? value.stripTrailing() : null;
	}

}
