package cn.jiangmen.vethub.county;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The columns a county sheet may have, with the header texts known out of the box. IT
 * staff add more texts in configuration ({@code hub.county.headers.<key>}); a sheet whose
 * header names {@link #AMOUNT} is a payment sheet, any other sheet with an ID column is a
 * roster (unless its header is of a configured kind, {@code hub.county.sheets}, such as
 * the honour plaque sheet).
 */
enum CountyField {

	ID_CARD("id-card", "身份证号码", "公民身份号码", "身份证号", "证件号码", "身份证"), NAME("name", "姓名"), GENDER("gender", "性别"),
	BIRTH_DATE("birth-date", "出生日期"), BIRTH_MONTH("birth-month", "出生年月"),
	ENLIST_DATE("enlist-date", "入伍时间", "入伍日期", "入伍年月"),
	DISCHARGE_DATE("discharge-date", "退伍时间", "退役时间", "退伍日期", "退役日期", "退伍年月"),
	PHONE("phone", "联系电话", "手机号码", "手机号", "电话"), TOWN("town", "所属镇街", "镇（街）", "镇街", "镇(街道)", "所属镇(街)"),
	VILLAGE("village", "村（社区）", "村(居)", "村居", "所属村（社区）"), POLITICAL_STATUS("political-status", "政治面貌"),
	CATEGORY("category", "人员类别"), ASSISTANCE_CATEGORY("assistance-category", "救助类别"),
	AMOUNT("amount", "救助金额（元）", "救助金额", "发放金额（元）", "发放金额"), PAID_DATE("paid-date", "发放日期", "发放时间"),
	HANDLER("handler", "经办人");

	private final String key;

	private final List<String> defaults;

	CountyField(String key, String... defaults) {
		this.key = key;
		this.defaults = List.of(defaults);
	}

	/**
	 * The key in configuration and in {@link cn.jiangmen.vethub.ingest.HeaderSynonyms}.
	 */
	String key() {
		return this.key;
	}

	static Optional<CountyField> ofKey(String key) {
		return Arrays.stream(values()).filter((f) -> f.key.equals(key)).findFirst();
	}

	/** The built-in header texts plus the configured ones, by field key. */
	static Map<String, List<String>> synonyms(Map<String, List<String>> configured) {
		Map<String, List<String>> all = new LinkedHashMap<>();
		for (CountyField f : values()) {
			List<String> texts = new java.util.ArrayList<>(f.defaults);
			List<String> extra = configured.getOrDefault(f.key, List.of());
			extra.stream().filter((t) -> !texts.contains(t)).forEach(texts::add);
			all.put(f.key, texts);
		}
		return all;
	}

}
