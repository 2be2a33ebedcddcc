package cn.jiangmen.vethub.console;

import java.util.List;

import cn.jiangmen.vethub.console.ConsoleQueries.RejectedRowView;
import cn.jiangmen.vethub.ops.ColumnRoles;
import cn.jiangmen.vethub.ops.FieldLabels;
import cn.jiangmen.vethub.ops.PersonalColumns;
import cn.jiangmen.vethub.ops.RawValueLabels;

import org.springframework.stereotype.Component;

/**
 * A run's rejected rows as a person may see them, for the run page and its XLSX export
 * alike: masked by the roles of the source's columns (every VIEWER, and an ADMIN who has
 * not asked for full values), laid out in {@link RejectTables} with the source's field
 * labels.
 */
@Component
class RunRejects {

	private final ConsoleQueries queries;

	private final PersonalColumns personalColumns;

	private final RawValueLabels labels;

	RunRejects(ConsoleQueries queries, PersonalColumns personalColumns, RawValueLabels labels) {
		this.queries = queries;
		this.personalColumns = personalColumns;
		this.labels = labels;
	}

	/**
	 * Rows of a run in the page's order.
	 * @param full whether the caller may and asked to see full values (an ADMIN's unmask,
	 * logged by the caller)
	 */
	List<RejectedRowView> rows(long runId, String sourceId, String reason, long offset, int limit, boolean full) {
		List<RejectedRowView> rows = this.queries.rejectedRows(runId, reason, offset, limit);
		if (full) {
			return rows;
		}
		ColumnRoles roles = this.personalColumns.of(sourceId);
		return rows.stream().map((r) -> r.masked(this.personalColumns, roles)).toList();
	}

	/** The rows as tables, with the source's field labels. */
	List<RejectTables.Table> tables(String sourceId, List<RejectedRowView> rows) {
		return RejectTables.of(rows, labels(sourceId));
	}

	FieldLabels labels(String sourceId) {
		return this.labels.of(sourceId);
	}

}
