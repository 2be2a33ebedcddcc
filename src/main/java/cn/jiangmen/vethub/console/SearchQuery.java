package cn.jiangmen.vethub.console;

import java.util.Locale;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.normalize.IdCard;
import cn.jiangmen.vethub.normalize.IdCardNormalizer;
import cn.jiangmen.vethub.normalize.Normalized;
import cn.jiangmen.vethub.normalize.Text;
import cn.jiangmen.vethub.ops.PersonalDataMask;

/**
 * What a search box was given: an ID number (18 characters, a lower-case {@code x}, the
 * old 15-digit form converted to 18, grouped by spaces or typed with full-width digits:
 * all as {@link IdCardNormalizer} reads IDs), a run number ({@code 123} or {@code #123}),
 * or text (a name or part of a file name). Something that looks like an ID number but is
 * not a valid one is said so, with the reason and the number masked. Pure.
 *
 * @param kind what was asked for
 * @param text the text as searched (an ID: normalized; a run: its number; text: stripped)
 * @param problem for {@link Kind#BAD_ID}: why the number is not an ID (masked)
 */
record SearchQuery(Kind kind, String text, String problem) {

	private static final Pattern RUN = Pattern.compile("#?[0-9]{1,12}");

	private static final Pattern OLD_15 = Pattern.compile("[0-9]{15}");

	private static final Pattern ID_LIKE = Pattern.compile("[0-9]{14,}[0-9Xx]?");

	/** What a query is. */
	enum Kind {

		ID_CARD, RUN, TEXT, BAD_ID, EMPTY

	}

	static SearchQuery parse(String input) {
		String compact = (input == null) ? "" : Text.compact(input);
		if (compact.isEmpty()) {
			return new SearchQuery(Kind.EMPTY, "", null);
		}
		if (RUN.matcher(compact).matches()) {
			return new SearchQuery(Kind.RUN, compact.replace("#", ""), null);
		}
		if (OLD_15.matcher(compact).matches()) {
			compact = eighteen(compact);
		}
		if (ID_LIKE.matcher(compact).matches()) {
			Normalized<IdCard> id = IdCardNormalizer.normalize(compact);
			return id.isOk() ? new SearchQuery(Kind.ID_CARD, id.value().number(), null) : new SearchQuery(Kind.BAD_ID,
					PersonalDataMask.idCard(compact.toUpperCase(Locale.ROOT)), id.detail());
		}
		return new SearchQuery(Kind.TEXT, input.strip(), null);
	}

	/**
	 * The 18-character form of an old 15-digit ID number: the century 19 inserted before
	 * the birth date, and the check digit computed.
	 */
	static String eighteen(String old15) {
		String first17 = old15.substring(0, 6) + "19" + old15.substring(6);
		return first17 + IdCardNormalizer.checkDigit(first17);
	}

	/** The query as it may be shown and logged: an ID number masked. */
	String shown() {
		return (this.kind == Kind.ID_CARD) ? PersonalDataMask.idCard(this.text) : PersonalDataMask.text(this.text);
	}

}
