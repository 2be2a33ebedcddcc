package cn.jiangmen.vethub.console;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.console.PersonQueries.FactTable;
import cn.jiangmen.vethub.console.PersonQueries.ObservationRow;
import cn.jiangmen.vethub.console.PersonQueries.PersonHit;
import cn.jiangmen.vethub.console.PersonQueries.WaitingFacts;
import cn.jiangmen.vethub.ops.ColumnRoles;
import cn.jiangmen.vethub.ops.OpsQueries;
import cn.jiangmen.vethub.ops.OpsQueries.RunView;
import cn.jiangmen.vethub.ops.PersonalColumns;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.PersonalDataMask.Role;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import cn.jiangmen.vethub.system.SecretFile;
import cn.jiangmen.vethub.warehouse.PersonLineage;
import cn.jiangmen.vethub.warehouse.PersonObservation;
import cn.jiangmen.vethub.warehouse.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The search and the person page, for the console and the API alike, with what each role
 * may see and ask:
 * <ul>
 * <li>An ADMIN searches by ID number, name (the warehouse's or any observed one), file
 * name or run number and sees full values; every search and every person viewed is logged
 * with the user's name and the ID masked.</li>
 * <li>A VIEWER searches by ID number, file name or run number, and sees everything
 * masked. A search by ID finds the person (the VIEWER typed the number, so nothing is
 * given away), but since the masked ID keeps the region and the birth year is shown, the
 * look-up is the one way to try the numbers a masked person may have: a VIEWER has
 * {@link SearchProperties#viewerIdLookups()} of them per
 * {@link SearchProperties#viewerIdWindow()}. A VIEWER cannot search by name (trying names
 * against the masked {@code 黄**} would tell them), and a file-name search matches what
 * the VIEWER sees: the masked file names.</li>
 * </ul>
 * Persons are linked by an opaque key ({@link PersonKey}), never by their ID number.
 */
@Component
class PersonSearch {

	private static final Logger log = LoggerFactory.getLogger(PersonSearch.class);

	/** dw columns holding a person's name, by their English names. */
	private static final Pattern NAME_COLUMN = Pattern
		.compile("(.*_)?(name|handler|visitor|payee|contact|insured|holder|applicant|beneficiary)(_.*)?");

	/** Every column of an ID-derived record key is shown as its pseudonym when masked. */
	private static final ColumnRoles KEYS_FROM_ID = new ColumnRoles(Map.of(), true);

	private final PersonQueries queries;

	private final OpsQueries ops;

	private final SourceRegistry registry;

	private final ReferenceData references;

	private final PersonalColumns personalColumns;

	private final SearchProperties properties;

	private final LookupLimiter viewerLookups;

	private final HubFolders folders;

	private volatile PersonKey keys;

	PersonSearch(PersonQueries queries, OpsQueries ops, SourceRegistry registry, ReferenceData references,
			PersonalColumns personalColumns, SearchProperties properties, HubFolders folders) {
		this.queries = queries;
		this.ops = ops;
		this.registry = registry;
		this.references = references;
		this.personalColumns = personalColumns;
		this.properties = properties;
		this.folders = folders;
		this.viewerLookups = new LookupLimiter(properties.viewerIdLookups(), properties.viewerIdWindow(),
				Clock.systemUTC());
	}

	/** Forgets the VIEWERs' look-ups (tests). */
	void clearLookups() {
		this.viewerLookups.clear();
	}

	/** What a search finds for the user. */
	Result search(String input, String user, boolean admin) {
		SearchQuery query = SearchQuery.parse(input);
		List<Hit> persons = new ArrayList<>();
		List<RunView> runs = new ArrayList<>();
		List<Notice> notices = new ArrayList<>();
		int max = this.properties.maxResults();
		switch (query.kind()) {
			case EMPTY -> {
			}
			case BAD_ID -> notices.add(new Notice("bad-id", query.problem()));
			case RUN -> this.ops.run(Long.parseLong(query.text())).ifPresent(runs::add);
			case ID_CARD -> {
				Optional<Duration> wait = admin ? Optional.empty() : this.viewerLookups.tryLookup(user);
				if (wait.isPresent()) {
					log.warn("Search: {} was refused a look-up by ID number (too many within {})", user,
							this.properties.viewerIdWindow());
					notices.add(new Notice("throttled", Long.toString(Math.max(1, wait.get().toMinutes() + 1))));
					return new Result(query.shown(), query.kind().name().toLowerCase(Locale.ROOT), persons, runs,
							notices);
				}
				Optional<PersonHit> hit = this.queries.byId(query.text());
				log.info("Personal data: {} searched by ID number {} ({})", user, query.shown(),
						hit.isPresent() ? "found" : "not found");
				hit.ifPresent((h) -> persons.add(hit(h, admin)));
				if (hit.isEmpty()) {
					long waiting = this.queries.waiting(query.text()).stream().mapToLong(WaitingFacts::count).sum();
					notices.add((waiting > 0) ? new Notice("waiting", Long.toString(waiting))
							: new Notice("no-person", null));
				}
			}
			case TEXT -> {
				if (admin) {
					log.info("Personal data: {} searched by name or file name", user);
					this.queries.byName(query.text(), max).forEach((h) -> persons.add(hit(h, true)));
					runs.addAll(this.queries.runsByFileName(query.text(), max));
				}
				else {
					notices.add(new Notice("names-admin-only", null));
					String wanted = query.text().toLowerCase(Locale.ROOT);
					this.queries.runsByFileName(query.text(), max * 10)
						.stream()
						.map(RunView::masked)
						.filter((r) -> r.fileName() != null && r.fileName().toLowerCase(Locale.ROOT).contains(wanted))
						.limit(max)
						.forEach(runs::add);
				}
			}
		}
		return new Result(query.shown(), query.kind().name().toLowerCase(Locale.ROOT), persons,
				admin ? runs : runs.stream().map(RunView::masked).toList(), notices);
	}

	private Hit hit(PersonHit h, boolean admin) {
		return new Hit(keys().of(h.idCard()), admin ? h.idCard() : PersonalDataMask.idCard(h.idCard()),
				admin ? h.name() : PersonalDataMask.name(h.name()), h.county(), h.town());
	}

	/** The person a key stands for, as the user may see it; empty for an unknown key. */
	Optional<PersonPage> person(String key, String user, boolean admin) {
		Optional<String> id = keys().idCard(key);
		if (id.isEmpty()) {
			return Optional.empty();
		}
		String idCard = id.get();
		Optional<Map<String, Object>> row = this.queries.person(idCard);
		if (row.isEmpty()) {
			return Optional.empty();
		}
		if (admin) {
			log.info("Personal data: {} viewed the person {}", user, PersonalDataMask.idCard(idCard));
		}
		Map<String, Object> person = row.get();
		List<ObservationRow> observations = this.queries.observations(idCard);
		List<PersonLineage.Seen> seen = observations.stream().map(ObservationRow::seen).toList();
		List<PersonLineage.Field> lineage = PersonLineage.of(idCard, seen,
				PersonLineage.References.of(this.references));
		Set<String> names = new LinkedHashSet<>();
		names.add(String.valueOf(person.get("name")));
		seen.forEach((s) -> {
			if (s.observation().name() != null && s.observation().name().length() >= 2) {
				names.add(s.observation().name());
			}
		});
		List<String> personNames = new ArrayList<>(names);

		List<FieldView> fields = new ArrayList<>();
		for (PersonLineage.Field f : lineage) {
			String chosen = f.notStored() ? null : f.value();
			String stored = stored(person.get(f.field()));
			PersonLineage.Seen from = f.from();
			fields.add(new FieldView(f.field(), show(f.field(), stored, admin), show(f.field(), f.value(), admin),
					f.rule().key(), f.notStored(), Objects.equals(chosen, stored),
					(from != null) ? from.observation().sourceId() : null,
					(from != null) ? sourceName(from.observation().sourceId()) : null,
					(from != null) ? from.runId() : null, (from != null) ? from.observation().observedAt() : null,
					(from != null) ? recordRef(from.observation().recordRef(), admin) : null));
		}
		List<ObservationView> observationViews = new ArrayList<>();
		for (ObservationRow o : observations) {
			PersonObservation ob = o.seen().observation();
			Set<String> won = new LinkedHashSet<>();
			for (PersonLineage.Field f : lineage) {
				if (f.from() == o.seen() && f.rule() != PersonLineage.Rule.FROM_TOWN) {
					won.add(f.field());
				}
			}
			Map<String, String> values = new LinkedHashMap<>();
			values.put("name", show("name", ob.name(), admin));
			values.put("enlist_date", stored(ob.enlistDate()));
			values.put("discharge_date", stored(ob.dischargeDate()));
			values.put("category", ob.category());
			values.put("political_status", ob.politicalStatus());
			values.put("phone", show("phone", ob.phone(), admin));
			values.put("town", ob.town());
			values.put("county_code", (ob.countyCode() != null) ? ob.countyCode().strip() : null);
			values.put("village", ob.village());
			observationViews
				.add(new ObservationView(ob.sourceId(), sourceName(ob.sourceId()), ob.kind().code(), ob.observedAt(),
						o.seen().runId(), admin ? o.fileName() : PersonalDataMask.text(o.fileName(), personNames),
						o.runStarted(), recordRef(ob.recordRef(), admin), values, won));
		}
		List<FactView> facts = new ArrayList<>();
		for (String table : this.queries.factTables()) {
			FactTable t = this.queries.facts(table, idCard);
			List<Map<String, String>> rows = admin ? t.rows()
					: t.rows().stream().map((r) -> maskedFact(r, personNames)).toList();
			facts.add(new FactView(t.table(), t.columns(), rows, t.total()));
		}
		String shownId = admin ? idCard : PersonalDataMask.idCard(idCard);
		return Optional.of(new PersonPage(key, shownId, show("name", stored(person.get("name")), admin),
				stored(person.get("county_name")), stored(person.get("town")), fields, observationViews, facts,
				this.queries.waiting(idCard), (OffsetDateTime) offset(person.get("created_at")),
				(OffsetDateTime) offset(person.get("updated_at")), (Long) person.get("last_run_id")));
	}

	/** The key of an ID number, for links. */
	String keyOf(String idCard) {
		return keys().of(idCard);
	}

	private Map<String, String> maskedFact(Map<String, String> row, List<String> names) {
		Map<String, String> masked = new LinkedHashMap<>();
		row.forEach((column, value) -> {
			String shown;
			if (value == null) {
				shown = null;
			}
			else if ("record_key".equals(column)) {
				shown = this.personalColumns.recordKey(KEYS_FROM_ID, value);
			}
			else {
				Role role = NAME_COLUMN.matcher(column).matches() ? Role.NAME : ColumnRoles.HEADERS_ONLY.roleOf(column);
				Object m = PersonalDataMask.value(role, value);
				shown = (role == Role.TEXT) ? PersonalDataMask.text(String.valueOf(m), names) : String.valueOf(m);
			}
			masked.put(column, shown);
		});
		return masked;
	}

	/** A field's value as the user may see it. */
	private static String show(String field, String value, boolean admin) {
		if (admin || value == null) {
			return value;
		}
		return switch (field) {
			case "name" -> PersonalDataMask.name(value);
			case "phone" -> PersonalDataMask.phone(value);
			case "birth_date" -> PersonalDataMask.birthDate(value);
			case "id_card" -> PersonalDataMask.idCard(value);
			// with the region and the birth year shown, the sex would halve the numbers
			// an
			// ID may be
			case "gender" -> "*";
			default -> PersonalDataMask.text(value);
		};
	}

	private static String recordRef(String ref, boolean admin) {
		return admin ? ref : PersonalDataMask.text(ref);
	}

	private static String stored(Object value) {
		return (value != null) ? String.valueOf(value).stripTrailing() : null;
	}

	private static Object offset(Object value) {
		if (value instanceof java.sql.Timestamp t) {
			return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
		}
		return value;
	}

	private String sourceName(String sourceId) {
		return this.registry.find(sourceId).map(SourceDefinition::name).orElse(sourceId);
	}

	private PersonKey keys() {
		PersonKey k = this.keys;
		if (k == null) {
			k = new PersonKey(SecretFile.readOrCreate(this.folders.root().resolve("secrets").resolve("person-key"), 32)
				.getBytes(StandardCharsets.UTF_8));
			this.keys = k;
		}
		return k;
	}

	/**
	 * @param query the query as it may be shown (an ID masked)
	 * @param kind id_card, run, text, bad_id or empty
	 */
	record Result(String query, String kind, List<Hit> persons, List<RunView> runs, List<Notice> notices) {
	}

	/**
	 * A remark on a search, by its code: bad-id (with why), throttled (with the minutes
	 * to wait), no-person, waiting (facts waiting for that ID: their count),
	 * names-admin-only.
	 */
	record Notice(String code, String detail) {
	}

	/** A person found, with the key of its page. */
	record Hit(String key, String idCard, String name, String county, String town) {
	}

	/**
	 * @param warehouse the value in {@code dw.person}
	 * @param chosen the value the rule chose from the observations (differs from the
	 * warehouse's when it is not a known code, {@code notStored})
	 * @param rule the message key of the rule that chose it
	 * @param agrees whether the warehouse holds what the rules give (a person merged by
	 * an older version of the rules may not)
	 */
	record FieldView(String field, String warehouse, String chosen, String rule, boolean notStored, boolean agrees,
			String sourceId, String sourceName, Long runId, OffsetDateTime observedAt, String recordRef) {
	}

	/**
	 * @param won the fields this observation set
	 */
	record ObservationView(String sourceId, String sourceName, String kind, OffsetDateTime observedAt, long runId,
			String fileName, OffsetDateTime runStarted, String recordRef, Map<String, String> values, Set<String> won) {
	}

	record FactView(String table, List<String> columns, List<Map<String, String>> rows, long total) {
	}

	record PersonPage(String key, String idCard, String name, String county, String town, List<FieldView> fields,
			List<ObservationView> observations, List<FactView> facts, List<WaitingFacts> waiting,
			OffsetDateTime createdAt, OffsetDateTime updatedAt, Long lastRunId) {
	}

}
