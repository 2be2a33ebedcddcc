package cn.jiangmen.vethub.province;

import java.time.LocalDateTime;
import java.util.Set;

/**
 * High-water mark of one endpoint: every record with {@code gxsj < since} is in the
 * warehouse, and so are the records with {@code gxsj == since} whose ids are listed. Kept
 * in {@code ops.sync_mark} and advanced in the same transaction as the records it covers.
 *
 * @param since wall time in Asia/Shanghai (the API's clock), or null: nothing read yet
 * @param idsAtSince ids of the records at exactly {@code since} already loaded
 */
record SyncMark(LocalDateTime since, Set<String> idsAtSince) {

	static final SyncMark START = new SyncMark(null, Set.of());

	SyncMark {
		idsAtSince = Set.copyOf(idsAtSince);
	}

}
