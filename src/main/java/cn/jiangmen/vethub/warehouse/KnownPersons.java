package cn.jiangmen.vethub.warehouse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which of some ID numbers are persons of the warehouse: a fact (a visit, a medical
 * service, a policy) is loaded only for a known person, else it waits. One query per
 * 10,000 numbers, in the caller's transaction.
 */
@Component
public class KnownPersons {

	private static final int CHUNK = 10_000;

	private final JdbcTemplate jdbc;

	KnownPersons(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Set<String> among(Collection<String> idCards) {
		List<String> all = new ArrayList<>(new HashSet<>(idCards));
		Set<String> known = new HashSet<>();
		for (int from = 0; from < all.size(); from += CHUNK) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
			known.addAll(this.jdbc.queryForList("SELECT id_card FROM dw.person WHERE id_card = ANY (?::char(18)[])",
					String.class, (Object) chunk.toArray(String[]::new)));
		}
		return known;
	}

}
