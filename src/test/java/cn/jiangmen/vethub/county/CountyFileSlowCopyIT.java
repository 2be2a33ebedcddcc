package cn.jiangmen.vethub.county;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A file copied slowly into the inbox (over a network share) must be read once, whole:
 * the route's read lock waits until the file has stopped changing and is old enough
 * ({@code hub.inbox.read-lock-*}; in tests min age 1 s, checked every 250 ms, while the
 * inbox is polled every 200 ms).
 */
class CountyFileSlowCopyIT extends HubIntegrationTest {

	private static final int ROWS = 3000;

	private static final int CHUNKS = 10;

	@Test
	void fileStillBeingCopiedIsReadOnlyOnceComplete() throws Exception {
		List<byte[]> chunks = chunks();
		Path target = DATA_DIR.resolve("inbox/county/taishan/台山花名册_20261115.csv");
		AtomicInteger written = new AtomicInteger();
		AtomicReference<Instant> lastWrite = new AtomicReference<>();
		ScheduledExecutorService copier = Executors.newSingleThreadScheduledExecutor();
		try {
			// One chunk every 300 ms: a 3-second copy, much longer than a poll of the
			// inbox.
			copier.scheduleAtFixedRate(() -> {
				int i = written.get();
				if (i >= chunks.size()) {
					return;
				}
				try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND)) {
					out.write(chunks.get(i));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				lastWrite.set(Instant.now());
				written.incrementAndGet();
			}, 0, 300, TimeUnit.MILLISECONDS);

			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> written.get() == chunks.size() && !Files.exists(target));
		}
		finally {
			copier.shutdownNow();
		}

		List<java.util.Map<String, Object>> runs = this.jdbc.queryForList(
				"SELECT status, rows_read, rows_loaded, started_at FROM ops.ingest_run WHERE source_id = 'taishan'");
		assertThat(runs).hasSize(1);
		assertThat(runs.get(0)).containsEntry("status", "succeeded")
			.containsEntry("rows_read", (long) ROWS)
			.containsEntry("rows_loaded", (long) ROWS);
		assertThat(((java.sql.Timestamp) runs.get(0).get("started_at")).toInstant()).isAfter(lastWrite.get());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person WHERE county_code = '440781'", Long.class))
			.isEqualTo(ROWS);
	}

	/**
	 * A UTF-8 roster of {@link #ROWS} valid rows, cut into {@link #CHUNKS} pieces
	 * mid-line.
	 */
	private static List<byte[]> chunks() {
		StringBuilder csv = new StringBuilder("姓名,身份证号码,镇（街）,联系电话\n");
		for (int i = 0; i < ROWS; i++) {
			String id = IdCards.valid("440781", LocalDate.of(1950, 1, 1).plusDays(i), i % 1000, i % 2 == 0);
			csv.append("台山退役军人")
				.append(i)
				.append(',')
				.append(id)
				.append(",台城,1380000")
				.append(String.format("%04d", i))
				.append('\n');
		}
		byte[] all = csv.toString().getBytes(StandardCharsets.UTF_8);
		List<byte[]> chunks = new ArrayList<>();
		int size = all.length / CHUNKS + 1;
		for (int from = 0; from < all.length; from += size) {
			chunks.add(java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + size)));
		}
		return chunks;
	}

}
