package cn.jiangmen.vethub.ingest;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which header texts name which field, e.g. {@code phone: [联系电话, 手机号码]}. The table comes
 * from configuration so that IT staff can add a county's wording without code; matching
 * is tolerant of whitespace, line breaks and full-width brackets (see
 * {@link HeaderText}). A header text may name only one field.
 */
public final class HeaderSynonyms {

	private final Map<String, String> fieldByKey = new HashMap<>();

	private final Map<String, List<String>> synonyms;

	public HeaderSynonyms(Map<String, ? extends Collection<String>> synonymsByField) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		synonymsByField.forEach((field, texts) -> {
			copy.put(field, List.copyOf(texts));
			for (String text : texts) {
				String key = HeaderText.key(text);
				String previous = this.fieldByKey.putIfAbsent(key, field);
				if (previous != null && !previous.equals(field)) {
					throw new IllegalArgumentException(
							"Header '" + text + "' is a synonym of both '" + previous + "' and '" + field + "'");
				}
			}
		});
		this.synonyms = Map.copyOf(copy);
	}

	/** The field a header cell names, if any. */
	public Optional<String> fieldOf(String headerCell) {
		return Optional.ofNullable(this.fieldByKey.get(HeaderText.key(headerCell)));
	}

	public List<String> synonymsOf(String field) {
		return this.synonyms.getOrDefault(field, List.of());
	}

}
