package cn.jiangmen.vethub.console;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.console.SourceSettingsView.MappingLine;
import cn.jiangmen.vethub.console.SourceSettingsView.Setting;
import cn.jiangmen.vethub.source.DatabaseSettings;
import cn.jiangmen.vethub.source.PartnerSettings;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import cn.jiangmen.vethub.source.ProvinceSettings;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceSettingsViewTest {

	private static Mapping dispensing() {
		Map<String, Field> fields = new LinkedHashMap<>();
		fields.put("serial-no", new Field("serial_no", null, null, null));
		fields.put("id-card", new Field("id_card", null, null, null));
		fields.put("name", new Field("patient", null, null, null));
		fields.put("service-date", new Field("dispensed_on", null, "yyyyMMdd", null));
		fields.put("fee", new Field("fee", null, null, true));
		return new Mapping(Target.MEDICAL_SERVICE, fields, null);
	}

	@Test
	void aDatabaseSourceShowsItsQueryAndMappingButNeitherItsPasswordNorTheUrlsOptions() {
		DatabaseSettings db = new DatabaseSettings(
				"jdbc:postgresql://reader:pw-in-url@db.pharmacy.example:5432/his?password=opt-secret", "vethub_reader",
				"Pharm@cy-Secret-42", null, "SELECT * FROM vethub.dispensing_v WHERE updated_at > :#watermark",
				"updated_at", DatabaseSettings.WatermarkType.TIMESTAMP, 5000, 10000, Duration.ofSeconds(10),
				"0 30 3 * * ?", "Asia/Shanghai", List.of(dispensing()));
		SourceDefinition source = new SourceDefinition("pharmacy-db", SourceKind.DATABASE, "示例大药房", null, null, ".*",
				true, null, null, db);

		List<Setting> settings = SourceSettingsView.settings(source);
		assertThat(settings.toString()).doesNotContain("Pharm@cy-Secret-42", "pw-in-url", "opt-secret");
		assertThat(settings).contains(new Setting("database.password", null, true, true),
				Setting.of("database.url", "jdbc:postgresql://db.pharmacy.example:5432/his"),
				Setting.of("database.schedule", "0 30 3 * * ?"));

		List<MappingLine> mapping = SourceSettingsView.mapping(source, Map.of());
		assertThat(mapping)
			.extracting(MappingLine::field, (m) -> m.columns().get(0), MappingLine::warehouseColumn,
					MappingLine::required, MappingLine::key)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("serial-no", "serial_no", null, false, true),
					org.assertj.core.groups.Tuple
						.tuple("id-card", "id_card", "dw.medical_service.id_card", true, false),
					org.assertj.core.groups.Tuple.tuple("name", "patient", null, false, false),
					org.assertj.core.groups.Tuple.tuple("service-date", "dispensed_on",
							"dw.medical_service.service_date", true, false),
					org.assertj.core.groups.Tuple.tuple("fee", "fee", "dw.medical_service.fee", true, false));
		assertThat(mapping.get(3).format()).isEqualTo("yyyyMMdd");
	}

	@Test
	void theProvincesSecretIsOnlySetOrNotAndAUrlLosesItsUserInformation() {
		ProvinceSettings set = new ProvinceSettings(URI.create("https://user:pass@tyjr.gd.gov.cn/gateway"), "jiangmen",
				"s3cr3t-client", 500, Duration.ofSeconds(5), Duration.ofSeconds(30), 5, Duration.ofSeconds(1),
				Duration.ofSeconds(60), "0 0 2 * * ?", "Asia/Shanghai");
		List<Setting> settings = SourceSettingsView
			.settings(new SourceDefinition("province", SourceKind.PROVINCE, "省系统", null, null, ".*", true, set, null));
		assertThat(settings.toString()).doesNotContain("s3cr3t-client", "pass");
		assertThat(settings).contains(new Setting("province.client-secret", null, true, true),
				Setting.of("province.base-url", "https://tyjr.gd.gov.cn/gateway"));

		ProvinceSettings unset = new ProvinceSettings(URI.create("https://tyjr.gd.gov.cn/gateway"), "jiangmen", "", 500,
				Duration.ofSeconds(5), Duration.ofSeconds(30), 5, Duration.ofSeconds(1), Duration.ofSeconds(60),
				"0 0 2 * * ?", "Asia/Shanghai");
		assertThat(SourceSettingsView.settings(
				new SourceDefinition("province", SourceKind.PROVINCE, "省系统", null, null, ".*", true, unset, null)))
			.contains(new Setting("province.client-secret", null, true, false));
	}

	@Test
	void aCountysMappingIsTheHeaderTextsOfEachField() {
		SourceDefinition heshan = new SourceDefinition("heshan", SourceKind.COUNTY, "鹤山市", "440784", null, ".*", true,
				null, null);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("id-card", List.of("身份证号码", "公民身份号码"));
		headers.put("town", List.of("镇街", "所属镇街"));
		assertThat(SourceSettingsView.mapping(heshan, headers)).extracting(MappingLine::field, MappingLine::columns)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("id-card", List.of("身份证号码", "公民身份号码")),
					org.assertj.core.groups.Tuple.tuple("town", List.of("镇街", "所属镇街")));
		assertThat(SourceSettingsView.settings(heshan)).contains(Setting.of("folder", "inbox/county/heshan"),
				Setting.of("county-code", "440784"));
	}

}
