package cn.jiangmen.vethub.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

	/**
	 * One primary-key probe per ID number, or a hash of the numbers: a join, not
	 * {@code id_card = ANY (?)}, because on a small person table the planner scans it and
	 * compares each row with every number of the array in turn (a generic plan does not
	 * hash the array): 1,000 numbers against 1,000 persons took 150-250 ms a call in the
	 * database source benchmark.
	 */
	private static final String AMONG = "SELECT p.id_card FROM dw.person p"
			+ " WHERE p.id_card IN (SELECT unnest(?::char(18)[]))";

	private final JdbcTemplate jdbc;

	KnownPersons(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Set<String> among(Collection<String> idCards) {
		List<String> all = new ArrayList<>(new HashSet<>(idCards));
		Set<String> known = new HashSet<>();
		for (int from = 0; from < all.size(); from += CHUNK) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
			known.addAll(this.jdbc.queryForList(AMONG, String.class, (Object) chunk.toArray(String[]::new)));
		}
		return known;
	}

	/**
	 * {@link #among(Collection)} on a given connection: a {@link PersonMerger} batch
	 * writes on a thread of its own, with the connection of the load's transaction.
	 */
	public static Set<String> among(Connection connection, Collection<String> idCards) throws SQLException {
		Set<String> known = new HashSet<>();
		if (idCards.isEmpty()) {
			return known;
		}
		try (PreparedStatement ps = connection.prepareStatement(AMONG)) {
			ps.setArray(1, connection.createArrayOf("text", idCards.toArray()));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					known.add(rs.getString(1));
				}
			}
		}
		return known;
	}

}
