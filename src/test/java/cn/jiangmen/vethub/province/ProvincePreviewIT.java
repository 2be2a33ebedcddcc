package cn.jiangmen.vethub.province;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dry run of the provincial API against the hub's demo API: the preview answers what
 * the run that follows it then loads and rejects, writes nothing (no run, mark or
 * person), reads from the mark and stops at its limit.
 */
@SuppressWarnings("unchecked")
class ProvincePreviewIT extends HubIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	@Test
	void thePreviewAnswersWhatTheNextRunDoesAndWritesNothing() {
		Map<String, Long> before = counts();
		Map<String, Object> answer = preview(100);
		assertThat(counts()).isEqualTo(before);
		assertThat(answer).containsEntry("source", "province").containsEntry("kind", "province");
		assertThat(answer).containsEntry("rowsRead", 52);
		assertThat((Map<String, Object>) answer.get("rejectsByReason")).containsKeys("bad_checksum",
				"id_birthdate_mismatch", "unknown_person", "invalid_date");

		adminApi().post().uri("/api/sources/province/sync").retrieve().toBodilessEntity();
		Map<String, Object> run = awaitFinished();
		assertThat(run).containsEntry("status", "succeeded");
		assertThat(answer.get("rowsRead")).isEqualTo(run.get("rowsRead"));
		assertThat(answer.get("wouldLoad")).isEqualTo(run.get("rowsLoaded"));
		assertThat(answer.get("wouldReject")).isEqualTo(run.get("rowsRejected"));
		Map<String, Object> detail = adminApi().get().uri("/api/runs/{id}", run.get("id")).retrieve().body(MAP);
		assertThat(answer.get("rejectsByReason")).isEqualTo(detail.get("rejectsByReason"));

		String body = answer.toString();
		for (Map<String, Object> person : this.jdbc.queryForList("SELECT id_card, name, phone FROM dw.person")) {
			assertThat(body).doesNotContain((String) person.get("id_card"), (String) person.get("name"));
			if (person.get("phone") != null) {
				assertThat(body).doesNotContain((String) person.get("phone"));
			}
		}

		assertThat(preview(100)).as("read from the marks the run left").containsEntry("rowsRead", 0);
	}

	@Test
	void theLimitBoundsTheReadOfEachEndpoint() {
		Map<String, Long> before = counts();
		Map<String, Object> answer = preview(5);
		assertThat(answer).containsEntry("limit", 5).containsEntry("rowsRead", 10);
		assertThat(counts()).isEqualTo(before);
	}

	private Map<String, Object> preview(int limit) {
		return adminApi().post().uri("/api/sources/province/preview?limit={l}", limit).retrieve().body(MAP);
	}

	private Map<String, Object> awaitFinished() {
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			List<Map<String, Object>> all = viewerApi().get().uri("/api/runs?source=province").retrieve().body(LIST);
			return (all.size() == 1 && !"running".equals(all.get(0).get("status"))) ? all.get(0) : null;
		}, (r) -> r != null);
	}

	private Map<String, Long> counts() {
		Map<String, Long> counts = new TreeMap<>();
		for (String table : List.of("ops.ingest_run", "ops.rejected_row", "ops.sync_mark", "dw.person",
				"dw.person_observation_log", "dw.visit")) {
			counts.put(table, this.jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
		}
		return counts;
	}

}
