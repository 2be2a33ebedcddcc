package cn.jiangmen.vethub.partner;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.PersonalColumns;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.ops.SourcePreview;
import cn.jiangmen.vethub.source.DatabaseSettings;
import cn.jiangmen.vethub.source.DatabaseSettings.WatermarkType;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.warehouse.KnownPersons;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dry run of a database source against a real partner database
 * ({@link PartnerDatabase}): the preview reads what the next run would read (from the
 * mark), at most {@code limit} rows, maps and checks them as a run does, masks what it
 * shows and writes nothing. The source is made in code with the id of the declared
 * example {@code pharmacy-db} (the same mapping), so that its columns are masked by the
 * roles the hub knows for it; the answer is made as the controller makes it.
 */
class DatabasePreviewIT extends HubIntegrationTest {

	private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 2, 9, 0);

	private static final String LI = IdCards.valid("440705", LocalDate.of(1941, 3, 15), 11, true);

	private static final String CHEN = IdCards.valid("440781", LocalDate.of(1944, 8, 2), 23, true);

	private static final String LIANG = IdCards.valid("430102", LocalDate.of(1945, 5, 9), 17, true);

	@Autowired
	private DatabaseSourceSync sync;

	@Autowired
	private PartnerPreview previewer;

	@Autowired
	private KnownPersons persons;

	@Autowired
	private PersonalColumns columns;

	@Autowired
	private DataSource dataSource;

	private PartnerDatabase partner;

	@BeforeEach
	void partnerDatabaseAndPersons() throws SQLException {
		this.partner = PartnerDatabase.recreate(this.dataSource, DATA_DIR);
		person(LI);
		person(CHEN);
	}

	@AfterEach
	void closePartner() {
		this.partner.close();
	}

	@Test
	void thePreviewReadsFromTheMarkChecksEachRowAndWritesNothing() throws Exception {
		this.partner.insert(rows(row("RX001", LI, "2026-11-01", "阿司匹林", "12.50", 0)));
		this.sync.syncNow(source(), RunTrigger.MANUAL, false).orElseThrow();
		this.partner.insert(rows(row("RX002", CHEN, "2026-11-01", "降压片", "36.00", 1),
				row("RX003", IdCards.withWrongCheckDigit(CHEN), "2026-11-01", "降压片", "36.00", 2),
				row("RX004", null, "2026-11-02", "胰岛素", "98.40", 3),
				row("RX005", LIANG, "2026-11-02", "心电图", "35.00", 4), row("RX006", LI, null, "血常规", "12.00", 5)));
		Map<String, Object> before = state();

		SourcePreview answer = preview(100);

		assertThat(answer.kind()).isEqualTo("database");
		assertThat(answer.limit()).isEqualTo(100);
		assertThat(answer.rowsRead()).as("RX001 is behind the mark").isEqualTo(5);
		assertThat(answer.wouldLoad()).isEqualTo(1);
		assertThat(answer.wouldReject()).isEqualTo(4);
		assertThat(answer.rejectsByReason()).containsOnly(Map.entry("bad_checksum", 1L),
				Map.entry("missing_required", 2L), Map.entry("unknown_person", 1L));
		assertThat(answer.rejectSample()).extracting((r) -> r.rowNumber() + "|" + r.reason())
			.containsExactlyInAnyOrder("2|bad_checksum", "3|missing_required", "4|unknown_person",
					"5|missing_required");
		assertThat(answer.rejectSample()).extracting(SourcePreview.Reject::recordKey)
			.containsExactlyInAnyOrder("RX003", "RX004", "RX005", "RX006");
		assertThat(answer.loadSample()).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("record_key", "RX002")
				.containsEntry("table", "dw.medical_service")
				.containsEntry("id_card", CHEN.substring(0, 6) + "*".repeat(12)));
		assertThat(answer.toString()).doesNotContain(LI, CHEN, LIANG, IdCards.withWrongCheckDigit(CHEN), "患者甲");
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void theLimitBoundsTheRead() throws Exception {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			rows.add(row("RX" + (100 + i), (i % 2 == 0) ? LI : CHEN, "2026-11-01", "药品" + i, "1.00", i));
		}
		this.partner.insert(rows);
		Map<String, Object> before = state();

		SourcePreview answer = preview(10);

		assertThat(answer.rowsRead()).isEqualTo(10);
		assertThat(answer.wouldLoad()).isEqualTo(10);
		assertThat(answer.loadSample()).extracting((r) -> r.get("record_key"))
			.as("the rows the next run would read first, in watermark order")
			.containsExactly("RX100", "RX101", "RX102", "RX103", "RX104", "RX105", "RX106", "RX107", "RX108", "RX109");
		assertThat(state()).isEqualTo(before);
	}

	private SourcePreview preview(int limit) throws Exception {
		SourceDefinition source = source();
		SourcePreview.Collector collector = new SourcePreview.Collector(source.id(), "database", null, limit);
		assertThat(this.previewer.handles(source)).isTrue();
		assertThat(this.previewer.takesFile(source)).isFalse();
		this.previewer.preview(source, null, null, limit, collector);
		return collector.answer(this.persons::among, this.columns);
	}

	private SourceDefinition source() {
		Map<String, Field> fields = new LinkedHashMap<>();
		fields.put("serial-no", new Field("serial_no", null, null, null));
		fields.put("id-card", new Field("id_card", null, null, null));
		fields.put("name", new Field("patient_name", null, null, null));
		fields.put("service-date", new Field("dispensed_on", null, null, null));
		fields.put("item", new Field("drug", null, null, null));
		fields.put("fee", new Field("fee", null, null, null));
		fields.put("discount", new Field("discount", null, null, null));
		DatabaseSettings settings = new DatabaseSettings(this.partner.url(), this.partner.user(),
				this.partner.password(), null, """
						SELECT serial_no, id_card, patient_name, dispensed_on, drug, fee, discount, updated_at
						  FROM vethub.dispensing_v
						 WHERE updated_at > :#watermark""", "updated_at", WatermarkType.TIMESTAMP, 50, 100,
				Duration.ofSeconds(2), "0 0 3 * * ?", "Asia/Shanghai",
				List.of(new Mapping(Target.MEDICAL_SERVICE, fields, null)));
		return new SourceDefinition("pharmacy-db", SourceKind.DATABASE, "测试药房", null, null, null, true, null, null,
				settings);
	}

	/** The ledger, the marks (with their values) and the warehouse, as counted rows. */
	private Map<String, Object> state() {
		Map<String, Object> state = new TreeMap<>();
		for (String table : List.of("ops.ingest_run", "ops.rejected_row", "ops.sync_mark", "dw.person",
				"dw.person_observation_log", "dw.medical_service")) {
			state.put(table, this.jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
		}
		state.put("marks",
				this.jdbc.queryForList("SELECT source_id, endpoint, since FROM ops.sync_mark ORDER BY 1, 2"));
		state.put("files", PartnerPreviewIT.files());
		return state;
	}

	private static List<Object[]> rows(Object[]... rows) {
		return new ArrayList<>(Arrays.asList(rows));
	}

	private static Object[] row(String serial, String idCard, String date, String drug, String fee, int minute) {
		return new Object[] { serial, idCard, "患者甲", (date != null) ? Date.valueOf(date) : null, drug,
				new BigDecimal(fee), BigDecimal.ZERO, Timestamp.valueOf(T0.plusMinutes(minute)) };
	}

	private void person(String idCard) {
		this.jdbc.update("""
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, '测试', 'M', ?, 'province', now())""", idCard, Date.valueOf(LocalDate
			.parse(idCard.substring(6, 10) + "-" + idCard.substring(10, 12) + "-" + idCard.substring(12, 14))));
	}

}
