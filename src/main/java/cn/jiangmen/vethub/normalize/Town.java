package cn.jiangmen.vethub.normalize;

/**
 * A town (镇) or sub-district (街道) of Jiangmen, as in {@code ref.town}.
 *
 * @param name the canonical full name, unique city-wide (沙坪街道)
 * @param countyCode the six-digit code of its county (440784)
 * @param shortName the name without its suffix (沙坪)
 */
public record Town(String name, String countyCode, String shortName) {

	/** A town whose short name is its full name without the 街道 or 镇 suffix. */
	public static Town of(String name, String countyCode) {
		return new Town(name, countyCode, shortNameOf(name));
	}

	/** The name without a trailing 街道 or 镇 (or 乡). */
	public static String shortNameOf(String name) {
		for (String suffix : new String[] { "街道", "镇", "乡" }) {
			if (name.endsWith(suffix) && name.length() > suffix.length()) {
				return name.substring(0, name.length() - suffix.length());
			}
		}
		return name;
	}

}
