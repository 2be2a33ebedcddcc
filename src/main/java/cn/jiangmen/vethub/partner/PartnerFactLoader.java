package cn.jiangmen.vethub.partner;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.warehouse.KnownPersons;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.source.PartnerSettings.TargetField;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Loads the valid rows of one partner file into their fact tables, in the caller's
 * transaction. A row is linked to a person by its ID number only; a partner never creates
 * or changes a person, so a row whose person the warehouse does not know is refused as
 * {@code unknown_person} with the fact as payload, and {@code PendingFactResolver} loads
 * it when the person arrives. {@code partner_id} is always the id of the source whose
 * folder the file came from, never a value of the file.
 *
 * <p>
 * Re-delivered records are upserted on the table's key ({@code partner_id} + record key):
 * the newer delivery's values win (partners send corrections), an unchanged record is not
 * touched, and nothing is ever counted twice. The same holds for records still waiting
 * for their person: a newer delivery supersedes the waiting copy of an older one.
 */
@Component
class PartnerFactLoader {

	/** What the load did. */
	record Outcome(long loaded, List<RejectedRow> waiting) {

	}

	private final JdbcTemplate jdbc;

	private final KnownPersons persons;

	private final RunLedger ledger;

	private final Map<Target, String> upserts = new EnumMap<>(Target.class);

	private final Map<Target, List<String>> columns = new EnumMap<>(Target.class);

	PartnerFactLoader(JdbcTemplate jdbc, KnownPersons persons, RunLedger ledger) {
		this.jdbc = jdbc;
		this.persons = persons;
		this.ledger = ledger;
		for (Target target : Target.values()) {
			List<String> cols = new ArrayList<>(List.of("source_id", "partner_id", target.keyColumn()));
			for (TargetField field : target.fields()) {
				if (field.stored()) {
					cols.add(field.column());
				}
			}
			cols.add("run_id");
			this.columns.put(target, List.copyOf(cols));
			this.upserts.put(target, upsert(target, cols));
		}
	}

	/**
	 * Column names come from {@link Target} constants only, never from configuration or
	 * files.
	 */
	private static String upsert(Target target, List<String> cols) {
		List<String> updated = cols.stream()
			.filter((c) -> !c.equals("partner_id") && !c.equals(target.keyColumn()) && !c.equals("run_id"))
			.toList();
		String table = target.table();
		String shortName = table.substring(table.indexOf('.') + 1);
		return "INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
				+ String.join(", ", cols.stream().map((c) -> "?").toList()) + ")\n ON CONFLICT (partner_id, "
				+ target.keyColumn() + ") DO UPDATE SET "
				+ String.join(", ", updated.stream().map((c) -> c + " = EXCLUDED." + c).toList())
				+ ", run_id = EXCLUDED.run_id, loaded_at = now()\n WHERE ("
				+ String.join(", ", updated.stream().map((c) -> shortName + "." + c).toList()) + ") IS DISTINCT FROM ("
				+ String.join(", ", updated.stream().map((c) -> "EXCLUDED." + c).toList()) + ")";
	}

	Outcome load(String partnerId, long runId, List<PartnerFact> facts) {
		Set<String> known = this.persons.among(facts.stream().map(PartnerFact::idCard).toList());
		Map<Target, List<Object[]>> rows = new EnumMap<>(Target.class);
		List<RejectedRow> waiting = new ArrayList<>();
		long loaded = 0;
		for (PartnerFact fact : facts) {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("source_id", partnerId);
			values.put("partner_id", partnerId);
			values.putAll(fact.columns());
			values.put("run_id", runId);
			if (!known.contains(fact.idCard())) {
				waiting.add(fact.origin()
					.keyed(fact.key())
					.waitingFor(fact.idCard(), fact.target().table(), payload(values)));
				continue;
			}
			List<String> cols = this.columns.get(fact.target());
			Object[] args = new Object[cols.size()];
			for (int i = 0; i < args.length; i++) {
				Object v = values.get(cols.get(i));
				args[i] = (v instanceof LocalDate d) ? Date.valueOf(d) : v;
			}
			rows.computeIfAbsent(fact.target(), (t) -> new ArrayList<>()).add(args);
			loaded++;
		}
		rows.forEach((target, args) -> this.jdbc.batchUpdate(this.upserts.get(target), args));
		supersedeWaiting(partnerId, runId, facts);
		return new Outcome(loaded, waiting);
	}

	/**
	 * A record delivered again replaces what an earlier delivery left waiting for its
	 * person: the earlier waiting copy is marked resolved by this run, so that when the
	 * person arrives the newest delivery is the one loaded (and a record loaded now is
	 * not loaded again from an older copy).
	 */
	private void supersedeWaiting(String partnerId, long runId, List<PartnerFact> facts) {
		Map<Target, List<String>> keys = new EnumMap<>(Target.class);
		facts.forEach((f) -> keys.computeIfAbsent(f.target(), (t) -> new ArrayList<>()).add(f.key()));
		keys.forEach((target, list) -> this.ledger.supersedeWaiting(runId, partnerId, target.table(), list));
	}

	/** The fact as JSON-ready values whose keys are the table's column names. */
	private static Map<String, Object> payload(Map<String, Object> values) {
		Map<String, Object> payload = new LinkedHashMap<>();
		values.forEach((column, value) -> {
			if (value instanceof LocalDate date) {
				payload.put(column, date.toString());
			}
			else if (value instanceof BigDecimal amount) {
				payload.put(column, amount.toPlainString());
			}
			else {
				payload.put(column, value);
			}
		});
		return payload;
	}

}
