package cn.jiangmen.vethub.ops;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SuppressWarnings("unchecked")
class OpsApiIT extends HubIntegrationTest {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

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
	void statusCountsFilesWaitingAndRunsInProgress() throws Exception {
		Map<String, Object> idle = viewerApi().get().uri("/api/status").retrieve().body(MAP);
		assertThat(idle).containsEntry("runsInProgress", 0);
		this.jdbc.update("INSERT INTO ops.ingest_run (source_id, trigger) VALUES ('province', 'manual')");
		Map<String, Object> busy = viewerApi().get().uri("/api/status").retrieve().body(MAP);
		assertThat(busy).containsEntry("idle", false).containsEntry("runsInProgress", 1);
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
