package cn.jiangmen.vethub.ops;

import java.util.List;
import java.util.Map;

/**
 * How the raw fields of a source's records are shown to people: a field known by a code
 * (the provincial API's {@code sfzhm}, {@code rylb}) with its label, a coded value with
 * what it means, and which kind of record a row is when one source sends several (the
 * province's veterans and visits). A file's columns are shown by their own header text
 * and need none of this ({@link #NONE}). Pure: no Spring.
 *
 * @param labels field code to label, e.g. {@code xm} to {@code 姓名}
 * @param codes field code to its values' meanings, e.g. {@code xbdm}: {@code 1} to
 * {@code 男}
 * @param kinds the kinds of record, the first whose marker field a row holds is its kind;
 * a row with none of them is of the last kind listed (or of no kind when none is listed)
 */
public record FieldLabels(Map<String, String> labels, Map<String, Map<String, String>> codes, List<Kind> kinds) {

	/** For a source whose fields are shown as they are named. */
	public static final FieldLabels NONE = new FieldLabels(Map.of(), Map.of(), List.of());

	/**
	 * One kind of record.
	 *
	 * @param code a short stable name ({@code veteran}, {@code visit})
	 * @param title how a table of such records is titled
	 * @param marker a field only records of this kind hold, or null for the kind of every
	 * other record
	 */
	public record Kind(String code, String title, String marker) {

	}

	public FieldLabels {
		labels = Map.copyOf(labels);
		codes = Map.copyOf(codes);
		kinds = List.copyOf(kinds);
	}

	/**
	 * The heading of a field: its label with the code it is sent by ({@code 姓名 (xm)}), or
	 * the field as it is named when it has no label.
	 */
	public String heading(String field) {
		String label = this.labels.get(field);
		return (label != null) ? label + " (" + field + ")" : field;
	}

	/**
	 * A value as it is shown: a code with its meaning ({@code 11 退役士兵}), an unknown code
	 * or any other value as it came.
	 */
	public String value(String field, Object value) {
		if (value == null) {
			return null;
		}
		String text = String.valueOf(value);
		Map<String, String> meanings = this.codes.get(field);
		if (meanings == null) {
			return text;
		}
		String meaning = meanings.get(text.strip());
		return (meaning != null && !meaning.equals(text.strip())) ? text + " " + meaning : text;
	}

	/** The kind of a record by the fields it holds, or null when no kind is declared. */
	public Kind kindOf(Map<String, ?> fields) {
		if (this.kinds.isEmpty()) {
			return null;
		}
		for (Kind kind : this.kinds) {
			if (kind.marker() != null && fields.containsKey(kind.marker())) {
				return kind;
			}
		}
		return this.kinds.get(this.kinds.size() - 1);
	}

}
