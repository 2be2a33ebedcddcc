package cn.jiangmen.vethub.partner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.ingest.HeaderText;
import cn.jiangmen.vethub.ingest.RowKinds;
import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.SourcePreview;
import cn.jiangmen.vethub.source.PartnerSettings;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.source.PartnerSettings.TargetField;

/**
 * The configured kinds of county sheet ({@link SheetKind}) that load through the partner
 * mapping: a header row is recognised as a kind when it names every required and key
 * field of it (first kind wins), and its data rows are then mapped by the same
 * {@link PartnerRowMapper} as a partner file's, so that every line of work has the same
 * types, checks, reject vocabulary and record keys whichever source sends it. Pure: no
 * database, no Spring.
 */
public final class SheetKinds {

	private final List<SheetKind> kinds;

	/**
	 * @throws IllegalArgumentException naming the first wrong entry of
	 * {@code hub.county.sheets}
	 */
	public SheetKinds(List<SheetKind> kinds) {
		this.kinds = List.copyOf(kinds);
		for (int i = 0; i < this.kinds.size(); i++) {
			check("hub.county.sheets[" + i + "]", this.kinds.get(i));
		}
	}

	private static void check(String at, SheetKind kind) {
		Target target = kind.target();
		kind.columns().keySet().forEach((name) -> {
			if (target.field(name).isEmpty()) {
				throw new IllegalArgumentException(at + ".columns." + name + ": not a field of " + target.code()
						+ " (known: " + target.fieldNames() + ")");
			}
			if (kind.columns().get(name) == null || kind.columns().get(name).isEmpty()) {
				throw new IllegalArgumentException(at + ".columns." + name + ": needs at least one header text");
			}
		});
		for (String name : needed(kind)) {
			if (!kind.columns().containsKey(name)) {
				throw new IllegalArgumentException(at + ".columns." + name + ": is required for " + target.code()
						+ " (a required or key field): give its header texts");
			}
		}
		for (String name : kind.recognisedBy()) {
			if (!kind.columns().containsKey(name)) {
				throw new IllegalArgumentException(at + ".recognised-by: " + name + " is not among its columns (known: "
						+ String.join(", ", kind.columns().keySet()) + ")");
			}
		}
		kind.values().forEach((name, lists) -> {
			if (target.field(name).isEmpty()) {
				throw new IllegalArgumentException(at + ".values." + name + ": not a field of " + target.code());
			}
			for (List<String> forms : lists) {
				if (forms == null || forms.isEmpty()) {
					throw new IllegalArgumentException(at + ".values." + name + ": an empty list of forms");
				}
			}
		});
	}

	/** The fields a header must name to be of the kind: required and key fields. */
	private static List<String> needed(SheetKind kind) {
		List<String> needed = new ArrayList<>();
		for (TargetField field : kind.target().fields()) {
			if (field.required()) {
				needed.add(field.name());
			}
		}
		for (String key : keyFields(kind)) {
			if (!needed.contains(key)) {
				needed.add(key);
			}
		}
		return needed;
	}

	private static List<String> keyFields(SheetKind kind) {
		return (kind.recordKey() != null && !kind.recordKey().isEmpty()) ? kind.recordKey()
				: kind.target().naturalKeys();
	}

	public boolean isEmpty() {
		return this.kinds.isEmpty();
	}

	/**
	 * The table a row is the header of, if it names every required and key field of a
	 * kind.
	 * @param fileName the file's name, kept on every row
	 */
	public Optional<Table> asHeader(SourceRow row, String fileName) {
		return asHeader(row, fileName, new TownResolver(List.of()), null);
	}

	/**
	 * The table a row is the header of, as {@link #asHeader(SourceRow, String)}, whose
	 * town fields name towns of the county.
	 * @param towns the towns of the city (ref.town)
	 * @param countyCode the county of the county source
	 */
	public Optional<Table> asHeader(SourceRow row, String fileName, TownResolver towns, String countyCode) {
		List<String> headers = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (int c = 0; c < row.cells().size(); c++) {
			String text = row.text(c).strip();
			headers.add(text);
			keys.add(HeaderText.key(text));
		}
		Optional<Table> complete = find(headers, keys, fileName, towns, countyCode, false);
		return complete.isPresent() ? complete : find(headers, keys, fileName, towns, countyCode, true);
	}

	/**
	 * The first kind the header is of: every required and key field named or, when
	 * {@code byMarks}, the anchor and one of the kind's {@link SheetKind#recognisedBy}
	 * fields (a missing required column then reads as empty in every row).
	 */
	private Optional<Table> find(List<String> headers, List<String> keys, String fileName, TownResolver towns,
			String countyCode, boolean byMarks) {
		for (SheetKind kind : this.kinds) {
			Map<String, Field> fields = new LinkedHashMap<>();
			Map<String, Integer> columnOf = new LinkedHashMap<>();
			kind.columns().forEach((name, texts) -> {
				for (String text : texts) {
					int at = keys.indexOf(HeaderText.key(text));
					if (at >= 0 && !columnOf.containsValue(at)) {
						fields.put(name, new Field(headers.get(at), null, null, null));
						columnOf.put(name, at);
						return;
					}
				}
			});
			if (!columnOf.keySet().containsAll(needed(kind))) {
				if (!byMarks || !markedBy(kind, columnOf)) {
					continue;
				}
				for (String name : needed(kind)) {
					if (!columnOf.containsKey(name)) {
						fields.put(name, new Field(kind.columns().get(name).get(0), null, null, null));
						columnOf.put(name, -1);
					}
				}
			}
			Mapping mapping = new Mapping(kind.target(), fields, kind.recordKey());
			Map<String, Map<String, List<String>>> values = new LinkedHashMap<>();
			kind.values().forEach((name, lists) -> {
				Map<String, List<String>> forms = new LinkedHashMap<>();
				lists.forEach((list) -> forms.put(list.get(0), list.subList(1, list.size())));
				values.put(name, forms);
			});
			PartnerRowMapper mapper = new PartnerRowMapper(mapping, columnOf, headers, fileName, values, towns,
					countyCode);
			return Optional.of(new Table(kind, mapper, columnOf, headers));
		}
		return Optional.empty();
	}

	private static boolean markedBy(SheetKind kind, Map<String, Integer> columnOf) {
		String anchor = kind.target().personal() ? PartnerSettings.ID_CARD_FIELD : keyFields(kind).get(0);
		return columnOf.containsKey(anchor) && kind.recognisedBy().stream().anyMatch(columnOf::containsKey);
	}

	/**
	 * A valid row in a dry run: it would load when its person is known (or it is about no
	 * person), else it would wait, as a partner file's rows are shown.
	 */
	public static void preview(SourcePreview.Collector collector, PartnerFact fact) {
		PartnerPreview.fact(collector, fact);
	}

	/** A recognised sheet: maps its data rows. */
	public static final class Table {

		private final SheetKind kind;

		private final PartnerRowMapper mapper;

		private final Map<String, Integer> columnOf;

		private final List<String> headers;

		private final int anchor;

		Table(SheetKind kind, PartnerRowMapper mapper, Map<String, Integer> columnOf, List<String> headers) {
			this.kind = kind;
			this.mapper = mapper;
			this.columnOf = columnOf;
			this.headers = headers;
			String anchorField = kind.target().personal() ? PartnerSettings.ID_CARD_FIELD : keyFields(kind).get(0);
			this.anchor = columnOf.get(anchorField);
		}

		public SheetKind kind() {
			return this.kind;
		}

		/**
		 * A row below the header that is neither data nor error (blank, totals, notes),
		 * as for every county sheet ({@link RowKinds}).
		 */
		public boolean isIgnorable(SourceRow row) {
			return RowKinds.isIgnorable(row, this.anchor);
		}

		/**
		 * Maps a data row: a fact, or a refused row (file, sheet, row, reason, raw
		 * values).
		 */
		public Mapped map(SourceRow row) {
			PartnerRowMapper.Result result = this.mapper.map(row);
			if (result instanceof PartnerRowMapper.Mapped mapped) {
				return new Mapped(mapped.fact(), null);
			}
			return new Mapped(null, ((PartnerRowMapper.Refused) result).row());
		}

		/**
		 * A field's value as written in a row's raw values (the ID and name for the
		 * feedback file, which masks them), or "".
		 */
		public String written(RejectedRow row, String field) {
			Integer column = this.columnOf.get(field);
			if (column == null || row.rawValues() == null) {
				return "";
			}
			String value = row.rawValues().get(this.headers.get(column));
			return (value != null) ? value : "";
		}

	}

	/** A mapped row: the fact, or the refused row. */
	public record Mapped(PartnerFact fact, RejectedRow refused) {

	}

}
