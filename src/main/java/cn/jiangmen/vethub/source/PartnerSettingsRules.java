package cn.jiangmen.vethub.source;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.jiangmen.vethub.ingest.HeaderText;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.FieldType;
import cn.jiangmen.vethub.source.PartnerSettings.Format;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.TargetField;

/**
 * The rules of a partner's settings that span several fields, checked when its source
 * file is read so that a wrong configuration is refused at start, naming the file, the
 * field and the reason, rather than found by the first file that arrives. Field-level
 * constraints (not blank, ranges) are Bean Validation's.
 */
public final class PartnerSettingsRules {

	private static final String ROOT = "source.partner";

	private PartnerSettingsRules() {
	}

	/**
	 * @throws SourceConfigurationException naming the first broken field
	 */
	public static void check(Path file, PartnerSettings partner) {
		Format format = partner.format();
		if (format == Format.DELIMITED) {
			require(file, partner.delimiter() != null && !partner.delimiter().isEmpty(), ROOT + ".delimiter",
					"is required when format is delimited (e.g. '|')");
			require(file, !partner.delimiter().isBlank() || partner.delimiter().equals("\t"), ROOT + ".delimiter",
					"must not be blank (write \"\\t\" for a tab)");
		}
		else {
			require(file, partner.delimiter() == null, ROOT + ".delimiter",
					"is only for format delimited (csv always uses ',', xlsx has cells)");
		}
		if (format == Format.XLSX) {
			require(file, partner.autoEncoding(), ROOT + ".encoding",
					"must be left out for xlsx (a workbook has no text encoding)");
			require(file, partner.trailer() == null, ROOT + ".trailer", "is only for text files (csv, delimited)");
		}
		else if (!partner.autoEncoding()) {
			require(file, Charset.isSupported(partner.encoding()), ROOT + ".encoding",
					"'" + partner.encoding() + "' is not a known charset (use UTF-8, GBK, GB18030 or auto)");
		}
		if (partner.trailer() != null) {
			require(file, !partner.trailer().isBlank(), ROOT + ".trailer", "must not be blank (e.g. TOTAL)");
		}
		for (String prefix : partner.skipRowsStartingWith()) {
			require(file, prefix != null && !prefix.isBlank(), ROOT + ".skip-rows-starting-with",
					"must not hold an empty entry (it would skip every row)");
		}
		Set<PartnerSettings.Target> targets = new HashSet<>();
		for (int m = 0; m < partner.mappings().size(); m++) {
			Mapping mapping = partner.mappings().get(m);
			String at = ROOT + ".mappings[" + m + "]";
			require(file, targets.add(mapping.target()), at + ".target",
					"'" + mapping.target().code() + "' is mapped twice; one mapping per target");
			checkMapping(file, at, mapping);
		}
	}

	/** The rules of one mapping, shared with database sources. */
	static void checkMapping(Path file, String at, Mapping mapping) {
		PartnerSettings.Target target = mapping.target();
		Set<String> columns = new HashSet<>();
		for (Map.Entry<String, Field> entry : mapping.fields().entrySet()) {
			String name = entry.getKey();
			String field = at + ".fields." + name;
			TargetField known = target.field(name)
				.orElseThrow(() -> new SourceConfigurationException(file, field,
						"is not a field of " + target.code() + " (known: " + target.fieldNames() + ")"));
			Field mapped = entry.getValue();
			require(file, mapped.type() == null || mapped.type() == known.type(), field + ".type",
					"'" + ((mapped.type() != null) ? mapped.type().code() : "") + "' does not fit " + name
							+ ", which is " + known.type().code());
			require(file, !(known.required() && Boolean.FALSE.equals(mapped.required())), field + ".required",
					"cannot be false: the warehouse needs " + name + " in every " + target.table() + " row");
			if (mapped.format() != null) {
				require(file, known.type() == FieldType.DATE, field + ".format",
						"is only for dates (" + name + " is " + known.type().code() + ")");
				try {
					DateTimeFormatter.ofPattern(mapped.format());
				}
				catch (IllegalArgumentException ex) {
					throw new SourceConfigurationException(file, field + ".format",
							"'" + mapped.format() + "' is not a date pattern: " + ex.getMessage());
				}
			}
			require(file, columns.add(HeaderText.key(mapped.column())), field + ".column",
					"'" + mapped.column() + "' is already mapped to another field");
		}
		for (TargetField needed : target.fields()) {
			require(file, !needed.required() || mapping.fields().containsKey(needed.name()),
					at + ".fields." + needed.name(),
					"is required for " + target.code() + ": map it to the partner's column");
		}
		List<String> key = mapping.keyFields();
		Set<String> seen = new HashSet<>();
		for (String name : key) {
			require(file, target.field(name).isPresent(), at + ".record-key",
					"'" + name + "' is not a field of " + target.code() + " (known: " + target.fieldNames() + ")");
			require(file, seen.add(name), at + ".record-key", "names '" + name + "' twice");
			require(file, mapping.fields().containsKey(name), at + ".record-key",
					"uses '" + name + "', which is not mapped to a column"
							+ ((mapping.recordKey() == null)
									? " (the default key of " + target.code()
											+ "; map it, or set record-key to the fields that identify a record)"
									: ""));
		}
	}

	private static void require(Path file, boolean ok, String field, String reason) {
		if (!ok) {
			throw new SourceConfigurationException(file, field, reason);
		}
	}

}
