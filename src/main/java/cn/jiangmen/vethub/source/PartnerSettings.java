package cn.jiangmen.vethub.source;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.normalize.ValueSynonyms;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agreed file format of one hospital or insurer partner, written by IT staff under
 * {@code source.partner} (see docs/sources.md). Field-level constraints are checked by
 * Bean Validation; the rules that span several fields (every required target field
 * mapped, delimiter only for delimited text, ...) by {@link PartnerSettingsRules} when
 * the source file is read, so a wrong configuration stops the start with the file, the
 * field and the reason.
 *
 * @param format how the file is laid out: csv (RFC 4180, comma, quotes), delimited (plain
 * text lines split on {@code delimiter}, no quoting) or xlsx
 * @param encoding text files: a charset name (UTF-8, GBK, GB18030, ...) or {@code auto}
 * (UTF-8 with or without BOM, else GBK, decided by content); xlsx: must stay {@code auto}
 * @param delimiter delimited text only: the field separator, e.g. {@code |}
 * @param headerRow a fixed 1-based row number of the header; when absent, the header row
 * is the first row among the first {@code headerSearchRows} rows that holds the ID
 * column's header
 * @param headerSearchRows how many rows from the top are searched for the header
 * @param skipRowsStartingWith a row whose first non-empty cell starts with one of these
 * is a note or totals row: neither loaded nor rejected
 * @param trailer text files only: the first cell of a trailer line
 * {@code <trailer><delimiter><n>} closing the file, where n is the number of data lines;
 * a missing trailer or a wrong count refuses the whole file as unreadable (it was cut
 * off)
 * @param mappings what the partner's tables load into; a table (a text file, or an xlsx
 * sheet) is recognised by its header: the first mapping whose required columns are all in
 * the header is used
 */
public record PartnerSettings(@DefaultValue("csv") @NotNull Format format,
		@DefaultValue("auto") @NotBlank String encoding, String delimiter, @Min(1) Integer headerRow,
		@DefaultValue("10") @Min(1) @Max(100) int headerSearchRows, @DefaultValue( {
				"制表", "填表", "备注", "说明", "合计", "总计", "小计" }) List<String> skipRowsStartingWith,
		String trailer, @NotEmpty List<@Valid @NotNull Mapping> mappings){

	/** The value of {@code encoding} that asks for detection by content. */
	public static final String AUTO = "auto";

	public boolean autoEncoding() {
		return AUTO.equalsIgnoreCase(this.encoding);
	}

	/** How a partner file is laid out. */
	public enum Format {

		/** RFC 4180 CSV: comma separated, double quotes. */
		CSV,

		/**
		 * Plain text lines split on a configured delimiter, no quoting (old HIS exports).
		 */
		DELIMITED,

		/** An Excel workbook; every sheet whose header matches a mapping is read. */
		XLSX;

		public boolean isText() {
			return this != XLSX;
		}

	}

	/**
	 * One kind of table the partner sends and the fact table it loads into.
	 *
	 * @param target the fact: medical_service, insurance_policy or insurance_claim
	 * @param fields target field (e.g. {@code service-date}) to the column that holds it
	 * @param recordKey the target fields whose values identify a record; one field: its
	 * value is the key; several: a SHA-256 of their normalized values. Defaults to the
	 * target's natural key (serial-no, policy-no, claim-no)
	 */
	public record Mapping(@NotNull Target target, @NotEmpty Map<String, @Valid @NotNull Field> fields,
			List<String> recordKey) {

		public Mapping

		{
			fields = (fields != null) ? new LinkedHashMap<>(fields) : null;
		}

		/** The configured key fields, or the target's natural key. */
		public List<String> keyFields() {
			return (this.recordKey != null && !this.recordKey.isEmpty()) ? this.recordKey : this.target.naturalKeys();
		}

	}

	/**
	 * Where one target field is in the partner's table.
	 *
	 * @param column the header text of the column (compared without spaces)
	 * @param type the value type; defaults to the target field's type and must agree with
	 * it
	 * @param format dates only: a {@link java.time.format.DateTimeFormatter} pattern such
	 * as {@code yyyyMMdd}; without it the usual forms (2026-01-05, 2026/1/5, 2026年1月5日,
	 * 20260105, Excel dates) are read
	 * @param required an empty value rejects the row (missing_required); defaults to the
	 * target field's rule and cannot be switched off for a field the warehouse needs
	 */
	public record Field(@NotBlank String column, FieldType type, String format, Boolean required) {

	}

	/** The value types of a partner column. */
	public enum FieldType {

		TEXT, NAME, ID_CARD, DATE, AMOUNT,
		/**
		 * A whole number of at least 0 (people, posts, a year); 12.0 as Excel stores it
		 * is 12.
		 */
		COUNT,
		/**
		 * Yes or no, stored as 是 or 否; read from 是/否, √/×, Y/N, 有/无, 1/0 and the forms a
		 * mapping adds.
		 */
		FLAG,
		/**
		 * A town of the city (ref.town), stored as its full name: written in full or
		 * short (沙坪 is 沙坪街道 in 鹤山). A county source's towns must be of its county, a
		 * partner's are looked up city-wide; a town not found refuses the row as
		 * {@code unknown_town}.
		 */
		TOWN;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * A target field of a fact table: its name in the configuration, its column, type and
	 * rule; {@code values}, when not empty, are the only values a text field takes
	 * (canonical value to its other written forms; anything else is {@code bad_value}).
	 */
	public record TargetField(String name, String column, FieldType type, boolean required,
			Map<String, List<String>> values, Implied implied) {

		public TargetField(String name, String column, FieldType type, boolean required) {
			this(name, column, type, required, Map.of(), null);
		}

		public TargetField(String name, String column, FieldType type, boolean required,
				Map<String, List<String>> values) {
			this(name, column, type, required, values, null);
		}

		/**
		 * The same field whose value, when a row leaves it empty, follows from whether
		 * another field of the row is given ({@link Implied}).
		 */
		TargetField impliedBy(String field, String whenGiven, String whenEmpty) {
			return new TargetField(this.name, this.column, this.type, this.required, this.values,
					new Implied(field, whenGiven, whenEmpty));
		}

		/**
		 * A coded text field: only the canonical values of {@code values} (or one of
		 * their written forms, stored as the canonical value) are accepted, anything else
		 * refuses the row as {@code bad_value}.
		 */
		static TargetField coded(String name, String column, boolean required, ValueSynonyms values) {
			return new TargetField(name, column, FieldType.TEXT, required, values.asMap());
		}

		/**
		 * Whether the warehouse stores it (the name is read for checks and feedback
		 * only).
		 */
		public boolean stored() {
			return this.column != null;
		}

	}

	/**
	 * A coded field that another field of the row implies (悬挂情况 by 悬挂日期): left empty, its
	 * value is {@code whenGiven} if that field has a value and {@code whenEmpty} if not;
	 * stated {@code whenEmpty} while that field has a value, the row contradicts itself
	 * and is refused as {@code bad_value}.
	 *
	 * @param field the target field whose presence decides
	 * @param whenGiven the canonical value when it is given
	 * @param whenEmpty the canonical value when it is not
	 */
	public record Implied(String field, String whenGiven, String whenEmpty) {

	}

	/** Canonical values and their forms, in the order given (for reasons). */
	private static Map<String, List<String>> ordered(String first, List<String> firstForms, String second,
			List<String> secondForms) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		values.put(first, firstForms);
		values.put(second, secondForms);
		return values;
	}

	/** The target field that links a fact to its person. */
	public static final String ID_CARD_FIELD = "id-card";

	/** The fact tables a partner can feed, with their fields. */
	public enum Target {

		MEDICAL_SERVICE("dw.medical_service", "serial-no", "record_key",
				new TargetField("serial-no", null, FieldType.TEXT, false),
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				new TargetField("service-date", "service_date", FieldType.DATE, true),
				new TargetField("department", "department", FieldType.TEXT, false),
				new TargetField("item", "item", FieldType.TEXT, false),
				new TargetField("fee", "fee", FieldType.AMOUNT, false),
				new TargetField("discount", "discount", FieldType.AMOUNT, false)),

		INSURANCE_POLICY("dw.insurance_policy", "policy-no", "policy_no",
				new TargetField("policy-no", null, FieldType.TEXT, true),
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				new TargetField("start-date", "start_date", FieldType.DATE, true),
				new TargetField("end-date", "end_date", FieldType.DATE, true),
				new TargetField("premium", "premium", FieldType.AMOUNT, false),
				new TargetField("sum-insured", "sum_insured", FieldType.AMOUNT, false)),

		INSURANCE_CLAIM("dw.insurance_claim", "claim-no", "claim_no",
				new TargetField("claim-no", null, FieldType.TEXT, true),
				new TargetField("policy-no", "policy_no", FieldType.TEXT, true),
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				new TargetField("incident-date", "incident_date", FieldType.DATE, false),
				new TargetField("closed-date", "closed_date", FieldType.DATE, false),
				new TargetField("cause", "cause", FieldType.TEXT, false),
				new TargetField("paid-amount", "paid_amount", FieldType.AMOUNT, false)),

		// The bureau's lines of work (issue 15), see docs/warehouse.md "Employment and
		// training".

		/** 招聘会: one row per job fair, about no person. */
		JOB_FAIR("dw.job_fair", List.of("fair-date", "fair-name"), "record_key", true,
				new TargetField("fair-date", "fair_date", FieldType.DATE, true),
				new TargetField("fair-name", "fair_name", FieldType.TEXT, false),
				new TargetField("county", "county_name", FieldType.TEXT, false),
				new TargetField("venue", "venue", FieldType.TEXT, false),
				new TargetField("employers", "employers", FieldType.COUNT, false),
				new TargetField("posts", "posts", FieldType.COUNT, false),
				new TargetField("attendees", "attendees", FieldType.COUNT, false),
				new TargetField("intentions", "intentions", FieldType.COUNT, false)),

		/** 推荐就业: one row per person and date of placement. */
		JOB_PLACEMENT("dw.job_placement", List.of("id-card", "placement-date"), "record_key", true,
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				new TargetField("placement-date", "placement_date", FieldType.DATE, true),
				new TargetField("employer", "employer", FieldType.TEXT, false),
				new TargetField("post", "post", FieldType.TEXT, false),
				new TargetField("placement-kind", "placement_kind", FieldType.TEXT, false),
				new TargetField("college-soldier", "college_soldier", FieldType.FLAG, false),
				new TargetField("intends-work", "intends_work", FieldType.FLAG, false),
				new TargetField("employed", "employed", FieldType.FLAG, false)),

		/** 适应性培训: one row per person and year. */
		ADAPTIVE_TRAINING("dw.adaptive_training", List.of("id-card", "training-year"), "record_key", true,
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				new TargetField("training-year", "training_year", FieldType.COUNT, true),
				new TargetField("training-date", "training_date", FieldType.DATE, false),
				new TargetField("hours", "hours", FieldType.COUNT, false),
				new TargetField("completed", "completed", FieldType.FLAG, false)),

		/** 技能培训: one row per participant of a course session. */
		SKILLS_TRAINING("dw.skills_training", List.of("id-card", "course", "session"), "record_key", true,
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				new TargetField("course", "course", FieldType.TEXT, true),
				new TargetField("session", "session", FieldType.TEXT, true),
				new TargetField("start-date", "start_date", FieldType.DATE, true),
				new TargetField("end-date", "end_date", FieldType.DATE, false),
				new TargetField("school", "school", FieldType.TEXT, false),
				new TargetField("certified", "certified", FieldType.FLAG, false)),

		/** 学历提升: one row per person and level (中职, 高职). */
		DEGREE_UPGRADE("dw.degree_upgrade", List.of("id-card", "level"), "record_key", true,
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				new TargetField("level", "level", FieldType.TEXT, true,
						ordered("中职", List.of("中专", "中职学历", "中等职业教育"), "高职",
								List.of("大专", "高职学历", "高职（大专）", "高等职业教育"))),
				new TargetField("school", "school", FieldType.TEXT, false),
				new TargetField("major", "major", FieldType.TEXT, false),
				new TargetField("enrol-date", "enrol_date", FieldType.DATE, true),
				new TargetField("graduated", "graduated", FieldType.FLAG, false)),

		// issue 15, pairing assistance, legal aid and village cadres: tables that keep
		// file, sheet and row (V90, docs/warehouse.md)

		/** A pair of helper and veteran in difficulty (手拉手帮战友). */
		PAIRING("dw.pairing", "pair-no", "pair_no", true, new TargetField("pair-no", null, FieldType.TEXT, true),
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				new TargetField("helper-name", "helper_name", FieldType.NAME, true),
				new TargetField("helper-id-card", "helper_id_card", FieldType.ID_CARD, false),
				new TargetField("helper-unit", "helper_unit", FieldType.TEXT, false),
				new TargetField("paired-date", "paired_date", FieldType.DATE, true),
				new TargetField("difficulty", "difficulty", FieldType.TEXT, false)),

		/** A problem solved for a veteran in difficulty, by kind. */
		PAIRING_SOLVED("dw.pairing_solved", "record-no", "record_key", true,
				new TargetField("record-no", null, FieldType.TEXT, false),
				new TargetField("pair-no", "pair_no", FieldType.TEXT, false),
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				TargetField.coded("kind", "kind", true, Vocabularies.PAIRING_KINDS),
				new TargetField("solved-date", "solved_date", FieldType.DATE, true),
				new TargetField("content", "content", FieldType.TEXT, false)),

		/** A legal-aid station (法律援助工作站), about no person. */
		LEGAL_AID_STATION("dw.legal_aid_station", "station-name", "station_name", true,
				new TargetField("station-name", null, FieldType.TEXT, true),
				new TargetField("town", "town", FieldType.TEXT, true),
				new TargetField("village", "village", FieldType.TEXT, false),
				new TargetField("address", "address", FieldType.TEXT, false),
				new TargetField("established-date", "established_date", FieldType.DATE, false)),

		/** A legal-aid case accepted for a person. */
		LEGAL_AID_CASE("dw.legal_aid_case", "case-no", "case_no", true,
				new TargetField("case-no", null, FieldType.TEXT, true),
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				new TargetField("accepted-date", "accepted_date", FieldType.DATE, true),
				new TargetField("case-kind", "case_kind", FieldType.TEXT, false),
				TargetField.coded("judicial-aid", "judicial_aid", false, Vocabularies.YES_NO),
				new TargetField("aid-amount", "aid_amount", FieldType.AMOUNT, false),
				new TargetField("station-name", "station_name", FieldType.TEXT, false)),

		/** A veteran serving as a village cadre (村两委干部). */
		VILLAGE_CADRE("dw.village_cadre", "id-card", "record_key", true,
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				new TargetField("town", "town", FieldType.TEXT, false),
				new TargetField("village", "village", FieldType.TEXT, true),
				new TargetField("post", "post", FieldType.TEXT, true),
				TargetField.coded("education", "education", false, Vocabularies.EDUCATION),
				new TargetField("term-start", "term_start", FieldType.DATE, false),
				new TargetField("term-end", "term_end", FieldType.DATE, false)),

		// issue 15, volunteers and service stations (V97, docs/warehouse.md): tables that
		// keep file, sheet and row and a county_code; a town is a town field (TOWN,
		// resolved when a row is mapped) whose county gives the row's (PlaceCheck,
		// checksPlace()).

		/** A volunteer team (侨都星火志愿服务队), about no person. */
		VOLUNTEER_TEAM("dw.volunteer_team", List.of("team-name"), "record_key", true,
				new TargetField("team-name", "team_name", FieldType.TEXT, true),
				new TargetField("county", "county_name", FieldType.TEXT, false),
				new TargetField("town", "town", FieldType.TOWN, false),
				new TargetField("founded-date", "founded_date", FieldType.DATE, false)),

		/** A veteran registered as a volunteer of a team. */
		VOLUNTEER("dw.volunteer", List.of("id-card", "team-name"), "record_key", true,
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				new TargetField("team-name", "team_name", FieldType.TEXT, true),
				new TargetField("joined-date", "joined_date", FieldType.DATE, false)),

		/** A volunteer activity of a team, about no person. */
		VOLUNTEER_ACTIVITY("dw.volunteer_activity", List.of("activity-date", "team-name", "title"), "record_key", true,
				new TargetField("activity-date", "activity_date", FieldType.DATE, true),
				new TargetField("team-name", "team_name", FieldType.TEXT, true),
				new TargetField("title", "title", FieldType.TEXT, true),
				new TargetField("kind", "kind", FieldType.TEXT, false),
				new TargetField("county", "county_name", FieldType.TEXT, false),
				new TargetField("town", "town", FieldType.TOWN, false),
				new TargetField("person-times", "person_times", FieldType.COUNT, false),
				new TargetField("beneficiaries", "beneficiaries", FieldType.COUNT, false)),

		/**
		 * A service centre or station of the four-level network, reference data about no
		 * person; its record key is its place (level, county, town, village), set by
		 * {@code PlaceCheck} whatever key is configured.
		 */
		SERVICE_STATION("dw.service_station", List.of("station-name"), "record_key", true,
				TargetField.coded("level", "level", true, Vocabularies.STATION_LEVELS),
				new TargetField("station-name", "station_name", FieldType.TEXT, true),
				new TargetField("county", "county_name", FieldType.TEXT, false),
				new TargetField("town", "town", FieldType.TOWN, false),
				new TargetField("village", "village", FieldType.TEXT, false),
				new TargetField("address", "address", FieldType.TEXT, false),
				new TargetField("phone", "phone", FieldType.TEXT, false),
				new TargetField("established-date", "established_date", FieldType.DATE, false)),

		// issue 15, honour plaques (光荣牌): V80, partner_id added by V99
		// (docs/warehouse.md)

		/**
		 * An honour plaque of a person's household: 悬挂情况 follows from 悬挂日期 when left
		 * empty.
		 */
		HONOUR_PLAQUE("dw.honour_plaque", List.of("plaque-no"), "plaque_no", true,
				new TargetField("plaque-no", null, FieldType.TEXT, true),
				new TargetField("id-card", "id_card", FieldType.ID_CARD, true),
				new TargetField("name", null, FieldType.NAME, false),
				TargetField.coded("status", "status", false, Vocabularies.PLAQUE_STATUS)
					.impliedBy("hung-date", "已悬挂", "未悬挂"),
				new TargetField("hung-date", "hung_date", FieldType.DATE, false),
				new TargetField("town", "town", FieldType.TOWN, false),
				new TargetField("village", "village", FieldType.TEXT, false),
				new TargetField("notes", "notes", FieldType.TEXT, false));

		private final String table;

		private final String naturalKey;

		private final String keyColumn;

		private final List<TargetField> fields;

		private final boolean keepsOrigin;

		private final List<String> naturalKeys;

		private final boolean hasCounty;

		Target(String table, String naturalKey, String keyColumn, TargetField... fields) {
			this(table, naturalKey, keyColumn, false, fields);
		}

		/**
		 * @param keepsOrigin whether the table has the columns {@code file_name, sheet,
		 * row_number}, filled with where each row was read
		 */
		Target(String table, String naturalKey, String keyColumn, boolean keepsOrigin, TargetField... fields) {
			this(table, List.of(naturalKey), keyColumn, keepsOrigin, false, fields);
		}

		/**
		 * A table of the lines of work (issue 15) that has a {@code county_code} column,
		 * the county of the county source that reported a row, and keeps where each row
		 * was read.
		 * @param naturalKeys the fields whose values identify a record when no
		 * {@code record-key} is configured
		 */
		Target(String table, List<String> naturalKeys, String keyColumn, boolean keepsOrigin, TargetField... fields) {
			this(table, naturalKeys, keyColumn, keepsOrigin, keepsOrigin, fields);
		}

		Target(String table, List<String> naturalKeys, String keyColumn, boolean keepsOrigin, boolean hasCounty,
				TargetField... fields) {
			this.hasCounty = hasCounty;
			this.table = table;
			this.naturalKey = naturalKeys.get(0);
			this.naturalKeys = naturalKeys;
			this.keyColumn = keyColumn;
			this.keepsOrigin = keepsOrigin;
			this.fields = List.of(fields);
		}

		/** The fields that are the key when none is configured (one or more). */
		public List<String> naturalKeys() {
			return this.naturalKeys;
		}

		/**
		 * Whether the table has a {@code county_code} column, filled with the county of a
		 * county source (NULL for a partner, whose rows name their county or take their
		 * person's): the tables of employment and training do (V87).
		 */
		public boolean hasCounty() {
			return this.hasCounty;
		}

		/**
		 * Whether a row keeps where it was read: the table has {@code file_name, sheet,
		 * row_number} (null for a database source, which has no file).
		 */
		public boolean keepsOrigin() {
			return this.keepsOrigin;
		}

		/**
		 * Whether its facts concern a person: it has an {@code id-card} field. A fact of
		 * a target that does not (a job fair) is loaded without a person check and never
		 * waits.
		 */
		public boolean personal() {
			return field(ID_CARD_FIELD).isPresent();
		}

		/**
		 * Whether a row's place is checked when it is loaded (the volunteer and station
		 * tables, V97, {@code PlaceCheck}): its written county against its town's
		 * (already resolved as a {@link FieldType#TOWN} field when the row was mapped)
		 * and the source's, its {@code county_code} from its town, and a station's place.
		 */
		public boolean checksPlace() {
			return this == VOLUNTEER_TEAM || this == VOLUNTEER_ACTIVITY || this == SERVICE_STATION;
		}

		/**
		 * The fields of a station's place (county and village as written, the resolved
		 * town), hashed into the record key with the key fields, so that two stations of
		 * one name in two villages are two records of a file; the loader then keys the
		 * station by its canonical place ({@code PlaceCheck}). Empty for every other
		 * target.
		 */
		public List<String> placeKeyFields() {
			return (this == SERVICE_STATION) ? List.of("county", "town", "village") : List.of();
		}

		/** The warehouse table, e.g. {@code dw.medical_service}. */
		public String table() {
			return this.table;
		}

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The target field that is the key when none is configured. */
		public String naturalKey() {
			return this.naturalKey;
		}

		/** The table column that holds the record key (unique with partner_id). */
		public String keyColumn() {
			return this.keyColumn;
		}

		public List<TargetField> fields() {
			return this.fields;
		}

		public Optional<TargetField> field(String name) {
			return this.fields.stream().filter((f) -> f.name().equals(name)).findFirst();
		}

		public String fieldNames() {
			return String.join(", ", this.fields.stream().map(TargetField::name).toList());
		}

		static String codes() {
			return String.join(", ", Arrays.stream(values()).map(Target::code).toList());
		}

	}

	/**
	 * The values of the coded fields of the targets, canonical as the warehouse's CHECK
	 * constraints (V90) have them, with the forms sheets write.
	 */
	static final class Vocabularies {

		/** 帮扶解决问题的类别 of dw.pairing_solved.kind. */
		static final ValueSynonyms PAIRING_KINDS = vocabulary("思想", "思想帮扶,思想类,心理疏导", "学业", "学业帮扶,助学", "就业", "就业帮扶,推荐就业",
				"创业", "创业帮扶,创业扶持", "解困", "解困帮扶,生活解困,帮困", "维权", "维权帮扶,权益维护,法律维权", "健康", "健康帮扶,医疗帮扶,就医");

		/** 是否 of dw.legal_aid_case.judicial_aid. */
		static final ValueSynonyms YES_NO = vocabulary("是", "Y,y,YES,yes,1,√,有", "否", "N,n,NO,no,0,×,无");

		/** 文化程度 of dw.village_cadre.education. */
		static final ValueSynonyms EDUCATION = vocabulary("研究生", "硕士,博士,硕士研究生,博士研究生,研究生及以上", "本科", "大学本科,大学", "大专",
				"专科,大学专科,高职", "高中/中专", "高中,中专,中技,职高,技校,中职,高中（中专）,高中及中专", "初中及以下", "初中,小学,文盲,初中以下");

		/** 层级 of dw.service_station.level (V97). */
		static final ValueSynonyms STATION_LEVELS = vocabulary("市级", "市,市级中心,市级服务中心", "县级",
				"县,县（市、区）级,县(市、区)级,县区级,区级,县级中心,县级服务中心", "镇级", "镇,镇（街道）级,镇(街道)级,镇街级,街道级,乡镇级,镇级服务站", "村级",
				"村,村（社区）级,村(社区)级,社区级,村居级,村级服务站");

		/** 悬挂情况 of dw.honour_plaque.status. */
		static final ValueSynonyms PLAQUE_STATUS = vocabulary("已悬挂", "已挂,是,已安装,√,✓", "未悬挂", "未挂,否,未安装,×,✗");

		/**
		 * Canonical values in their order, each followed by its comma-separated forms.
		 */
		private static ValueSynonyms vocabulary(String... canonicalAndForms) {
			Map<String, List<String>> values = new LinkedHashMap<>();
			for (int i = 0; i < canonicalAndForms.length; i += 2) {
				values.put(canonicalAndForms[i], List.of(canonicalAndForms[i + 1].split(",")));
			}
			return new ValueSynonyms(values);
		}

		private Vocabularies() {
		}

	}

}
