package cn.jiangmen.vethub.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.validation.Validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The registry refuses to start on a broken partner file, naming the file, the field and
 * the reason.
 */
class PartnerSourceRegistryTest {

	@TempDir
	Path folder;

	private final SourceFileReader reader = new SourceFileReader(
			Validation.buildDefaultValidatorFactory().getValidator(), new StandardEnvironment());

	@Test
	void theShippedSourcesIncludingThePartnersLoad() throws IOException {
		for (Path file : Files.list(Path.of("config/sources")).toList()) {
			Files.copy(file, this.folder.resolve(file.getFileName()));
		}
		SourceRegistry registry = new SourceRegistry(this.folder, this.reader);

		assertThat(registry.ofKind(SourceKind.PARTNER)).extracting(SourceDefinition::id)
			.containsExactlyInAnyOrder("city-hospital", "eye-hospital", "insurer", "training-school", "legal-aid",
					"service-centre", "volunteer-corps");
		assertThat(registry.get("insurer").partner().mappings()).hasSize(2);
	}

	@Test
	void aPartnerFileWithoutItsKeyColumnStopsTheStart() throws IOException {
		Path broken = Files.writeString(this.folder.resolve("dental-clinic.yml"), """
				source:
				  id: dental-clinic
				  kind: partner
				  name: 某口腔诊所
				  partner:
				    format: csv
				    mappings:
				      - target: insurance_claim
				        fields:
				          policy-no: { column: 保单号 }
				          id-card: { column: 证件号码 }
				""", StandardCharsets.UTF_8);

		assertThatExceptionOfType(SourceConfigurationException.class)
			.isThrownBy(() -> new SourceRegistry(this.folder, this.reader))
			.satisfies((ex) -> {
				assertThat(ex.getFile()).isEqualTo(broken);
				assertThat(ex.getField()).isEqualTo("source.partner.mappings[0].fields.claim-no");
				assertThat(ex.getMessage()).contains("dental-clinic.yml")
					.contains("is required for insurance_claim: map it to the partner's column");
			});
	}

}
