package cn.jiangmen.vethub.ops;

import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SuppressWarnings("unchecked")
class OpsApiIT extends HubIntegrationTest {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	RunLedger ledger;

	@Autowired
	DataSource dataSource;

	@Test
	void healthIsOpenAndCoversDatabaseAndCamel() {
		Map<String, Object> health = anonymousApi().get().uri("/actuator/health").retrieve().body(MAP);
		assertThat(health).containsEntry("status", "UP");
		assertThat((Map<String, Object>) health.get("components")).containsKeys("db", "camelHealth");
	}

	@Test
	void apiNeedsLoginAndOnlyAdminsMayStartRuns() {
		assertThatThrownBy(() -> anonymousApi().get().uri("/api/sources").retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
		assertThatThrownBy(() -> api("admin", "wrong").get().uri("/api/sources").retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED));
		assertThat(viewerApi().get().uri("/api/sources").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThatThrownBy(() -> viewerApi().post().uri("/api/sources/province/sync").retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
	}

	@Test
	void listsEveryDeclaredSourceWithItsFolder() {
		List<Map<String, Object>> sources = adminApi().get().uri("/api/sources").retrieve().body(LIST);
		assertThat(sources).extracting((s) -> s.get("id"))
			.contains("pengjiang", "jianghai", "xinhui", "taishan", "kaiping", "heshan", "enping", "province");
		Map<String, Object> heshan = sources.stream()
			.filter((s) -> "heshan".equals(s.get("id")))
			.findFirst()
			.orElseThrow();
		assertThat(heshan).containsEntry("kind", "county").containsEntry("countyCode", "440784");
		assertThat((String) heshan.get("location")).endsWith("inbox/county/heshan");
		assertThat(DATA_DIR.resolve("inbox/county/heshan")).isDirectory();
		assertThat(DATA_DIR.resolve("outbox/heshan")).isDirectory();
		assertThat(DATA_DIR.resolve("error/province")).isDirectory();
	}

	@Test
	void runsAndRunDetailComeFromTheLedger() {
		long run = this.jdbc.queryForObject(
				"""
						INSERT INTO ops.ingest_run (source_id, trigger, file_name, status, rows_read, rows_loaded, rows_rejected)
						VALUES ('heshan', 'file', 'roster_20261115.xlsx', 'succeeded', 3, 1, 2) RETURNING id""",
				Long.class);
		this.jdbc.update("""
				INSERT INTO ops.rejected_row (run_id, source_id, file_name, sheet, row_number, reason)
				VALUES (?, 'heshan', 'roster_20261115.xlsx', '花名册', 5, 'bad_checksum'),
				       (?, 'heshan', 'roster_20261115.xlsx', '花名册', 9, 'bad_checksum')""", run, run);
		List<Map<String, Object>> runs = viewerApi().get()
			.uri("/api/runs?source=heshan&status=succeeded")
			.retrieve()
			.body(LIST);
		assertThat(runs).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("fileName", "roster_20261115.xlsx"));
		assertThat(viewerApi().get().uri("/api/runs?source=taishan").retrieve().body(LIST)).isEmpty();
		Map<String, Object> detail = viewerApi().get().uri("/api/runs/{id}", run).retrieve().body(MAP);
		assertThat((Map<String, Object>) detail.get("rejectsByReason")).containsEntry("bad_checksum", 2);
		assertThatThrownBy(() -> viewerApi().get().uri("/api/runs/{id}", run + 1000).retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(404)));
	}

	@Test
	void statusCountsFilesWaitingAndTheRunsThisHubRuns() throws Exception {
		Map<String, Object> idle = viewerApi().get().uri("/api/status").retrieve().body(MAP);
		assertThat(idle).containsEntry("runsInProgress", 0);
		// a row left running that this hub does not run (another hub's, or one whose end
		// waits to be written) is not reported
		this.jdbc.update("INSERT INTO ops.ingest_run (source_id, trigger) VALUES ('province', 'manual')");
		assertThat(viewerApi().get().uri("/api/status").retrieve().body(MAP)).containsEntry("idle", true)
			.containsEntry("runsInProgress", 0);
		long run = this.ledger.start("heshan", RunTrigger.FILE, "鹤山花名册_20261120.csv", "d".repeat(64));
		Map<String, Object> busy = viewerApi().get().uri("/api/status").retrieve().body(MAP);
		assertThat(busy).containsEntry("idle", false).containsEntry("runsInProgress", 1);
		assertThat((List<Map<String, Object>>) busy.get("running")).singleElement()
			.satisfies((r) -> assertThat(((Number) r.get("id")).longValue()).isEqualTo(run));
		this.ledger.finish(run, RunStatus.FAILED, 0, 0, 0, "test", null);
		assertThat(viewerApi().get().uri("/api/status").retrieve().body(MAP)).containsEntry("idle", true);
	}

	/**
	 * Two "run now" at the same moment (two quick clicks, issue 13.6): one starts the
	 * run, the other is answered "already running" while the first is still starting,
	 * before its run is recorded (its insert waits on a lock this test holds on the
	 * ledger).
	 */
	@Test
	void twoRunNowRequestsAtOnceStartOneRun() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(2);
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			holder.createStatement().execute("LOCK TABLE ops.ingest_run IN SHARE MODE");
			CountDownLatch go = new CountDownLatch(1);
			Callable<HttpStatusCode> runNow = () -> {
				go.await();
				return adminApi().post()
					.uri("/api/sources/province/sync")
					.exchange((request, response) -> response.getStatusCode());
			};
			Future<HttpStatusCode> first = clients.submit(runNow);
			Future<HttpStatusCode> second = clients.submit(runNow);
			go.countDown();
			// one of them is refused while the other waits to record its run
			HttpStatusCode refused = await().atMost(Duration.ofSeconds(20))
				.until(() -> first.isDone() ? first.get() : second.isDone() ? second.get() : null,
						(status) -> status != null);
			assertThat(refused).isEqualTo(HttpStatus.CONFLICT);
			Future<HttpStatusCode> starting = first.isDone() ? second : first;
			assertThat(starting).isNotDone();
			holder.commit();
			assertThat(starting.get(20, TimeUnit.SECONDS)).isEqualTo(HttpStatus.ACCEPTED);
		}
		finally {
			clients.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run WHERE status <> 'running'",
					Integer.class) == 1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ops.ingest_run", Integer.class)).isOne();
	}

	@Test
	void aFileDropSourceCannotBeSynced() {
		assertThatThrownBy(() -> adminApi().post().uri("/api/sources/heshan/sync").retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT));
		assertThatThrownBy(() -> adminApi().post().uri("/api/sources/nowhere/sync").retrieve().toBodilessEntity())
			.isInstanceOfSatisfying(HttpClientErrorException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
	}

	@Test
	void referenceDataIsSeededFromTheBureauList() {
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ref.county", Integer.class)).isEqualTo(7);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ref.town", Integer.class)).isEqualTo(73);
		assertThat(this.jdbc.queryForObject("SELECT county_code FROM ref.town WHERE short_name = '沙坪'", String.class))
			.isEqualTo("440784");
		assertThat(this.jdbc.queryForList("SELECT county_code FROM ref.town WHERE short_name = '白沙' ORDER BY 1",
				String.class))
			.containsExactly("440703", "440781");
		assertThat(Files.exists(DATA_DIR.resolve("pg/PG_VERSION"))).isTrue();
	}

}
