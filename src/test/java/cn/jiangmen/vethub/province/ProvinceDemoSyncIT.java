package cn.jiangmen.vethub.province;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's province demo, as a new user follows it: the hub serves the synthetic
 * provincial API of {@code samples/province/} under the {@code demo} profile, and
 * {@code POST /api/sources/province/sync} runs the real sync against it, through the ops
 * API, then again incrementally and in full.
 */
class ProvinceDemoSyncIT extends HubIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	@Test
	void theDemoSyncRunsEndToEndThroughTheApi() {
		assertThat(adminApi().post().uri("/api/sources/province/sync").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.ACCEPTED);
		Map<String, Object> first = awaitFinished(1);
		assertThat(first).containsEntry("status", "succeeded").containsEntry("trigger", "manual");
		assertThat(((Number) first.get("rowsRead")).intValue()).isEqualTo(52);
		assertThat(((Number) first.get("rowsRejected")).intValue()).isPositive();

		Map<String, Object> detail = adminApi().get().uri("/api/runs/{id}", first.get("id")).retrieve().body(MAP);
		assertThat(((Map<?, ?>) detail.get("rejectsByReason")).keySet().stream().map(Object::toString).toList())
			.contains("bad_checksum", "id_birthdate_mismatch", "unknown_person", "invalid_date");
		int persons = this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Integer.class);
		assertThat(persons).as("30 veterans less a wrong check digit, a birth-date mismatch and a deleted record")
			.isEqualTo(27);
		assertThat(this.jdbc.queryForObject("SELECT count(DISTINCT county_code) FROM dw.person", Integer.class))
			.isEqualTo(7);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.visit", Integer.class)).isPositive();

		adminApi().post().uri("/api/sources/province/sync").retrieve().toBodilessEntity();
		Map<String, Object> incremental = awaitFinished(2);
		assertThat(incremental).containsEntry("status", "succeeded");
		assertThat(((Number) incremental.get("rowsRead")).intValue()).as("nothing changed since the mark").isZero();

		adminApi().post().uri("/api/sources/province/sync?full=true").retrieve().toBodilessEntity();
		Map<String, Object> full = awaitFinished(3);
		assertThat(((Number) full.get("rowsRead")).intValue()).isEqualTo(52);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM dw.person", Integer.class))
			.as("a full resync duplicates nobody")
			.isEqualTo(persons);
	}

	private Map<String, Object> awaitFinished(int runs) {
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			List<Map<String, Object>> all = viewerApi().get().uri("/api/runs?source=province").retrieve().body(LIST);
			return (all.size() == runs && !"running".equals(all.get(0).get("status"))) ? all.get(0) : null;
		}, (run) -> run != null);
	}

}
