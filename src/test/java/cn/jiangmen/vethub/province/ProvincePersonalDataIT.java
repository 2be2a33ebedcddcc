package cn.jiangmen.vethub.province;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.ViewerLeaks;
import cn.jiangmen.vethub.testdata.ViewerLeaks.Sample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static cn.jiangmen.vethub.province.FakeProvinceApi.VETERANS;
import static cn.jiangmen.vethub.province.FakeProvinceApi.VISITS;
import static cn.jiangmen.vethub.testdata.ViewerLeaks.grouped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a VIEWER can read about the provincial sync's refused records, kept with every
 * field by its code (xm, sfzhm, csrq, lxdh, zfry, and remarks the hub does not load):
 * pages, API and exports give nobody away, not even a masked ID beside its birth date.
 */
class ProvincePersonalDataIT extends HubIntegrationTest {

	private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 8, 0);

	private static final LocalDate HUANG_BORN = LocalDate.of(1951, 7, 10);

	private static final String HUANG = IdCards.valid("440781", HUANG_BORN, 135, true);

	private static final String HUANG_SON = IdCards.valid("440781", LocalDate.of(1976, 4, 5), 22, true);

	private static final LocalDate WANG_BORN = LocalDate.of(1949, 11, 4);

	private static final String WANG = IdCards.valid("440705", WANG_BORN, 117, false);

	@Autowired
	private ProvinceSync sync;

	private FakeProvinceApi api;

	@BeforeEach
	void freshServer() {
		await().atMost(Duration.ofSeconds(90)).until(() -> !this.sync.isRunning("province"));
		this.jdbc.update("DELETE FROM ops.sync_mark");
		this.api = new FakeProvinceApi();
	}

	@AfterEach
	void closeServer() {
		this.api.close();
	}

	@Test
	void refusedVeteransAndVisitsShowAViewerNothingOfThePeopleInThem() {
		// refused for its category code, its csrq being the ID's own birth date
		Map<String, Object> huang = ProvinceSamples.veteran(1, T0.plusMinutes(1));
		huang.put("xm", "黄志强");
		huang.put("sfzhm", HUANG);
		huang.put("csrq", "19510710");
		huang.put("lxdh", "13823456789");
		huang.put("rylb", "77");
		huang.put("bz", "紧急联系人李四 13912345678 身份证" + grouped(HUANG_SON));
		this.api.put(VETERANS, huang);
		// refused for its check digit
		Map<String, Object> wang = ProvinceSamples.veteran(2, T0.plusMinutes(2));
		wang.put("xm", "王秀兰");
		wang.put("sfzhm", IdCards.withWrongCheckDigit(WANG));
		wang.put("csrq", "1949-11-04");
		wang.put("lxdh", "0750-3301234");
		this.api.put(VETERANS, wang);
		// a visit of a person the hub does not know yet: waits, with its visitor and
		// notes
		Map<String, Object> visit = ProvinceSamples.visit(1, 3, T0.plusHours(1));
		visit.put("sfzhm", HUANG_SON);
		visit.put("xm", "黄小明");
		visit.put("zfry", "刘建华");
		visit.put("zfnr", "看望黄小明，联系人李四 139 1234 5678");
		this.api.put(VISITS, visit);

		SourceDefinition source = new SourceDefinition("province", SourceKind.PROVINCE, "广东省退役军人信息管理系统", null, null,
				".*", true, this.api.settings(10), null);
		long run = this.sync.syncNow(source, RunTrigger.MANUAL, false).orElseThrow();
		assertThat(this.jdbc.queryForObject("SELECT rows_rejected FROM ops.ingest_run WHERE id = ?", Long.class, run))
			.isEqualTo(3L);
		Map<String, String> texts = ViewerLeaks.viewerTexts(this.port, viewerApi(), run, null);

		assertThat(texts.get("/runs/" + run)).contains("黄**", "王**", "刘**", "440781************", "1951-**-**",
				"1949-**-**", "138****6789", "V00001", "ZF000001");
		ViewerLeaks.assertNothingOf(texts,
				List.of(new Sample(List.of(HUANG, HUANG_SON), List.of("黄志强", "黄小明", "李四"),
						List.of("13823456789", "13912345678"), HUANG_BORN),
						new Sample(List.of(WANG), List.of("王秀兰"), List.of("07503301234"), WANG_BORN),
						new Sample(List.of(), List.of("刘建华"), List.of(), null)));
	}

}
