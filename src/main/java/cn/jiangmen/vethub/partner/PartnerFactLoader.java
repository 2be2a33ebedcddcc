package cn.jiangmen.vethub.partner;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.source.PartnerSettings.FieldType;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.source.PartnerSettings.TargetField;
import cn.jiangmen.vethub.warehouse.KnownPersons;
import cn.jiangmen.vethub.warehouse.ReferenceData;
import cn.jiangmen.vethub.warehouse.PhaseTimes;
import cn.jiangmen.vethub.warehouse.StagedUpsert;
import cn.jiangmen.vethub.warehouse.StagedUpsert.Column;
import cn.jiangmen.vethub.warehouse.StagedUpsert.ColumnType;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Loads the valid rows of one partner file into their fact tables, in the caller's
 * transaction. A table that keeps where its rows were read ({@link Target#keepsOrigin()})
 * gets the file, sheet and row number of each row with it; a target about no person (a
 * job fair, {@link Target#personal()}) is loaded as it is, without a person check. A row
 * is linked to a person by its ID number only; a partner never creates or changes a
 * person, so a row whose person the warehouse does not know is refused as
 * {@code unknown_person} with the fact as payload, and {@code PendingFactResolver} loads
 * it when the person arrives. {@code partner_id} is always the id of the source whose
 * folder the file came from, never a value of the file.
 *
 * <p>
 * Re-delivered records are upserted on the table's key ({@code partner_id} + record key):
 * the newer delivery's values win (partners send corrections), an unchanged record is not
 * touched, and nothing is ever counted twice. The upsert is set-based, one statement a
 * table for all the facts of a load ({@link StagedUpsert}), so that a file or a commit of
 * a database source costs about what a COPY of its rows costs, not a round of row-by-row
 * statements. The same holds for records still waiting for their person: a newer delivery
 * supersedes the waiting copy of an older one.
 */
@Component
public class PartnerFactLoader {

	/**
	 * What the load did: rows loaded, rows waiting for their person, and rows refused for
	 * their place ({@link PlaceCheck}: a written county not the city's or the source's, a
	 * station's missing town or village, a second row of the same station; an unknown
	 * town is refused earlier, when the row is mapped).
	 */
	public record Outcome(long loaded, List<RejectedRow> waiting, List<RejectedRow> refused) {

		/**
		 * The waiting and the refused rows: what the run records and the feedback lists.
		 */
		public List<RejectedRow> rejects() {
			List<RejectedRow> all = new ArrayList<>(this.waiting);
			all.addAll(this.refused);
			return all;
		}

	}

	private final JdbcTemplate jdbc;

	private final KnownPersons persons;

	private final RunLedger ledger;

	private final ReferenceData reference;

	private final Map<Target, StagedUpsert> upserts = new EnumMap<>(Target.class);

	private final Map<Target, List<String>> columns = new EnumMap<>(Target.class);

	PartnerFactLoader(JdbcTemplate jdbc, KnownPersons persons, RunLedger ledger, ReferenceData reference) {
		this.jdbc = jdbc;
		this.persons = persons;
		this.ledger = ledger;
		this.reference = reference;
		for (Target target : Target.values()) {
			List<Column> cols = new ArrayList<>();
			cols.add(new Column("source_id", ColumnType.CODE, true));
			cols.add(new Column("partner_id", ColumnType.CODE, true));
			cols.add(new Column(target.keyColumn(), ColumnType.TEXT, true));
			for (TargetField field : target.fields()) {
				if (field.stored()) {
					cols.add(new Column(field.column(), columnType(field.type()), true));
				}
			}
			if (target.hasCounty()) {
				cols.add(new Column("county_code", ColumnType.CODE, true));
			}
			// where the record was read, and the run, are updated with a changed record
			// only
			if (target.keepsOrigin()) {
				cols.add(new Column("file_name", ColumnType.CODE, false));
				cols.add(new Column("sheet", ColumnType.CODE, false));
				cols.add(new Column("row_number", ColumnType.BIGINT, false));
			}
			cols.add(new Column("run_id", ColumnType.BIGINT, false));
			this.columns.put(target, cols.stream().map(Column::name).toList());
			this.upserts.put(target, new StagedUpsert(target.table(), List.of("partner_id", target.keyColumn()), cols));
		}
	}

	private static ColumnType columnType(FieldType type) {
		return switch (type) {
			case DATE -> ColumnType.DATE;
			case AMOUNT -> ColumnType.NUMERIC;
			case COUNT -> ColumnType.BIGINT;
			case TEXT, NAME, ID_CARD, FLAG, TOWN -> ColumnType.TEXT;
		};
	}

	/**
	 * Loads the facts in the caller's transaction: those of known persons by one
	 * set-based upsert a target table ({@link StagedUpsert}: new keys by binary COPY into
	 * the table, known keys by binary COPY into a temporary stage, then
	 * {@code INSERT ... ON CONFLICT ... DO UPDATE} where a value changed); the others are
	 * returned as waiting rows for the caller to record.
	 * @param facts the valid rows, a record key at most once a target (the parser and the
	 * database sync refuse earlier duplicates; should one remain, the last wins)
	 */
	Outcome load(String partnerId, long runId, List<PartnerFact> facts) {
		return load(partnerId, null, runId, facts);
	}

	/**
	 * Loads the facts of a source, as {@link #load(String, long, List)}.
	 * @param countyCode the county of a county source: the {@code county_code} of the
	 * rows of a table that has one ({@link Target#hasCounty()}); null for a partner
	 */
	public Outcome load(String partnerId, String countyCode, long runId, List<PartnerFact> facts) {
		return load(partnerId, countyCode, runId, facts, PhaseTimes.NONE);
	}

	/**
	 * {@link #load(String, String, long, List)}, recording the time of its phases (a
	 * database or http-api source's run).
	 */
	Outcome load(String partnerId, String countyCode, long runId, List<PartnerFact> checking, PhaseTimes times) {
		List<RejectedRow> refused = new ArrayList<>();
		List<PartnerFact> facts = placed(checking, countyCode, refused);
		long start = System.nanoTime();
		Set<String> known = this.persons
			.among(facts.stream().map(PartnerFact::idCard).filter(Objects::nonNull).distinct().toList());
		Map<Target, Map<String, Object[]>> rows = new EnumMap<>(Target.class);
		List<RejectedRow> waiting = new ArrayList<>();
		start = times.since("known-person probe", start);
		Long run = runId;
		long loaded = 0;
		for (PartnerFact fact : facts) {
			if (fact.idCard() != null && !known.contains(fact.idCard())) {
				Map<String, Object> values = new LinkedHashMap<>();
				values.put("source_id", partnerId);
				values.put("partner_id", partnerId);
				values.putAll(fact.columns());
				if (fact.target().keepsOrigin()) {
					values.putAll(origin(fact, countyCode));
				}
				values.put("run_id", runId);
				waiting.add(fact.origin()
					.keyed(fact.key())
					.waitingFor(fact.idCard(), fact.target().table(), payload(values)));
				continue;
			}
			List<String> cols = this.columns.get(fact.target());
			Object[] args = new Object[cols.size()];
			args[0] = partnerId;
			args[1] = partnerId;
			Map<String, Object> origin = fact.target().keepsOrigin() ? origin(fact, countyCode) : Map.of();
			for (int i = 2; i < args.length - 1; i++) {
				String column = cols.get(i);
				args[i] = origin.containsKey(column) ? origin.get(column) : fact.columns().get(column);
			}
			args[args.length - 1] = run;
			rows.computeIfAbsent(fact.target(), (t) -> new LinkedHashMap<>()).put(fact.key(), args);
			loaded++;
		}
		start = times.since("building the rows", start);
		rows.forEach((target, byKey) -> this.jdbc
			.execute((ConnectionCallback<Long>) (con) -> this.upserts.get(target).upsert(con, byKey.values(), times)));
		start = System.nanoTime();
		supersedeWaiting(partnerId, runId, facts);
		times.since("superseding waiting copies", start);
		return new Outcome(loaded, waiting, refused);
	}

	/**
	 * The facts with their place checked ({@link PlaceCheck}) where their target has one;
	 * a fact refused for its place is added to {@code refused}, and of two facts that are
	 * the same record once placed (two rows of one station) the earlier is refused as
	 * {@code duplicate_in_file}.
	 */
	private List<PartnerFact> placed(List<PartnerFact> facts, String countyCode, List<RejectedRow> refused) {
		if (facts.stream().noneMatch((f) -> f.target().checksPlace())) {
			return facts;
		}
		PlaceCheck check = new PlaceCheck(this.reference.towns());
		Map<String, PartnerFact> byKey = new LinkedHashMap<>();
		List<PartnerFact> placed = new ArrayList<>(facts.size());
		for (PartnerFact fact : facts) {
			if (!fact.target().checksPlace()) {
				placed.add(fact);
				continue;
			}
			PlaceCheck.Checked checked = check.check(fact, countyCode);
			if (checked.refused() != null) {
				refused.add(checked.refused());
				continue;
			}
			PartnerFact earlier = byKey.put(fact.target().code() + "\u001f" + checked.fact().key(), checked.fact());
			if (earlier != null) {
				RejectedRow o = earlier.origin();
				String later = checked.fact().origin().sheet() + " 第 " + checked.fact().origin().rowNumber() + " 行";
				refused.add(new RejectedRow(o.fileName(), o.sheet(), o.rowNumber(), o.recordKey(),
						RejectReason.DUPLICATE_IN_FILE, "与" + later + "是同一站点（层级与所在地相同），以后者为准", o.rawValues(), null,
						null, null));
			}
		}
		placed.addAll(byKey.values());
		return placed;
	}

	/**
	 * A record delivered again replaces what an earlier delivery left waiting for its
	 * person: the earlier waiting copy is marked resolved by this run, so that when the
	 * person arrives the newest delivery is the one loaded (and a record loaded now is
	 * not loaded again from an older copy).
	 */
	private void supersedeWaiting(String partnerId, long runId, List<PartnerFact> facts) {
		Map<Target, List<String>> keys = new EnumMap<>(Target.class);
		facts.stream()
			.filter((f) -> f.target().personal())
			.forEach((f) -> keys.computeIfAbsent(f.target(), (t) -> new ArrayList<>()).add(f.key()));
		keys.forEach((target, list) -> this.ledger.supersedeWaiting(runId, partnerId, target.table(), list));
	}

	/**
	 * Where a fact was read: file, sheet and 1-based row (a database source has no file:
	 * null), and the county of a county source.
	 */
	private static Map<String, Object> origin(PartnerFact fact, String countyCode) {
		Map<String, Object> origin = new HashMap<>();
		if (fact.target().hasCounty()) {
			// a placed fact's county is its town's (PlaceCheck)
			origin.put("county_code", fact.target().checksPlace() ? fact.columns().get("county_code") : countyCode);
		}
		origin.put("file_name", fact.origin().fileName());
		origin.put("sheet", fact.origin().sheet());
		origin.put("row_number", (fact.origin().fileName() != null) ? fact.origin().rowNumber() : null);
		return origin;
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
