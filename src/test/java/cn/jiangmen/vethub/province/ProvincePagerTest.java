package cn.jiangmen.vethub.province;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static cn.jiangmen.vethub.province.FakeProvinceApi.VETERANS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pager against a fake server that moves records to the end of the order while the
 * client pages (as the provincial system does when a record is updated). Each test first
 * shows what a plain page-by-page walk would lose, where that is the point.
 */
class ProvincePagerTest {

	private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 8, 0);

	private final FakeProvinceApi api = new FakeProvinceApi();

	private final ProvinceClient client = new ProvinceClient(this.api.settings(10), JsonMapper.builder().build(),
			(d) -> {
			}, Clock.systemUTC());

	/** Server clock for updates made during paging: always after every existing gxsj. */
	private final AtomicInteger later = new AtomicInteger();

	@AfterEach
	void close() {
		this.api.close();
	}

	private void veterans(int n, int secondsApart) {
		for (int i = 1; i <= n; i++) {
			this.api.put(VETERANS, ProvinceSamples.veteran(i, T0.plusSeconds((long) i * secondsApart)));
		}
	}

	private void move(String id) {
		this.api.touch(VETERANS, id, T0.plusDays(1).plusSeconds(this.later.incrementAndGet()),
				Map.of("lxdh", "13912345678"));
	}

	/** What a plain current = 1, 2, 3... walk reads. */
	private Set<String> plainWalk() {
		Set<String> ids = new HashSet<>();
		for (long current = 1;; current++) {
			ProvincePage page = this.client.fetch(VETERANS, null, current, 10);
			page.records().forEach((r) -> ids.add(r.get("id")));
			if (page.isLast()) {
				return ids;
			}
		}
	}

	private static Set<String> allIds(int n) {
		Set<String> ids = new HashSet<>();
		for (int i = 1; i <= n; i++) {
			ids.add(ProvinceSamples.id(i));
		}
		return ids;
	}

	@Test
	void aPlainWalkLosesRecordsThatShiftWhenEarlierOnesMoveToTheEnd() {
		veterans(40, 60);
		AtomicInteger served = new AtomicInteger();
		this.api.onPage((endpoint, current) -> {
			if (served.incrementAndGet() == 2) {
				move("V00003");
				move("V00005");
			}
		});
		Set<String> read = plainWalk();
		assertThat(read).hasSize(38).doesNotContain("V00011", "V00012");
	}

	@Test
	void readsEveryRecordWhileRecordsMoveToTheEnd() {
		veterans(40, 60);
		AtomicInteger served = new AtomicInteger();
		this.api.onPage((endpoint, current) -> {
			if (served.incrementAndGet() == 2) {
				move("V00003");
				move("V00005");
			}
		});
		Delivered delivered = readAll(SyncMark.START);
		assertThat(delivered.ids()).isEqualTo(allIds(40));
		// the moved records are read again with their new content, each version once
		assertThat(delivered.versions).filteredOn((v) -> v.startsWith("V00003@")).hasSize(2);
		assertThat(delivered.versions).doesNotHaveDuplicates();
		assertThat(delivered.lastMark().since()).isEqualTo(T0.plusDays(1).plusSeconds(2));
		assertThat(delivered.lastMark().idsAtSince()).containsExactly("V00005");
	}

	@Test
	void readsEveryRecordUnderHeavyDriftIncludingRecordsNotYetRead() {
		veterans(60, 1);
		AtomicInteger served = new AtomicInteger();
		this.api.onPage((endpoint, current) -> {
			int n = served.incrementAndGet();
			if (n <= 12) {
				// one record already read, one not yet read, one anywhere
				move(ProvinceSamples.id(Math.max(1, n * 3)));
				move(ProvinceSamples.id(Math.min(60, n * 5 + 9)));
				move(ProvinceSamples.id(1 + (n * 17) % 60));
			}
		});
		Delivered delivered = readAll(SyncMark.START);
		assertThat(delivered.ids()).isEqualTo(allIds(60));
		assertThat(delivered.versions).doesNotHaveDuplicates();
		// every record's final version was delivered
		for (int i = 1; i <= 60; i++) {
			String id = ProvinceSamples.id(i);
			assertThat(delivered.versions).contains(id + "@" + this.api.get(VETERANS, id).get("gxsj"));
		}
	}

	@Test
	void walksASecondThatHoldsMoreRecordsThanAPageUntilNothingNewTurnsUp() {
		// a bulk update: 35 records share one gxsj, then 10 later ones
		for (int i = 1; i <= 35; i++) {
			this.api.put(VETERANS, ProvinceSamples.veteran(i, T0));
		}
		for (int i = 36; i <= 45; i++) {
			this.api.put(VETERANS, ProvinceSamples.veteran(i, T0.plusMinutes(i)));
		}
		AtomicInteger served = new AtomicInteger();
		this.api.onPage((endpoint, current) -> {
			if (served.incrementAndGet() == 4) {
				// while the pager walks that second by offset, one record of its first
				// page moves away
				move("V00002");
			}
		});
		Delivered delivered = readAll(SyncMark.START);
		assertThat(delivered.ids()).isEqualTo(allIds(45));
		assertThat(delivered.versions).doesNotHaveDuplicates().contains("V00002@2026-03-02 08:00:01");
	}

	@Test
	void resumesFromTheLastCommittedMarkWithoutLossOrDuplicates() {
		veterans(45, 30);
		Delivered first = new Delivered();
		ProvincePager pager = new ProvincePager(this.client, VETERANS, "id", 10);
		assertThatThrownBy(() -> pager.read(SyncMark.START, (records, mark) -> {
			if (first.marks.size() == 2) {
				throw new IllegalStateException("database lost");
			}
			first.accept(records, mark);
		})).hasMessage("database lost");
		assertThat(first.versions).hasSize(19);

		Delivered second = readAll(first.lastMark());
		Set<String> both = new HashSet<>(first.ids());
		both.addAll(second.ids());
		assertThat(both).isEqualTo(allIds(45));
		assertThat(second.ids()).doesNotContainAnyElementsOf(first.ids());
	}

	@Test
	void readsEverythingWhenTheServerCapsThePageSize() {
		veterans(30, 60);
		this.api.capSize(7);
		ProvincePager pager = new ProvincePager(this.client, VETERANS, "id", 500);
		Delivered delivered = new Delivered();
		pager.read(SyncMark.START, delivered);
		assertThat(delivered.ids()).isEqualTo(allIds(30));
		assertThat(delivered.versions).doesNotHaveDuplicates();
		assertThat(this.api.requests).allSatisfy((q) -> assertThat(q).contains("current=1&size=500"));
	}

	@Test
	void anIncrementalReadFromAMarkBringsOnlyWhatChanged() {
		veterans(20, 60);
		Delivered first = readAll(SyncMark.START);
		move("V00004");
		this.api.put(VETERANS, ProvinceSamples.veteran(21, T0.plusDays(2)));
		Delivered second = readAll(first.lastMark());
		assertThat(second.versions).containsExactly("V00004@2026-03-02 08:00:01", "V00021@2026-03-03 08:00:00");
		assertThat(readAll(second.lastMark()).versions).isEmpty();
	}

	@Test
	void failsClearlyInsteadOfLoopingWhenTheServerIgnoresUpdatedSince() {
		veterans(25, 60);
		this.api.ignoreUpdatedSince();
		assertThatThrownBy(() -> readAll(SyncMark.START)).isInstanceOf(ProvinceApiException.class)
			.hasMessageContaining("does not honour updatedSince");
	}

	private Delivered readAll(SyncMark from) {
		Delivered delivered = new Delivered();
		new ProvincePager(this.client, VETERANS, "id", 10).read(from, delivered);
		return delivered;
	}

	/** What the pager handed over: id@gxsj of each record, and the marks. */
	static final class Delivered implements ProvincePager.BatchHandler {

		final List<String> versions = new ArrayList<>();

		final List<SyncMark> marks = new ArrayList<>();

		private final Map<String, String> last = new HashMap<>();

		@Override
		public void accept(List<Map<String, String>> records, SyncMark markAfter) {
			records.forEach((r) -> {
				this.versions.add(r.get("id") + "@" + r.get("gxsj"));
				this.last.put(r.get("id"), r.get("gxsj"));
			});
			this.marks.add(markAfter);
		}

		Set<String> ids() {
			return this.last.keySet();
		}

		SyncMark lastMark() {
			return this.marks.isEmpty() ? SyncMark.START : this.marks.get(this.marks.size() - 1);
		}

	}

}
