package cn.jiangmen.vethub.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import cn.jiangmen.vethub.console.ConsoleQueries.RejectedRowView;
import cn.jiangmen.vethub.ops.FieldLabels;

/**
 * The rejected rows of a page of a run's detail, laid out as people read them: one table
 * per kind of record (the province's veterans and visits apart) or per sheet of a
 * workbook (a roster and a payment sheet have different columns), each with the columns
 * its own rows have, headed by their labels ({@code 姓名 (xm)}) and with coded values
 * decoded ({@code 11 退役士兵}). The rows are already masked as the viewer may see them.
 * Pure: no Spring.
 */
final class RejectTables {

	/**
	 * One table.
	 *
	 * @param title the kind of record or the sheet, null when the run has one table only
	 * and it has neither
	 * @param headings the raw columns' headings
	 * @param rows the rows with their raw values in the order of the headings
	 */
	record Table(String title, List<String> headings, List<Line> rows) {

	}

	/** A rejected row and its raw values as shown, one per heading. */
	record Line(RejectedRowView row, List<String> values) {

	}

	private RejectTables() {
	}

	static List<Table> of(List<RejectedRowView> rows, FieldLabels labels) {
		Map<String, List<RejectedRowView>> groups = new LinkedHashMap<>();
		for (RejectedRowView row : rows) {
			FieldLabels.Kind kind = labels.kindOf(row.rawValues());
			String title = (kind != null) ? kind.title() : row.sheet();
			groups.computeIfAbsent(Objects.requireNonNullElse(title, ""), (t) -> new ArrayList<>()).add(row);
		}
		List<Table> tables = new ArrayList<>();
		groups.forEach((title, group) -> {
			Set<String> fields = new LinkedHashSet<>();
			group.forEach((r) -> fields.addAll(r.rawValues().keySet()));
			List<Line> lines = new ArrayList<>(group.size());
			for (RejectedRowView r : group) {
				List<String> values = new ArrayList<>(fields.size());
				for (String field : fields) {
					values.add(labels.value(field, r.rawValues().get(field)));
				}
				lines.add(new Line(r, values));
			}
			tables.add(new Table(title.isEmpty() ? null : title, fields.stream().map(labels::heading).toList(), lines));
		});
		return tables;
	}

}
