package cn.jiangmen.vethub.normalize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The written forms of a coded field (人员类别, 政治面貌) and the canonical value each stands
 * for, as stored in {@code ref.person_category} / {@code ref.political_status}. Built-in
 * defaults cover what counties and the provincial system write; IT staff add forms from
 * configuration with {@link #with(Map)}. Lookups ignore whitespace and
 * full-width/half-width differences (NFKC). A form that would stand for two canonical
 * values is refused when the table is built, so a configuration mistake stops the start
 * instead of loading wrong data. Immutable.
 */
public final class ValueSynonyms {

	private final Map<String, List<String>> canonicalToSynonyms;

	private final Map<String, String> index = new HashMap<>();

	public ValueSynonyms(Map<String, List<String>> canonicalToSynonyms) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		canonicalToSynonyms.forEach(
				(canonical, synonyms) -> copy.put(canonical, (synonyms != null) ? List.copyOf(synonyms) : List.of()));
		this.canonicalToSynonyms = Collections.unmodifiableMap(copy);
		copy.forEach((canonical, synonyms) -> {
			if (Text.compact(canonical).isEmpty()) {
				throw new IllegalArgumentException("Empty canonical value");
			}
			register(canonical, canonical);
			synonyms.forEach((synonym) -> register(synonym, canonical));
		});
	}

	/**
	 * 人员类别, canonical as in {@code ref.person_category}: 退役士兵 军队转业干部 复员军人 伤残军人 烈士遗属
	 * 其他优抚对象, with the common forms and the provincial codes 11 12 13 21 31 99. 复员干部 is
	 * deliberately not mapped: it is its own status and not the same as 复员军人, so it is
	 * left for configuration.
	 */
	public static ValueSynonyms personCategories() {
		Map<String, List<String>> m = new LinkedHashMap<>();
		m.put("退役士兵", List.of("退伍军人", "退伍士兵", "11"));
		m.put("军队转业干部", List.of("转业干部", "转业军人", "12"));
		m.put("复员军人", List.of("13"));
		m.put("伤残军人", List.of("残疾军人", "伤残", "残疾退役军人", "21"));
		m.put("烈士遗属", List.of("烈属", "烈士家属", "31"));
		m.put("其他优抚对象", List.of("其他", "其它", "其它优抚对象", "99"));
		return new ValueSynonyms(m);
	}

	/**
	 * 政治面貌, canonical as in {@code ref.political_status}: 中共党员 中共预备党员 共青团员 群众, with the
	 * short forms and the provincial codes 01 02 03 13.
	 */
	public static ValueSynonyms politicalStatuses() {
		Map<String, List<String>> m = new LinkedHashMap<>();
		m.put("中共党员", List.of("党员", "中国共产党党员", "共产党员", "01"));
		m.put("中共预备党员", List.of("预备党员", "中国共产党预备党员", "02"));
		m.put("共青团员", List.of("团员", "中国共产主义青年团团员", "03"));
		m.put("群众", List.of("13"));
		return new ValueSynonyms(m);
	}

	/**
	 * This table with more forms (and possibly more canonical values) added, e.g. from
	 * configuration.
	 */
	public ValueSynonyms with(Map<String, List<String>> extra) {
		Map<String, List<String>> merged = new LinkedHashMap<>();
		this.canonicalToSynonyms.forEach((canonical, synonyms) -> merged.put(canonical, new ArrayList<>(synonyms)));
		extra.forEach((canonical, synonyms) -> merged.computeIfAbsent(canonical, (k) -> new ArrayList<>())
			.addAll((synonyms != null) ? synonyms : List.of()));
		return new ValueSynonyms(merged);
	}

	/**
	 * The canonical value a written form stands for, or empty when it is blank or
	 * unknown.
	 */
	public Optional<String> canonical(String raw) {
		String key = Text.compact(raw);
		return key.isEmpty() ? Optional.empty() : Optional.ofNullable(this.index.get(key));
	}

	/** The canonical values, in the order given. */
	public Set<String> canonicalValues() {
		return this.canonicalToSynonyms.keySet();
	}

	/** The whole table, canonical value to its written forms. */
	public Map<String, List<String>> asMap() {
		return this.canonicalToSynonyms;
	}

	private void register(String form, String canonical) {
		String key = Text.compact(form);
		if (key.isEmpty()) {
			throw new IllegalArgumentException("Empty synonym for " + canonical);
		}
		String previous = this.index.putIfAbsent(key, canonical);
		if (previous != null && !previous.equals(canonical)) {
			throw new IllegalArgumentException(
					"'" + form + "' cannot stand for both " + previous + " and " + canonical);
		}
	}

}
