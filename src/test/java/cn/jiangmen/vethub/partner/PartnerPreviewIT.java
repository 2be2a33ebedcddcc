package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static cn.jiangmen.vethub.partner.PartnerFixtures.CHEN;
import static cn.jiangmen.vethub.partner.PartnerFixtures.HUANG;
import static cn.jiangmen.vethub.partner.PartnerFixtures.LI;
import static cn.jiangmen.vethub.partner.PartnerFixtures.LIANG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dry run of a partner file: {@code POST /api/sources/{id}/preview} with the HIS text
 * of the city hospital or the insurer's workbook answers the rows a real run would load
 * and refuse (the same reasons and row numbers as {@link PartnerFileIngestIT}), masked,
 * and writes nothing: no run, reject, fact or mark, and no file appears in or leaves the
 * inbox, outbox, archive, error or work folders.
 */
@SuppressWarnings("unchecked")
class PartnerPreviewIT extends HubIntegrationTest {

	private static final Charset GBK = Charset.forName("GBK");

	@BeforeEach
	void knownPersons() {
		person(LI, "李𠮷祥", "M", LocalDate.of(1941, 3, 15));
		person(CHEN, "陈志强", "M", LocalDate.of(1944, 8, 2));
		person(HUANG, "黄秀英", "F", LocalDate.of(1939, 12, 30));
	}

	@Test
	void hisTextIsAnsweredAsARunWouldLoadItAndNothingIsWritten() throws IOException {
		Map<String, Long> rows = counts();
		Map<String, Long> files = files();

		Map<String, Object> answer = previewUpload("city-hospital", "his_202611.txt",
				PartnerFixtures.hisNovember().getBytes(GBK));

		assertThat(answer).containsEntry("source", "city-hospital")
			.containsEntry("kind", "partner")
			.containsEntry("fileName", "his_202611.txt")
			.containsEntry("rowsRead", 7)
			.containsEntry("wouldLoad", 2)
			.containsEntry("wouldReject", 5);
		assertThat((Map<String, Object>) answer.get("rejectsByReason")).containsOnly(Map.entry("duplicate_in_file", 1),
				Map.entry("invalid_date", 1), Map.entry("bad_checksum", 1), Map.entry("unknown_person", 1),
				Map.entry("bad_amount", 1));
		assertThat((List<Map<String, Object>>) answer.get("rejectSample"))
			.extracting((r) -> r.get("rowNumber") + "|" + r.get("reason"))
			.containsExactlyInAnyOrder("3|duplicate_in_file", "4|invalid_date", "5|bad_checksum", "6|unknown_person",
					"7|bad_amount");
		assertThat((List<Map<String, Object>>) answer.get("loadSample"))
			.extracting((r) -> r.get("table") + "|" + r.get("row") + "|" + r.get("record_key"))
			.containsExactlyInAnyOrder("dw.medical_service|2|ZY2026110001", "dw.medical_service|8|ZY2026110002");
		assertNothingOfThePeople(answer);
		assertThat(counts()).isEqualTo(rows);
		assertThat(files()).isEqualTo(files);
	}

	@Test
	void insurerWorkbookRejectsAreToldBySheetAndRow() throws IOException {
		Path xlsx = DATA_DIR.resolve("insurer_preview.xlsx.tmp-fixture");
		PartnerFixtures.insurerWorkbook(xlsx);
		byte[] bytes = Files.readAllBytes(xlsx);
		Files.delete(xlsx);
		Map<String, Long> rows = counts();
		Map<String, Long> files = files();

		Map<String, Object> answer = previewUpload("insurer", "insurer_2026H1.xlsx", bytes);

		assertThat(answer).containsEntry("kind", "partner").containsEntry("unreadable", null);
		assertThat((List<Map<String, Object>>) answer.get("rejectSample"))
			.extracting((r) -> r.get("sheet") + "|" + r.get("rowNumber") + "|" + r.get("reason"))
			.contains("承保清单|6|id_lost_precision", "承保清单|7|invalid_date", "理赔清单|5|bad_amount");
		assertThat(((Number) answer.get("wouldLoad")).longValue()).isPositive();
		assertThat(((Number) answer.get("rowsRead")).longValue()).isEqualTo(
				((Number) answer.get("wouldLoad")).longValue() + ((Number) answer.get("wouldReject")).longValue());
		assertNothingOfThePeople(answer);
		assertThat(counts()).isEqualTo(rows);
		assertThat(files()).isEqualTo(files);
	}

	@Test
	void aHisTextCutShortOfItsTrailerWouldBeRefusedWhole() {
		Map<String, Object> answer = previewUpload("city-hospital", "his_cut.txt",
				PartnerFixtures.hisLines().getBytes(GBK));
		assertThat(answer).containsEntry("wouldLoad", 0).containsEntry("wouldReject", 1);
		assertThat((Map<String, Object>) answer.get("rejectsByReason")).containsOnly(Map.entry("unreadable_file", 1));
		assertThat((String) answer.get("unreadable")).isNotBlank();
		assertNothingOfThePeople(answer);
	}

	private static void assertNothingOfThePeople(Map<String, Object> answer) {
		assertThat(answer.toString()).doesNotContain(LI, CHEN, HUANG, LIANG, "陈志强", "黄秀英", "梁振邦", "李?祥", "李𠮷祥");
	}

	private void person(String idCard, String name, String gender, LocalDate birth) {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, ?, ?, ?, 'province', now())""", idCard, name, gender, Date.valueOf(birth));
	}

	private Map<String, Long> counts() {
		Map<String, Long> counts = new TreeMap<>();
		for (String table : List.of("ops.ingest_run", "ops.rejected_row", "ops.sync_mark", "dw.person",
				"dw.person_observation_log", "dw.medical_service", "dw.insurance_policy", "dw.insurance_claim")) {
			counts.put(table, this.jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
		}
		return counts;
	}

	/** Every file of the hub's folders, with its size. */
	static Map<String, Long> files() {
		Map<String, Long> files = new TreeMap<>();
		for (String folder : List.of("inbox", "outbox", "archive", "error", "work")) {
			Path dir = DATA_DIR.resolve(folder);
			if (!Files.isDirectory(dir)) {
				continue;
			}
			try (Stream<Path> walk = Files.walk(dir)) {
				walk.filter(Files::isRegularFile).forEach((f) -> files.put(DATA_DIR.relativize(f).toString(), size(f)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return files;
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
