package cn.jiangmen.vethub.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.validation.Validation;

import cn.jiangmen.vethub.source.PartnerSettings.FieldType;
import cn.jiangmen.vethub.source.PartnerSettings.Format;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cross-field rules of partner settings, through the reader that applies them at
 * start.
 */
class PartnerSettingsRulesTest {

	@TempDir
	Path dir;

	private final SourceFileReader reader = new SourceFileReader(
			Validation.buildDefaultValidatorFactory().getValidator(), new StandardEnvironment());

	private static final String HIS = """
			source:
			  id: his
			  kind: partner
			  name: 某医院
			  partner:
			    format: delimited
			    encoding: GBK
			    delimiter: "|"
			    trailer: TOTAL
			    mappings:
			      - target: medical_service
			        fields:
			          serial-no: { column: 流水号 }
			          service-date: { column: 就诊日期, format: yyyyMMdd }
			          id-card: { column: 身份证号, type: id_card }
			          fee: { column: 总费用, type: amount }
			""";

	@Test
	void readsAWellFormedPartnerWithDefaults() throws IOException {
		SourceDefinition source = this.reader.read(write("his", HIS));

		PartnerSettings partner = source.partner();
		assertThat(partner.format()).isEqualTo(Format.DELIMITED);
		assertThat(partner.delimiter()).isEqualTo("|");
		assertThat(partner.headerRow()).isNull();
		assertThat(partner.headerSearchRows()).isEqualTo(10);
		assertThat(partner.skipRowsStartingWith()).contains("制表", "合计");
		assertThat(partner.mappings()).singleElement().satisfies((m) -> {
			assertThat(m.target()).isEqualTo(Target.MEDICAL_SERVICE);
			assertThat(m.keyFields()).containsExactly("serial-no");
			assertThat(m.fields()).containsOnlyKeys("serial-no", "service-date", "id-card", "fee");
			assertThat(m.fields().get("fee").type()).isEqualTo(FieldType.AMOUNT);
		});
		assertThat(source.inboxFolder()).isEqualTo("inbox/partners/his");
	}

	@Test
	void theShippedSamplePartnersAreValid() {
		for (String id : new String[] { "eye-hospital", "city-hospital", "insurer" }) {
			SourceDefinition source = this.reader.read(Path.of("config/sources", id + ".yml"));
			assertThat(source.kind()).isEqualTo(SourceKind.PARTNER);
		}
	}

	@Test
	void delimitedTextNeedsADelimiter() throws IOException {
		assertRefused(HIS.replace("    delimiter: \"|\"\n", ""), "source.partner.delimiter",
				"is required when format is delimited");
	}

	@Test
	void csvHasNoDelimiterSetting() throws IOException {
		assertRefused(HIS.replace("format: delimited", "format: csv"), "source.partner.delimiter",
				"only for format delimited");
	}

	@Test
	void xlsxHasNoEncodingNorTrailer() throws IOException {
		String xlsx = HIS.replace("format: delimited", "format: xlsx").replace("    delimiter: \"|\"\n", "");
		assertRefused(xlsx, "source.partner.encoding", "must be left out for xlsx");
		assertRefused(xlsx.replace("    encoding: GBK\n", ""), "source.partner.trailer", "only for text files");
	}

	@Test
	void anUnknownCharsetIsRefused() throws IOException {
		assertRefused(HIS.replace("GBK", "GB2313"), "source.partner.encoding", "'GB2313' is not a known charset");
	}

	@Test
	void aRequiredTargetFieldMustBeMapped() throws IOException {
		assertRefused(HIS.replace("          service-date: { column: 就诊日期, format: yyyyMMdd }\n", ""),
				"source.partner.mappings[0].fields.service-date", "is required for medical_service");
	}

	@Test
	void theKeyMustBeMapped() throws IOException {
		assertRefused(HIS.replace("          serial-no: { column: 流水号 }\n", ""),
				"source.partner.mappings[0].record-key",
				"uses 'serial-no', which is not mapped to a column (the default key of medical_service");
		assertRefused(HIS.replace("        fields:\n", "        record-key: [service-date, item]\n        fields:\n"),
				"source.partner.mappings[0].record-key", "uses 'item', which is not mapped");
	}

	@Test
	void anUnknownTargetFieldIsRefusedWithTheKnownOnes() throws IOException {
		assertRefused(HIS.replace("fee: {", "fees: {"), "source.partner.mappings[0].fields.fees",
				"is not a field of medical_service (known: serial-no, id-card, name, service-date, department, item, "
						+ "fee, discount)");
	}

	@Test
	void aTypeThatDoesNotFitTheFieldIsRefused() throws IOException {
		assertRefused(HIS.replace("type: amount", "type: date"), "source.partner.mappings[0].fields.fee.type",
				"'date' does not fit fee, which is amount");
	}

	@Test
	void aFormatIsOnlyForDatesAndMustBeAPattern() throws IOException {
		assertRefused(HIS.replace("type: amount", "type: amount, format: '#.00'"),
				"source.partner.mappings[0].fields.fee.format", "is only for dates");
		assertRefused(HIS.replace("yyyyMMdd", "yyyyMMddb"), "source.partner.mappings[0].fields.service-date.format",
				"is not a date pattern");
	}

	@Test
	void aFieldTheWarehouseNeedsCannotBeOptional() throws IOException {
		assertRefused(HIS.replace("type: id_card", "type: id_card, required: false"),
				"source.partner.mappings[0].fields.id-card.required", "cannot be false");
	}

	@Test
	void oneColumnCannotFeedTwoFields() throws IOException {
		assertRefused(HIS.replace("column: 总费用", "column: 流水号"), "source.partner.mappings[0].fields.fee.column",
				"'流水号' is already mapped");
	}

	@Test
	void anUnknownSettingOrTargetIsRefused() throws IOException {
		assertRefused(HIS.replace("trailer: TOTAL", "trailer: TOTAL\n    trailler: TOTAL"), "source.partner.trailler",
				"is not a known setting");
		assertThatExceptionOfType(SourceConfigurationException.class)
			.isThrownBy(() -> this.reader.read(write("his", HIS.replace("medical_service", "eye_check"))))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("source.partner.mappings[0].target"));
	}

	@Test
	void mappingsAreRequiredAndATargetIsMappedOnce() throws IOException {
		int cut = HIS.indexOf("    mappings:");
		assertRefused(HIS.substring(0, cut), "source.partner.mappings", "must not be empty");
		String twice = HIS + HIS.substring(HIS.indexOf("      - target"));
		assertRefused(twice, "source.partner.mappings[1].target", "'medical_service' is mapped twice");
	}

	private void assertRefused(String yaml, String field, String reason) throws IOException {
		Path file = write("his", yaml);
		assertThatExceptionOfType(SourceConfigurationException.class).isThrownBy(() -> this.reader.read(file))
			.satisfies((ex) -> {
				assertThat(ex.getFile()).isEqualTo(file);
				assertThat(ex.getField()).isEqualTo(field);
				assertThat(ex.getMessage()).contains(reason);
			});
	}

	private Path write(String id, String yaml) throws IOException {
		return Files.writeString(this.dir.resolve(id + ".yml"), yaml, StandardCharsets.UTF_8);
	}

}
