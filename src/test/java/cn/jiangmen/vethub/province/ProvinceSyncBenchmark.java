package cn.jiangmen.vethub.province;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.source.ProvinceSettings;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static cn.jiangmen.vethub.province.FakeProvinceApi.VETERANS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Speed of the provincial sync
 * ({@code ./mvnw -Pbenchmark verify -Dtest=ProvinceSyncBenchmark}): a local fake server
 * holds {@code N} veterans (default 100,000, {@code -Dprovince.benchmark.n=...}); the run
 * prints the time a bare client needs to fetch every page (JSON parsed, nothing else)
 * and, against the same server, the time of a full sync into an empty warehouse, each
 * measured warm: after {@code -Dprovince.benchmark.warmups} (default 3) fetches, and as
 * many syncs each followed by an emptied warehouse, so that neither is measured while the
 * JIT compiler still takes a core ({@code -Dprovince.benchmark.page=...} sets the page
 * size, default 500 as in {@code config/sources/province.yml}). Goal: sync at most 1.3
 * times the bare fetch.
 */
@Tag("benchmark")
class ProvinceSyncBenchmark extends HubIntegrationTest {

	@Autowired
	private ProvinceSync sync;

	@Autowired
	private JsonMapper json;

	@Test
	void fullSyncAgainstTheBareFetchOfEveryPage() {
		int n = Integer.getInteger("province.benchmark.n", 100_000);
		try (FakeProvinceApi api = new FakeProvinceApi()) {
			LocalDateTime t0 = LocalDateTime.of(2026, 1, 1, 0, 0);
			for (int i = 1; i <= n; i++) {
				// about two records per second, as a day of updates in the provincial
				// system
				api.put(VETERANS, ProvinceSamples.veteran(i, t0.plusSeconds(i / 2)));
			}
			ProvinceSettings s = api.settings(500);
			int pageSize = Integer.getInteger("province.benchmark.page", 500);
			ProvinceSettings settings = new ProvinceSettings(s.baseUrl(), s.clientId(), s.clientSecret(), pageSize,
					s.connectTimeout(), Duration.ofSeconds(30), 5, s.backoff(), s.maxBackoff(), s.schedule(),
					s.timeZone());
			int warmups = Integer.getInteger("province.benchmark.warmups", 3);
			for (int i = 0; i < warmups; i++) {
				bareFetch(settings, n); // warm-up of client and server
			}
			long bareNanos = System.nanoTime();
			long pages = bareFetch(settings, n);
			bareNanos = System.nanoTime() - bareNanos;

			SourceDefinition source = new SourceDefinition("province", SourceKind.PROVINCE, "benchmark", null, null,
					".*", true, settings, null);
			// warm-up of the sync, as of the fetch: full syncs, each followed by an
			// emptied warehouse
			for (int i = 0; i < warmups; i++) {
				this.sync.syncNow(source, RunTrigger.MANUAL, true).orElseThrow();
				this.jdbc.execute("TRUNCATE dw.person, dw.person_observation_log, ops.sync_mark CASCADE");
			}
			long syncNanos = System.nanoTime();
			long runId = this.sync.syncNow(source, RunTrigger.MANUAL, true).orElseThrow();
			syncNanos = System.nanoTime() - syncNanos;

			assertThat(this.jdbc.queryForObject("SELECT status FROM ops.ingest_run WHERE id = ?", String.class, runId))
				.isEqualTo("succeeded");
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Long.class)).isEqualTo(n);
			System.out.printf(Locale.ROOT,
					"%nProvinceSyncBenchmark: %,d veterans, %d pages of %d%n  bare fetch of every page: %.2f s%n"
							+ "  full sync into dw.person:  %.2f s%n  ratio sync / fetch:        %.2f (goal <= 1.3)%n"
							+ "  heap used after the sync:  %d MB of %d MB max%n%n",
					n, pages, pageSize, bareNanos / 1e9, syncNanos / 1e9, (double) syncNanos / bareNanos,
					(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
					Runtime.getRuntime().maxMemory() >> 20);
		}
	}

	private long bareFetch(ProvinceSettings settings, int n) {
		ProvinceClient client = new ProvinceClient(settings, this.json);
		long records = 0;
		long pages = 0;
		for (long current = 1;; current++) {
			ProvincePage page = client.fetch(VETERANS, null, current, settings.pageSize());
			records += page.records().size();
			pages++;
			if (page.isLast()) {
				break;
			}
		}
		assertThat(records).isEqualTo(n);
		return pages;
	}

}
