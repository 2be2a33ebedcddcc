package cn.jiangmen.vethub.warehouse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.jiangmen.vethub.normalize.Town;
import cn.jiangmen.vethub.normalize.TownResolver;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The reference tables the loads check values against ({@code ref.town},
 * {@code ref.county}, {@code ref.person_category}, {@code ref.political_status}), read
 * once on first use (after Flyway): only migrations change them.
 */
@Component
public class ReferenceData {

	private final JdbcTemplate jdbc;

	private volatile Tables tables;

	private volatile Map<String, String> countyNames;

	ReferenceData(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	private record Tables(TownResolver towns, Map<String, String> townCounties, Set<String> counties,
			Set<String> categories, Map<String, Boolean> politicalStatuses) {
	}

	private Tables tables() {
		Tables t = this.tables;
		if (t == null) {
			List<Town> towns = this.jdbc.query("SELECT name, county_code, short_name FROM ref.town",
					(rs, i) -> new Town(rs.getString(1), rs.getString(2).strip(), rs.getString(3)));
			Map<String, String> townCounties = new HashMap<>();
			towns.forEach((town) -> townCounties.put(town.name(), town.countyCode()));
			Map<String, Boolean> political = new HashMap<>();
			this.jdbc.query("SELECT name, party_member FROM ref.political_status",
					(RowCallbackHandler) (rs) -> political.put(rs.getString(1), rs.getBoolean(2)));
			t = new Tables(new TownResolver(towns, countyNames()), Map.copyOf(townCounties),
					Set.copyOf(this.jdbc.queryForList("SELECT rtrim(code) FROM ref.county", String.class)),
					Set.copyOf(this.jdbc.queryForList("SELECT name FROM ref.person_category", String.class)),
					Map.copyOf(political));
			this.tables = t;
		}
		return t;
	}

	/** The towns, to resolve a town (and a county) as written. */
	public TownResolver towns() {
		return tables().towns();
	}

	/** The county code of each town by its canonical full name. */
	public Map<String, String> townCounties() {
		return tables().townCounties();
	}

	/** The county codes. */
	public Set<String> counties() {
		return tables().counties();
	}

	/** The canonical names of the person categories. */
	public Set<String> categories() {
		return tables().categories();
	}

	/** Whether each political status (by canonical name) is a party member's. */
	public Map<String, Boolean> politicalStatuses() {
		return tables().politicalStatuses();
	}

	/** The name of each county by its code, e.g. {@code 440704} to {@code 江海区}. */
	public Map<String, String> countyNames() {
		Map<String, String> names = this.countyNames;
		if (names == null) {
			Map<String, String> read = new HashMap<>();
			this.jdbc.query("SELECT rtrim(code), name FROM ref.county",
					(RowCallbackHandler) (rs) -> read.put(rs.getString(1), rs.getString(2)));
			names = Map.copyOf(read);
			this.countyNames = names;
		}
		return names;
	}

}
