package cn.jiangmen.vethub.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.jiangmen.vethub.normalize.RawCell;

/**
 * Finds the header row of a sheet: the first of its first rows (10 by default) that holds
 * a cell naming the key field (for people, the ID number: 身份证号码, 公民身份号码, 身份证号, 证件号码).
 * Title rows above it are ignored; a sheet without such a row (说明, 字典) has no header and
 * is skipped by the caller.
 */
public final class HeaderLocator {

	/** How many leading rows may hold the header. */
	public static final int DEFAULT_SEARCH_ROWS = 10;

	private final HeaderSynonyms synonyms;

	private final String keyField;

	private final int searchRows;

	public HeaderLocator(HeaderSynonyms synonyms, String keyField) {
		this(synonyms, keyField, DEFAULT_SEARCH_ROWS);
	}

	public HeaderLocator(HeaderSynonyms synonyms, String keyField, int searchRows) {
		if (synonyms.synonymsOf(keyField).isEmpty()) {
			throw new IllegalArgumentException("No header synonyms for the key field '" + keyField + "'");
		}
		this.synonyms = synonyms;
		this.keyField = keyField;
		this.searchRows = searchRows;
	}

	public int searchRows() {
		return this.searchRows;
	}

	/** The row read as a header, if it names the key field. */
	public Optional<Header> asHeader(SourceRow row) {
		List<String> texts = new ArrayList<>(row.cells().size());
		Map<String, Integer> columns = new LinkedHashMap<>();
		for (int c = 0; c < row.cells().size(); c++) {
			RawCell cell = row.cells().get(c);
			String text = (cell.text() != null) ? cell.text() : "";
			texts.add(text);
			int column = c;
			this.synonyms.fieldOf(text).ifPresent((field) -> columns.putIfAbsent(field, column));
		}
		if (!columns.containsKey(this.keyField)) {
			return Optional.empty();
		}
		return Optional.of(new Header(row.rowNumber(), texts, columns));
	}

}
