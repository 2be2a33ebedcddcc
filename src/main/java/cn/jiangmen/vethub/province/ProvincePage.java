package cn.jiangmen.vethub.province;

import java.util.List;
import java.util.Map;

/**
 * One page of the API's MyBatis-Plus envelope. {@code size} is what the server actually
 * used, which may be less than what was asked for.
 *
 * @param records the records, field to text value (JSON null stays null), in the server's
 * order
 * @param total records matching the query when the page was made
 * @param size the page size the server used
 * @param current the page number, from 1
 * @param pages number of pages
 */
record ProvincePage(List<Map<String, String>> records, long total, int size, long current, long pages) {

	/** Whether this is the last page of the query: fewer records than the page size. */
	boolean isLast() {
		return this.records.size() < this.size || this.size <= 0;
	}

}
