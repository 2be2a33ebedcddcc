package cn.jiangmen.vethub.county;

import java.util.List;

import cn.jiangmen.vethub.normalize.Town;
import cn.jiangmen.vethub.normalize.TownResolver;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The towns of {@code ref.town} as a {@link TownResolver}, read once on first use (after
 * Flyway).
 */
@Component
class TownDirectory {

	private final JdbcTemplate jdbc;

	private volatile TownResolver resolver;

	TownDirectory(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	TownResolver resolver() {
		TownResolver r = this.resolver;
		if (r == null) {
			List<Town> towns = this.jdbc.query("SELECT name, county_code, short_name FROM ref.town",
					(rs, i) -> new Town(rs.getString(1), rs.getString(2), rs.getString(3)));
			r = new TownResolver(towns);
			this.resolver = r;
		}
		return r;
	}

}
