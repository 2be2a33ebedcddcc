package cn.jiangmen.vethub.province;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every record of an endpoint from a high-water mark on, without missing any while
 * the server changes records under it.
 * <p>
 * The API orders by {@code gxsj} then id, and a record updated while a client pages moves
 * to the end: a plain {@code current = 1, 2, 3...} walk then shifts every later record
 * one place forward and silently skips one. So this pager never walks by offset when it
 * can avoid it. It reads keyset-wise: always {@code current = 1} with
 * {@code updatedSince} = the newest gxsj committed so far, dropping the records at that
 * very gxsj it already handed over (by id). A record that moves meanwhile gets a newer
 * gxsj and is simply met again later, with its new content. The read ends when a last
 * (not full) page brings nothing new, so records moved to the end while the last page was
 * read are fetched too.
 * <p>
 * Only when more records than a page share one gxsj (a bulk update in one second) must
 * the pager walk that second by offset; it then walks it again until a walk brings
 * nothing new (a record moved out of the second during a walk cannot hide another one
 * twice in a row), and goes on from the next second ({@code gxsj} has whole seconds).
 * <p>
 * Every batch is handed over with the mark that is true once that batch is committed; the
 * caller commits both in one transaction.
 */
final class ProvincePager {

	private final ProvinceClient client;

	private final String path;

	private final String idField;

	private final int pageSize;

	ProvincePager(ProvinceClient client, String path, String idField, int pageSize) {
		this.client = client;
		this.path = path;
		this.idField = idField;
		this.pageSize = pageSize;
	}

	/** Receives each batch of new records with the mark to commit together with it. */
	@FunctionalInterface
	interface BatchHandler {

		void accept(List<Map<String, String>> records, SyncMark markAfter);

	}

	void read(SyncMark from, BatchHandler handler) {
		LocalDateTime since = from.since();
		Set<String> done = new HashSet<>(from.idsAtSince());
		while (true) {
			ProvincePage page = fetch(since, 1);
			List<Map<String, String>> records = page.records();
			if (records.isEmpty()) {
				return;
			}
			LocalDateTime[] times = new LocalDateTime[records.size()];
			for (int i = 0; i < times.length; i++) {
				times[i] = gxsj(records.get(i));
			}
			boolean full = !page.isLast();
			if (full && since != null && allAt(times, since)) {
				walkSecond(since, done, handler);
				since = since.plusSeconds(1);
				done = new HashSet<>();
				handler.accept(List.of(), new SyncMark(since, Set.of()));
				continue;
			}
			List<Map<String, String>> fresh = new ArrayList<>(records.size());
			LocalDateTime newest = since;
			for (int i = 0; i < times.length; i++) {
				Map<String, String> r = records.get(i);
				LocalDateTime at = times[i];
				if (since != null && at.isBefore(since)) {
					throw new ProvinceApiException("GET " + this.path + " answered updatedSince="
							+ ProvinceClient.TIME.format(since) + " with record " + id(r) + " of gxsj " + r.get("gxsj")
							+ ": the server does not honour updatedSince, so the sync cannot be incremental");
				}
				if (!(at.equals(since) && done.contains(id(r)))) {
					fresh.add(r);
				}
				if (newest == null || at.isAfter(newest)) {
					newest = at;
				}
			}
			Set<String> doneAtNewest = newest.equals(since) ? done : new HashSet<>();
			for (int i = 0; i < times.length; i++) {
				if (times[i].equals(newest)) {
					doneAtNewest.add(id(records.get(i)));
				}
			}
			if (!fresh.isEmpty()) {
				handler.accept(fresh, new SyncMark(newest, doneAtNewest));
			}
			if (!full && fresh.isEmpty()) {
				return;
			}
			since = newest;
			done = doneAtNewest;
		}
	}

	/**
	 * Walks one second holding more records than a page, by offset, until a walk brings
	 * nothing new.
	 */
	private void walkSecond(LocalDateTime second, Set<String> done, BatchHandler handler) {
		boolean foundNew = true;
		while (foundNew) {
			foundNew = false;
			for (long current = 1;; current++) {
				ProvincePage page = fetch(second, current);
				List<Map<String, String>> fresh = new ArrayList<>();
				boolean left = false;
				for (Map<String, String> r : page.records()) {
					if (!gxsj(r).equals(second)) {
						left = true;
					}
					else if (done.add(id(r))) {
						fresh.add(r);
					}
				}
				if (!fresh.isEmpty()) {
					foundNew = true;
					handler.accept(fresh, new SyncMark(second, done));
				}
				if (left || page.isLast()) {
					break;
				}
			}
		}
	}

	private ProvincePage fetch(LocalDateTime since, long current) {
		return this.client.fetch(this.path, since, current, this.pageSize);
	}

	private static boolean allAt(LocalDateTime[] times, LocalDateTime second) {
		for (LocalDateTime t : times) {
			if (!t.equals(second)) {
				return false;
			}
		}
		return true;
	}

	private String id(Map<String, String> record) {
		String id = record.get(this.idField);
		if (id == null || id.isBlank()) {
			throw new ProvinceApiException("GET " + this.path + " sent a record without " + this.idField + " (gxsj "
					+ record.get("gxsj") + "): the pager cannot tell records apart");
		}
		return id;
	}

	private LocalDateTime gxsj(Map<String, String> record) {
		String value = record.get("gxsj");
		try {
			return ProvinceClient.parseTime(value);
		}
		catch (DateTimeParseException | NullPointerException ex) {
			throw new ProvinceApiException("GET " + this.path + " sent record " + record.get(this.idField)
					+ " with gxsj '" + value + "', not yyyy-MM-dd HH:mm:ss: the records cannot be ordered");
		}
	}

}
