package cn.jiangmen.vethub.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceFileReaderTest {

	private static jakarta.validation.ValidatorFactory factory;

	private static SourceFileReader reader;

	@TempDir
	Path dir;

	@BeforeAll
	static void setUp() {
		factory = Validation.buildDefaultValidatorFactory();
		Validator validator = factory.getValidator();
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("PROVINCE_CLIENT_SECRET", "s3cret-from-env")));
		reader = new SourceFileReader(validator, env);
	}

	@AfterAll
	static void tearDown() {
		factory.close();
	}

	private Path write(String name, String yaml) throws IOException {
		Path file = this.dir.resolve(name);
		Files.writeString(file, yaml, StandardCharsets.UTF_8);
		return file;
	}

	@Test
	void readsACountySourceWithItsDefaultInbox() throws IOException {
		SourceDefinition source = reader.read(write("heshan.yml", """
				source:
				  id: heshan
				  kind: county
				  name: 鹤山市
				  county-code: "440784"
				"""));
		assertThat(source.kind()).isEqualTo(SourceKind.COUNTY);
		assertThat(source.countyCode()).isEqualTo("440784");
		assertThat(source.inboxFolder()).isEqualTo("inbox/county/heshan");
		assertThat(source.enabled()).isTrue();
	}

	@Test
	void resolvesSecretsFromTheEnvironmentAndNeverPrintsThem() throws IOException {
		SourceDefinition source = reader.read(write("province.yml", """
				source:
				  id: province
				  kind: province
				  name: 省系统
				  province:
				    base-url: https://example.invalid/gateway
				    client-id: jm
				    client-secret: ${PROVINCE_CLIENT_SECRET}
				    page-size: 200
				"""));
		assertThat(source.province().clientSecret()).isEqualTo("s3cret-from-env");
		assertThat(source.province().pageSize()).isEqualTo(200);
		assertThat(source.province().maxAttempts()).isEqualTo(5);
		assertThat(source.toString()).doesNotContain("s3cret-from-env");
	}

	@Test
	void aProvinceSourceWhoseSecretIsNotSetIsDeclaredMisconfiguredNamingTheVariable() throws IOException {
		String yaml = """
				source:
				  id: province
				  kind: province
				  name: 省系统
				  province:
				    base-url: https://example.invalid/gateway
				    client-id: jm
				    client-secret: ${PROVINCE_SECRET_OF_THE_BUREAU:}
				""";
		StandardEnvironment unset = new StandardEnvironment();
		SourceFileReader.Declared declared = new SourceFileReader(factory.getValidator(), unset)
			.declare(write("province.yml", yaml));
		assertThat(declared.source().province().clientSecret()).isEmpty();
		assertThat(declared.misconfiguration()).contains("client-secret", "PROVINCE_SECRET_OF_THE_BUREAU", "not set");
		StandardEnvironment set = new StandardEnvironment();
		set.getPropertySources()
			.addFirst(new MapPropertySource("env", Map.of("PROVINCE_SECRET_OF_THE_BUREAU", "from-the-bureau")));
		assertThat(new SourceFileReader(factory.getValidator(), set).declare(write("province.yml", yaml))
			.misconfiguration()).isNull();
		// the shipped province source has no secret of its own: only the demo profile
		// gives one
		SourceRegistry shipped = new SourceRegistry(Path.of("config/sources"),
				new SourceFileReader(factory.getValidator(), unset));
		assertThat(shipped.misconfiguration("province"))
			.hasValueSatisfying((why) -> assertThat(why).contains("PROVINCE_CLIENT_SECRET"));
		assertThat(shipped.misconfiguration("heshan")).isEmpty();
	}

	@Test
	void refusesAMisspeltSettingNamingTheFileAndField() throws IOException {
		Path file = write("heshan.yml", """
				source:
				  id: heshan
				  kind: county
				  name: 鹤山市
				  county-cod: "440784"
				""");
		assertThatThrownBy(() -> reader.read(file)).isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("heshan.yml")
			.hasMessageContaining("source.county-cod")
			.hasMessageContaining("not a known setting");
	}

	@Test
	void refusesACountyCodeOutsideJiangmen() throws IOException {
		Path file = write("heshan.yml", """
				source:
				  id: heshan
				  kind: county
				  name: 鹤山市
				  county-code: "440106"
				""");
		assertThatThrownBy(() -> reader.read(file)).isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.county-code")
			.hasMessageContaining("4407");
	}

	@Test
	void refusesACountyWithoutCountyCode() throws IOException {
		Path file = write("heshan.yml", """
				source:
				  id: heshan
				  kind: county
				  name: 鹤山市
				""");
		assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("source.county-code")
			.hasMessageContaining("required");
	}

	@Test
	void refusesAnUnknownKind() throws IOException {
		Path file = write("heshan.yml", """
				source:
				  id: heshan
				  kind: town
				  name: 鹤山市
				""");
		assertThatThrownBy(() -> reader.read(file)).isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.kind");
	}

	@Test
	void refusesAProvinceWithoutItsApiSettings() throws IOException {
		Path file = write("province.yml", """
				source:
				  id: province
				  kind: province
				  name: 省系统
				""");
		assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("source.province")
			.hasMessageContaining("required");
	}

	@Test
	void refusesABadPageSizeAndAMissingPlaceholder() throws IOException {
		Path big = write("province.yml", """
				source:
				  id: province
				  kind: province
				  name: 省系统
				  province:
				    base-url: https://example.invalid
				    client-id: jm
				    page-size: 100000
				""");
		assertThatThrownBy(() -> reader.read(big)).hasMessageContaining("source.province.page-size");
		Path unresolved = write("province.yml", """
				source:
				  id: province
				  kind: province
				  name: 省系统
				  province:
				    base-url: https://example.invalid
				    client-id: ${NO_SUCH_VARIABLE_ANYWHERE}
				""");
		assertThatThrownBy(() -> reader.read(unresolved)).isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("NO_SUCH_VARIABLE_ANYWHERE");
	}

	@Test
	void refusesAFileNamedOtherwiseThanItsId() throws IOException {
		Path file = write("heshan-old.yml", """
				source:
				  id: heshan
				  kind: county
				  name: 鹤山市
				  county-code: "440784"
				""");
		assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("source.id")
			.hasMessageContaining("heshan.yml");
	}

	@Test
	void refusesAFolderOutsideTheDataDirectory() throws IOException {
		Path file = write("heshan.yml", """
				source:
				  id: heshan
				  kind: county
				  name: 鹤山市
				  county-code: "440784"
				  folder: ../../etc
				""");
		assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("source.folder");
	}

	@Test
	void refusesBrokenYaml() throws IOException {
		Path file = write("heshan.yml", "source:\n  id: heshan\n    kind: [county\n");
		assertThatThrownBy(() -> reader.read(file)).isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("heshan.yml")
			.hasMessageContaining("YAML");
	}

	@Test
	void registryRefusesTwoSourcesSharingAFolder() throws IOException {
		write("heshan.yml", """
				source:
				  id: heshan
				  kind: county
				  name: 鹤山市
				  county-code: "440784"
				""");
		write("heshan2.yml", """
				source:
				  id: heshan2
				  kind: county
				  name: 鹤山市（旧）
				  county-code: "440784"
				  folder: inbox/county/heshan
				""");
		assertThatThrownBy(() -> new SourceRegistry(this.dir, reader)).hasMessageContaining("heshan2.yml")
			.hasMessageContaining("already the folder of source 'heshan'");
	}

	@Test
	void theShippedSourcesAreAllValid() {
		SourceRegistry registry = new SourceRegistry(Path.of("config/sources"), reader);
		assertThat(registry.ofKind(SourceKind.COUNTY)).extracting(SourceDefinition::countyCode)
			.containsExactlyInAnyOrder("440703", "440704", "440705", "440781", "440783", "440784", "440785");
		assertThat(registry.get("province").province().schedule()).isEqualTo("0 0 2 * * ?");
	}

}
