package cn.jiangmen.vethub.normalize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves a town as written to its canonical full name, within a county
 * ({@link #resolve}) or city-wide ({@link #resolveAnywhere}). Comparison is after NFKC
 * with all whitespace dropped. A town matches by its full name or, failing that, by its
 * short name after the written suffix and noise are taken off: {@code 沙坪}, {@code 沙坪镇},
 * {@code 沙坪镇（街）}, {@code 沙坪街道办事处} all resolve to 沙坪街道 in 鹤山 (440784), which has no 沙坪镇. A
 * short name shared by two candidates resolves to nothing rather than to a guess (白沙 is a
 * 街道 in 蓬江 and a 镇 in 台山). The town list comes from the caller ({@code ref.town}), with
 * the names of the counties ({@code ref.county}) to read a county as written
 * ({@link #county}); nothing is hard-coded here. Immutable and thread-safe.
 */
public final class TownResolver {

	/** Trailing bracketed noise such as （街）, (镇), 【街道】 after NFKC. */
	private static final Pattern BRACKETED_TAIL = Pattern.compile("[(\\[【〔][^()\\[\\]【】〔〕]*[)\\]】〕]$");

	private static final String[] SUFFIXES = { "街道办事处", "镇人民政府", "人民政府", "街道办", "办事处", "街道", "镇街", "镇", "街", "乡" };

	private final List<Town> towns;

	private final Map<String, Town> byName = new HashMap<>();

	private final Map<String, List<Town>> byCountyAndShortName = new HashMap<>();

	private final Map<String, List<Town>> byShortName = new HashMap<>();

	/** County code to name ({@code 440784} to 鹤山市). */
	private final Map<String, String> countyNames;

	/** A resolver that knows no county names: {@link #county} finds none. */
	public TownResolver(Collection<Town> towns) {
		this(towns, Map.of());
	}

	/**
	 * @param towns the towns of the city
	 * @param countyNames county code to name ({@code 440784} to 鹤山市)
	 */
	public TownResolver(Collection<Town> towns, Map<String, String> countyNames) {
		this.towns = List.copyOf(towns);
		this.countyNames = Map.copyOf(countyNames);
		for (Town town : this.towns) {
			if (this.byName.put(Text.compact(town.name()), town) != null) {
				throw new IllegalArgumentException("Town listed twice: " + town.name());
			}
			String shortName = Text.compact(town.shortName());
			this.byCountyAndShortName.computeIfAbsent(town.countyCode() + "/" + shortName, (k) -> new ArrayList<>())
				.add(town);
			this.byShortName.computeIfAbsent(shortName, (k) -> new ArrayList<>()).add(town);
		}
	}

	/** The towns this resolver knows. */
	public List<Town> towns() {
		return this.towns;
	}

	/** A county's name by its code, else the code. */
	public String countyName(String countyCode) {
		return this.countyNames.getOrDefault(countyCode, countyCode);
	}

	/**
	 * The county a text names, by its name with or without 区/市/县 (鹤山市, 鹤山), or empty.
	 */
	public Optional<String> county(String written) {
		String key = countyStem(Text.compact(written));
		return this.countyNames.entrySet()
			.stream()
			.filter((e) -> countyStem(Text.compact(e.getValue())).equals(key))
			.map(Map.Entry::getKey)
			.findFirst();
	}

	private static String countyStem(String name) {
		return (name.length() > 2 && (name.endsWith("区") || name.endsWith("市") || name.endsWith("县")))
				? name.substring(0, name.length() - 1) : name;
	}

	/**
	 * The town of that canonical full name (as a town field stores it), or empty: no
	 * guess from a short name.
	 */
	public Optional<Town> named(String canonicalName) {
		return (canonicalName != null) ? Optional.ofNullable(this.byName.get(Text.compact(canonicalName)))
				: Optional.empty();
	}

	/**
	 * The town of that county the text names, or empty (the caller rejects the row as
	 * unknown_town).
	 */
	public Optional<Town> resolve(String countyCode, String raw) {
		String key = Text.compact(raw);
		if (key.isEmpty() || countyCode == null) {
			return Optional.empty();
		}
		Town exact = this.byName.get(key);
		if (exact != null && exact.countyCode().equals(countyCode)) {
			return Optional.of(exact);
		}
		for (String stem : stems(key)) {
			List<Town> candidates = this.byCountyAndShortName.get(countyCode + "/" + stem);
			if (candidates != null) {
				return only(candidates);
			}
		}
		return Optional.empty();
	}

	/**
	 * The town the text names anywhere in the city, for sources that are not tied to one
	 * county (the provincial system): its unique full name, else a short name that only
	 * one town has.
	 */
	public Optional<Town> resolveAnywhere(String raw) {
		String key = Text.compact(raw);
		if (key.isEmpty()) {
			return Optional.empty();
		}
		Town exact = this.byName.get(key);
		if (exact != null) {
			return Optional.of(exact);
		}
		for (String stem : stems(key)) {
			List<Town> candidates = this.byShortName.get(stem);
			if (candidates != null) {
				return only(candidates);
			}
		}
		return Optional.empty();
	}

	/**
	 * The written name with its bracketed noise and suffixes taken off one at a time,
	 * longest first: 沙坪镇（街） gives 沙坪镇（街）, 沙坪镇, 沙坪. Each is tried as a short name, so a
	 * town whose own name ends like a suffix still matches.
	 */
	static List<String> stems(String key) {
		List<String> stems = new ArrayList<>();
		stems.add(key);
		String s = key;
		while (true) {
			String next = hasClosingBracket(s) ? BRACKETED_TAIL.matcher(s).replaceFirst("") : s;
			if (next.equals(s)) {
				for (String suffix : SUFFIXES) {
					if (s.endsWith(suffix) && s.length() > suffix.length()) {
						next = s.substring(0, s.length() - suffix.length());
						break;
					}
				}
			}
			if (next.equals(s) || next.isEmpty()) {
				break;
			}
			stems.add(next);
			s = next;
		}
		return stems;
	}

	/**
	 * Whether the text holds a closing bracket, without which {@link #BRACKETED_TAIL}
	 * cannot match.
	 */
	private static boolean hasClosingBracket(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == ')' || c == ']' || c == '】' || c == '〕') {
				return true;
			}
		}
		return false;
	}

	private static Optional<Town> only(List<Town> candidates) {
		return (candidates != null && candidates.size() == 1) ? Optional.of(candidates.get(0)) : Optional.empty();
	}

}
