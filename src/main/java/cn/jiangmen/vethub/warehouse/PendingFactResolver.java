package cn.jiangmen.vethub.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Loads facts that were refused as {@code unknown_person} once their person exists. Such
 * a fact waits in {@code ops.rejected_row} with the target table and the normalized fact
 * as JSON; it is inserted with {@code jsonb_populate_record} and its reject record is
 * marked resolved (never deleted). A fact whose key is already loaded is not loaded
 * twice. Works for every fact table, present and future.
 */
@Component
public class PendingFactResolver {

	/**
	 * The fact tables a waiting fact may name: nothing else is ever interpolated into
	 * SQL.
	 */
	static final Set<String> FACT_TABLES = Set.of("dw.visit", "dw.assistance_payment", "dw.medical_service",
			"dw.insurance_policy", "dw.insurance_claim", "dw.honour_plaque",
			// the lines of work (issue 15)
			"dw.job_placement", "dw.adaptive_training", "dw.skills_training", "dw.degree_upgrade", "dw.pairing",
			"dw.pairing_solved", "dw.legal_aid_case", "dw.village_cadre",
			// issue 15: volunteers (V97)
			"dw.volunteer");

	private static final Set<String> GENERATED = Set.of("id", "loaded_at");

	private final Map<String, List<String>> columns = new ConcurrentHashMap<>();

	/**
	 * Loads every waiting fact whose person now exists, in the caller's transaction.
	 * @return the number of facts resolved
	 */
	public int resolve(Connection con, long runId) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Statement st = con.createStatement(); ResultSet rs = st.executeQuery("""
				SELECT DISTINCT r.fact_table FROM ops.rejected_row r JOIN dw.person p ON p.id_card = r.id_card
				 WHERE r.reason = 'unknown_person' AND r.resolved_at IS NULL""")) {
			while (rs.next()) {
				tables.add(rs.getString(1));
			}
		}
		int resolved = 0;
		for (String table : tables) {
			if (!FACT_TABLES.contains(table)) {
				throw new IllegalStateException("A waiting fact names an unknown table: " + table);
			}
			String cols = String.join(", ", columnsOf(con, table));
			String sql = """
					WITH pending AS (
					  SELECT r.id, r.payload FROM ops.rejected_row r JOIN dw.person p ON p.id_card = r.id_card
					   WHERE r.reason = 'unknown_person' AND r.resolved_at IS NULL AND r.fact_table = '%1$s'
					   ORDER BY r.id FOR UPDATE OF r),
					loaded AS (
					  INSERT INTO %1$s (%2$s)
					  SELECT %2$s FROM pending, jsonb_populate_record(NULL::%1$s, pending.payload)
					  ON CONFLICT DO NOTHING)
					UPDATE ops.rejected_row r SET resolved_at = now(), resolved_run_id = ?
					  FROM pending WHERE r.id = pending.id""".formatted(table, cols);
			try (PreparedStatement ps = con.prepareStatement(sql)) {
				ps.setLong(1, runId);
				resolved += ps.executeUpdate();
			}
		}
		return resolved;
	}

	private List<String> columnsOf(Connection con, String table) throws SQLException {
		List<String> known = this.columns.get(table);
		if (known != null) {
			return known;
		}
		String[] parts = table.split("\\.");
		List<String> cols = new ArrayList<>();
		try (PreparedStatement ps = con.prepareStatement("""
				SELECT column_name FROM information_schema.columns
				 WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position""")) {
			ps.setString(1, parts[0]);
			ps.setString(2, parts[1]);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					if (!GENERATED.contains(rs.getString(1))) {
						cols.add(rs.getString(1));
					}
				}
			}
		}
		this.columns.put(table, List.copyOf(cols));
		return cols;
	}

}
