package cn.jiangmen.vethub.ops;

/**
 * Masks personal data for logs, error messages, feedback files and read-only users. Pure
 * functions.
 */
public final class PersonalDataMask {

	private PersonalDataMask() {
	}

	/**
	 * ID numbers keep their first 6 and last 4 characters: {@code 440703********123X}. A
	 * value too short to be an ID (a mangled one, say) keeps no more than its first half.
	 */
	public static String idCard(String id) {
		if (id == null || id.isEmpty()) {
			return id;
		}
		int n = id.codePointCount(0, id.length());
		if (n < 15) {
			int keep = Math.min(6, n / 2);
			int cut = id.offsetByCodePoints(0, keep);
			return id.substring(0, cut) + "*".repeat(n - keep);
		}
		int start = id.offsetByCodePoints(0, 6);
		int end = id.offsetByCodePoints(0, n - 4);
		return id.substring(0, start) + "*".repeat(n - 10) + id.substring(end);
	}

	/**
	 * Names keep their first character: {@code 李**}. Characters outside the BMP count as
	 * one.
	 */
	public static String name(String name) {
		if (name == null || name.isEmpty()) {
			return name;
		}
		int n = name.codePointCount(0, name.length());
		int first = name.offsetByCodePoints(0, 1);
		return name.substring(0, first) + "*".repeat(Math.max(1, n - 1));
	}

	/** Phones keep their first 3 and last 4 digits: {@code 138****6789}. */
	public static String phone(String phone) {
		if (phone == null || phone.isEmpty()) {
			return phone;
		}
		if (phone.length() <= 7) {
			return "*".repeat(phone.length());
		}
		return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
	}

}
