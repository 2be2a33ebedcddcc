package cn.jiangmen.vethub.county;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dry run of a county sheet: {@code POST /api/sources/heshan/preview} with a GBK CSV
 * of payments answers what would load and be refused, with reasons and masked values, and
 * writes nothing.
 */
@SuppressWarnings("unchecked")
class CountyPreviewIT extends HubIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final String KNOWN = IdCards.valid("440784", LocalDate.of(1950, 4, 2), 31, true);

	static final String STRANGER = IdCards.valid("440784", LocalDate.of(1952, 7, 9), 47, false);

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void paymentCsvIsCheckedAgainstKnownPersonsAndNothingIsWritten() {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, '黄志强', 'M', DATE '1950-04-02', 'heshan', now()) ON CONFLICT DO NOTHING""", KNOWN);
		Map<String, Long> before = counts();
		byte[] csv = String
			.join("\r\n", "序号,姓名,身份证号码,救助类别,救助金额（元）,发放日期,经办人", "1,黄志强," + KNOWN + ",生活困难救助,\"1,200.00\",2026-11-10,李明",
					"2,黄志强," + KNOWN + ",医疗困难救助,壹仟元,2026-11-12,李明", "3,何秀英," + STRANGER + ",生活困难救助,800,2026-11-15,李明",
					"4,何秀英,44078419520709004,生活困难救助,800,2026-11-15,李明", "")
			.getBytes(Charset.forName("GBK"));

		Map<String, Object> answer = preview("admin", "admin-test-pw", "解三难救助发放_11月.csv", csv);

		assertThat(answer).containsEntry("source", "heshan")
			.containsEntry("kind", "county")
			.containsEntry("fileName", "解三难救助发放_11月.csv")
			.containsEntry("rowsRead", 4)
			.containsEntry("wouldLoad", 1)
			.containsEntry("wouldReject", 3);
		assertThat((Map<String, Object>) answer.get("rejectsByReason")).containsEntry("bad_amount", 1)
			.containsEntry("unknown_person", 1)
			.containsEntry("bad_id_format", 1);
		List<Map<String, Object>> rejects = (List<Map<String, Object>>) answer.get("rejectSample");
		assertThat(rejects).extracting((r) -> r.get("rowNumber") + "|" + r.get("reason"))
			.containsExactlyInAnyOrder("3|bad_amount", "5|bad_id_format", "4|unknown_person");
		List<Map<String, Object>> loads = (List<Map<String, Object>>) answer.get("loadSample");
		assertThat(loads).singleElement().satisfies((r) -> {
			assertThat(r).containsEntry("amount", "1200.00").containsEntry("paid_date", "2026-11-10");
			assertThat(r).containsEntry("id_card", KNOWN.substring(0, 6) + "*".repeat(12));
		});
		String body = answer.toString();
		assertThat(body).doesNotContain(KNOWN, STRANGER, "何秀英", "黄志强");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void aPlacementSheetIsPreviewedAsPlacementsNotAsARoster() {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, '黄志强', 'M', DATE '1950-04-02', 'heshan', now()) ON CONFLICT DO NOTHING""", KNOWN);
		Map<String, Long> before = counts();
		byte[] csv = String
			.join("\r\n", "姓名,身份证号码,推荐日期,推荐单位,是否当年退役大学生士兵,是否有就业意向,是否已就业", "黄志强," + KNOWN + ",2026年4月1日,某机械厂,是,是,是",
					"何秀英," + STRANGER + ",2026年4月2日,某酒店,是,是,否", "黄志强," + KNOWN + ",2026年4月3日,某工厂,是,也许,否", "")
			.getBytes(Charset.forName("GBK"));

		Map<String, Object> answer = preview("admin", "admin-test-pw", "推荐就业_4月.csv", csv);

		assertThat(answer).containsEntry("rowsRead", 3).containsEntry("wouldLoad", 1).containsEntry("wouldReject", 2);
		assertThat((Map<String, Object>) answer.get("rejectsByReason")).containsEntry("unknown_person", 1)
			.containsEntry("bad_value", 1);
		List<Map<String, Object>> loads = (List<Map<String, Object>>) answer.get("loadSample");
		assertThat(loads).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("table", "dw.job_placement").containsEntry("employed", "是"));
		assertThat(answer.toString()).doesNotContain(KNOWN, STRANGER);
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void aPlaqueSheetIsPreviewedAsPlaquesThroughItsConfiguredKind() {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, '黄志强', 'M', DATE '1950-04-02', 'heshan', now()) ON CONFLICT DO NOTHING""", KNOWN);
		Map<String, Long> before = counts();
		byte[] csv = String
			.join("\r\n", "鹤山市光荣牌悬挂登记表（2026年3月）", "序号,姓名,身份证号码,所属镇街,悬挂日期,光荣牌编号,悬挂情况",
					"1,黄志强," + KNOWN + ",沙坪,2026年3月5日,HS-0001,", "2,何秀英," + STRANGER + ",共和,,HS-0002,未挂",
					"3,黄志强," + KNOWN + ",火星镇,,HS-0003,", "合计,,,,,3户,", "")
			.getBytes(Charset.forName("GBK"));

		Map<String, Object> answer = preview("admin", "admin-test-pw", "光荣牌_3月.csv", csv);

		assertThat(answer).containsEntry("rowsRead", 3).containsEntry("wouldLoad", 1).containsEntry("wouldReject", 2);
		assertThat((Map<String, Object>) answer.get("rejectsByReason")).containsEntry("unknown_person", 1)
			.containsEntry("unknown_town", 1);
		List<Map<String, Object>> loads = (List<Map<String, Object>>) answer.get("loadSample");
		assertThat(loads).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("table", "dw.honour_plaque")
				.containsEntry("plaque_no", "HS-0001")
				.containsEntry("status", "已悬挂")
				.containsEntry("town", "沙坪街道"));
		assertThat(answer.toString()).doesNotContain(KNOWN, STRANGER);
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void aViewerMayNotPreview() {
		assertThatThrownBy(() -> preview("viewer", "viewer-test-pw", "x.csv", "a,b\r\n".getBytes()))
			.isInstanceOfSatisfying(HttpClientErrorException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
	}

	@Test
	void aFileWithoutATableWouldBeRefusedWhole() {
		Map<String, Object> answer = preview("admin", "admin-test-pw", "说明.csv",
				"这是一份说明\r\n没有表格\r\n".getBytes(Charset.forName("GBK")));
		assertThat(answer).containsEntry("wouldLoad", 0).containsEntry("wouldReject", 1);
		assertThat((String) answer.get("unreadable")).contains("未找到数据表");
	}

	private Map<String, Object> preview(String user, String password, String name, byte[] bytes) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new ByteArrayResource(bytes) {
			@Override
			public String getFilename() {
				return name;
			}
		});
		return api(user, password).post()
			.uri("/api/sources/heshan/preview")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.retrieve()
			.body(MAP);
	}

	private Map<String, Long> counts() {
		return Map.of("runs", count("ops.ingest_run"), "rejects", count("ops.rejected_row"), "persons",
				count("dw.person"), "payments", count("dw.assistance_payment"), "plaques", count("dw.honour_plaque"));
	}

	private long count(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
	}

}
