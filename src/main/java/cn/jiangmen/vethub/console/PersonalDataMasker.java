package cn.jiangmen.vethub.console;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.ops.PersonalDataMask;

/**
 * Masks the raw values of a rejected row for display. A rejected row keeps the values as
 * they arrived, under the sender's own headers, so a column is recognised by its header
 * (身份证号码, 姓名, 联系电话, and the provincial API's field names) and, whatever its header, any
 * value that looks like an ID number or a mobile number is masked as one. Pure logic.
 */
final class PersonalDataMasker {

	private static final Pattern ID_HEADER = Pattern.compile(".*(身份证|证件号|公民身份|idcard|id_card|idno|sfzh|zjhm).*");

	private static final Pattern NAME_HEADER = Pattern.compile(".*(姓名|名字|^name$|^xm$|fullname|full_name).*");

	private static final Pattern PHONE_HEADER = Pattern
		.compile(".*(电话|手机|联系方式|phone|mobile|^tel$|telephone|lxdh|sjhm).*");

	/**
	 * 15 or 18 characters of an ID, also when a spreadsheet turned it into a number like
	 * 4.40703E+17.
	 */
	private static final Pattern ID_VALUE = Pattern.compile("\\d{15}|\\d{17}[\\dXx]|\\d(\\.\\d+)?[Ee]\\+?1[4-7]");

	private static final Pattern PHONE_VALUE = Pattern.compile("\\+?(86)?-?1[3-9]\\d[- ]?\\d{4}[- ]?\\d{4}");

	Map<String, Object> maskRow(Map<String, Object> raw) {
		if (raw == null) {
			return Map.of();
		}
		Map<String, Object> masked = new LinkedHashMap<>();
		raw.forEach((header, value) -> masked.put(header, mask(header, value)));
		return masked;
	}

	Object mask(String header, Object value) {
		if (value == null) {
			return null;
		}
		String text = String.valueOf(value).strip();
		if (text.isEmpty()) {
			return value;
		}
		String h = (header != null) ? header.strip().toLowerCase(Locale.ROOT) : "";
		if (ID_HEADER.matcher(h).matches() || ID_VALUE.matcher(text).matches()) {
			return PersonalDataMask.idCard(text);
		}
		if (PHONE_HEADER.matcher(h).matches() || PHONE_VALUE.matcher(text).matches()) {
			return PersonalDataMask.phone(text);
		}
		if (NAME_HEADER.matcher(h).matches()) {
			return PersonalDataMask.name(text);
		}
		return value;
	}

}
