package cn.jiangmen.vethub.ingest;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A file claimed by a hub that died while loading it (its claim in
 * {@code ops.inbox_claim} no longer renewed) is taken by the hub that is left.
 */
class InboxClaimIT extends HubIntegrationTest {

	@Test
	void aFileClaimedByAHubThatDiedIsTakenOnceItsClaimIsStale() throws Exception {
		String name = "鹤山花名册_20261203.csv";
		Path staged = Files.createDirectories(DATA_DIR.resolve("staging-claims")).resolve(name);
		Files.write(staged,
				("姓名,身份证号码,镇街\r\n梁淑芬," + IdCards.valid("440784", LocalDate.of(1972, 5, 4), 31, false) + ",沙坪\r\n")
					.getBytes(Charset.forName("GBK")));
		// what the dead hub wrote when it took the file, a minute ago (it has renewed
		// nothing since)
		String key = InboxReadLock.claimKey("heshan", staged);
		this.jdbc.update(
				"INSERT INTO ops.inbox_claim VALUES ('vethub-inbox', ?, clock_timestamp() - interval '1 minute')", key);
		Path inbox = Files.createDirectories(DATA_DIR.resolve("inbox/county/heshan"));
		Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !Files.exists(inbox.resolve(name)) && this.jdbc.queryForObject(
					"SELECT count(*) FROM ops.ingest_run WHERE file_name = ? AND status <> 'running'", Long.class,
					name) > 0);
		List<Map<String, Object>> runs = this.jdbc
			.queryForList("SELECT status, rows_loaded FROM ops.ingest_run WHERE file_name = ?", name);
		assertThat(runs).singleElement()
			.satisfies((run) -> assertThat(run).containsEntry("status", "succeeded").containsEntry("rows_loaded", 1L));
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM ops.inbox_claim WHERE messageid = ?", Long.class, key))
			.isZero();
	}

}
