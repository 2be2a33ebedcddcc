package cn.jiangmen.vethub.partner;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import cn.jiangmen.vethub.source.HttpApiSettings.Incremental;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPageReaderTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String REPLY = """
			{"code": 0, "result": {"total": 3, "items": [
			  {"no": "A1", "nested": {"items": [9]}}, {"no": "A2"}, {"no": "A3"}],
			  "nextCursor": "c-3", "other": [{"items": [1, 2]}]}, "message": "ok"}""";

	@Test
	void theRecordsAtThePointerAreHandedOverOneByOneAndTheWantedValuesKept() {
		JsonPageReader reader = new JsonPageReader(JSON, "/result/items",
				List.of("/code", "/message", "/result/nextCursor", "/result/missing"));
		JsonPageReader.Page<String> page = reader.read(body(REPLY), (r) -> r.path("no").asString());
		assertThat(page.records()).containsExactly("A1", "A2", "A3");
		assertThat(page.recordsFound()).isTrue();
		assertThat(page.text("/code")).isEqualTo("0");
		assertThat(page.text("/message")).isEqualTo("ok");
		assertThat(page.text("/result/nextCursor")).isEqualTo("c-3");
		assertThat(page.text("/result/missing")).isNull();
	}

	@Test
	void aReplyThatIsTheArrayItselfIsReadWithTheEmptyPointer() {
		JsonPageReader reader = new JsonPageReader(JSON, "", List.of());
		assertThat(reader.read(body("[{\"no\":1},{\"no\":2}]"), (r) -> r.path("no").asInt()).records())
			.containsExactly(1, 2);
	}

	@Test
	void aSoftErrorWithoutRecordsSaysSo() {
		JsonPageReader reader = new JsonPageReader(JSON, "/result/items", List.of("/code", "/message"));
		JsonPageReader.Page<JsonNode> page = reader.read(body("{\"code\": 503, \"message\": \"系统繁忙\"}"), (r) -> r);
		assertThat(page.recordsFound()).isFalse();
		assertThat(page.text("/code")).isEqualTo("503");
	}

	@Test
	void aBodyCutOffInTheMiddleThrows() {
		JsonPageReader reader = new JsonPageReader(JSON, "/result/items", List.of("/code"));
		String cut = REPLY.substring(0, REPLY.length() / 2);
		assertThatThrownBy(() -> reader.read(body(cut), (r) -> r)).isInstanceOf(JacksonException.class);
	}

	@Test
	void cursorValuesAreReadFromEpochMillisAndIsoTimesInTheSourceZone() {
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		HttpMark mark = new HttpMark(new Incremental("/t", "timestamp", "since", "epoch-millis", true, false), zone);
		LocalDateTime nine = LocalDateTime.of(2026, 11, 2, 9, 0);
		assertThat(mark.of(JSON.readTree("{\"t\": 1793581200000}"))).isEqualTo(nine);
		assertThat(mark.of(JSON.readTree("{\"t\": \"2026-11-02T01:00:00Z\"}"))).isEqualTo(nine);
		assertThat(mark.of(JSON.readTree("{\"t\": \"2026-11-02 09:00:00\"}"))).isEqualTo(nine);
		assertThat(mark.write(nine)).isEqualTo("1793581200000");
		assertThatThrownBy(() -> mark.of(JSON.readTree("{\"x\": 1}"))).hasMessageContaining("no cursor field /t");
	}

	private static ByteArrayInputStream body(String json) {
		return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
	}

}
