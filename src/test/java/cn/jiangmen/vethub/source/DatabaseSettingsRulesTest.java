package cn.jiangmen.vethub.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database source file as IT staff write it, read by {@link SourceFileReader}: what it
 * binds to, and each mistake refused with the file, the field and the reason.
 */
class DatabaseSettingsRulesTest {

	private static ValidatorFactory factory;

	private static SourceFileReader reader;

	@TempDir
	Path dir;

	@BeforeAll
	static void setUp() {
		factory = Validation.buildDefaultValidatorFactory();
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources()
			.addFirst(new MapPropertySource("test",
					Map.of("PHARMACY_DB_USER", "hub_reader", "PHARMACY_DB_PASSWORD", "pw-from-env-1234")));
		reader = new SourceFileReader(factory.getValidator(), env);
	}

	@AfterAll
	static void tearDown() {
		factory.close();
	}

	/** The worked example of docs/sources.md, with one line replaced. */
	private static String example(String line, String replacement) {
		String yaml = """
				source:
				  id: pharmacy-db
				  kind: database
				  name: 示例大药房
				  database:
				    url: jdbc:postgresql://db.pharmacy.example:5432/his
				    username: ${PHARMACY_DB_USER}
				    password: ${PHARMACY_DB_PASSWORD}
				    query: SELECT * FROM vethub.dispensing WHERE updated_at > :#watermark
				    watermark-column: updated_at
				    fetch-size: 2000
				    schedule: "0 30 3 * * ?"
				    time-zone: Asia/Shanghai
				    mappings:
				      - target: medical_service
				        fields:
				          serial-no: { column: serial_no }
				          id-card: { column: id_card }
				          service-date: { column: dispensed_on }
				          item: { column: drug }
				          fee: { column: fee }
				""";
		if (line == null) {
			return yaml;
		}
		if (!yaml.contains(line)) {
			throw new IllegalArgumentException("not in the example: " + line);
		}
		return yaml.replace(line, replacement);
	}

	private SourceDefinition read(String yaml) throws IOException {
		Path file = this.dir.resolve("pharmacy-db.yml");
		Files.writeString(file, yaml, StandardCharsets.UTF_8);
		return reader.read(file);
	}

	@Test
	void readsTheWorkedExampleWithTheSecretsFromTheEnvironment() throws IOException {
		SourceDefinition source = read(example(null, null));
		assertThat(source.kind()).isEqualTo(SourceKind.DATABASE);
		assertThat(source.inboxFolder()).isNull();
		DatabaseSettings db = source.database();
		assertThat(db.username()).isEqualTo("hub_reader");
		assertThat(db.password()).isEqualTo("pw-from-env-1234");
		assertThat(db.incremental()).isTrue();
		assertThat(db.watermarkType()).isEqualTo(DatabaseSettings.WatermarkType.TIMESTAMP);
		assertThat(db.fetchSize()).isEqualTo(2000);
		assertThat(db.commitRows()).isEqualTo(10000);
		assertThat(db.mapping().target()).isEqualTo(PartnerSettings.Target.MEDICAL_SERVICE);
		assertThat(db.toString()).doesNotContain("pw-from-env-1234").contains("password=****");
		assertThat(source.toString()).doesNotContain("pw-from-env-1234");
	}

	@Test
	void aPasswordWhoseVariableIsEmptyIsMisconfiguredNamingItAndNoPasswordLineIsNot() throws IOException {
		Path file = this.dir.resolve("pharmacy-db.yml");
		Files.writeString(file, example("${PHARMACY_DB_PASSWORD}", "${PHARMACY_DB_UNSET_PASSWORD:}"),
				StandardCharsets.UTF_8);
		assertThat(reader.declare(file).misconfiguration())
			.isEqualTo("source.database.password is empty: the environment variable PHARMACY_DB_UNSET_PASSWORD "
					+ "is not set");
		Files.writeString(file, example(null, null), StandardCharsets.UTF_8);
		assertThat(reader.declare(file).misconfiguration()).isNull();
		// a database that takes no password (trust, a client certificate) has no password
		Files.writeString(file, example("    password: ${PHARMACY_DB_PASSWORD}\n", ""), StandardCharsets.UTF_8);
		assertThat(reader.declare(file).misconfiguration()).isNull();
	}

	@Test
	void refusesAnIncrementalQueryWithoutTheWatermarkParameter() {
		assertThatThrownBy(
				() -> read(example("WHERE updated_at > :#watermark", "WHERE updated_at > now() - interval '1 day'")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("pharmacy-db.yml")
			.hasMessageContaining("field 'source.database.query'")
			.hasMessageContaining("has no watermark parameter");
	}

	@Test
	void takesTheWatermarkParameterInBothSpellings() throws IOException {
		SourceDefinition source = read(example(":#watermark", ":watermark"));
		assertThat(source.database().incremental()).isTrue();
	}

	@Test
	void refusesTheParameterWhenNoWatermarkColumnIsSet() {
		assertThatThrownBy(() -> read(example("    watermark-column: updated_at\n", "")))
			.hasMessageContaining("field 'source.database.query'")
			.hasMessageContaining("watermark-column is not set");
	}

	@Test
	void refusesAMissingEnvironmentVariableNamingIt() {
		assertThatThrownBy(() -> read(example("${PHARMACY_DB_PASSWORD}", "${PHARMACY_DB_SECRET}")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("pharmacy-db.yml")
			.hasMessageContaining("source.database.password")
			.hasMessageContaining("PHARMACY_DB_SECRET");
	}

	@Test
	void refusesABadCron() {
		assertThatThrownBy(() -> read(example("\"0 30 3 * * ?\"", "\"every night\"")))
			.hasMessageContaining("field 'source.database.schedule'")
			.hasMessageContaining("is not a Quartz cron");
	}

	@Test
	void refusesABadTimeZone() {
		assertThatThrownBy(() -> read(example("time-zone: Asia/Shanghai", "time-zone: Asia/Jiangmen")))
			.hasMessageContaining("field 'source.database.time-zone'");
	}

	@Test
	void refusesAPasswordInTheUrl() {
		assertThatThrownBy(() -> read(example("5432/his", "5432/his?user=x&password=hunter2")))
			.hasMessageContaining("field 'source.database.url'")
			.hasMessageContaining("must not hold the password")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("hunter2"));
	}

	@Test
	void refusesAUrlNoDriverTakes() {
		assertThatThrownBy(() -> read(example("jdbc:postgresql:", "jdbc:informix-sqli:")))
			.hasMessageContaining("field 'source.database.url'")
			.hasMessageContaining("no JDBC driver on the class path");
	}

	@Test
	void refusesADriverThatIsNotOnTheClassPath() {
		assertThatThrownBy(() -> read(
				example("    fetch-size: 2000\n", "    fetch-size: 2000\n    driver: com.ibm.db2.jcc.DB2Driver\n")))
			.hasMessageContaining("field 'source.database.driver'")
			.hasMessageContaining("is not on the class path");
	}

	@Test
	void refusesAStatementThatIsNotASelect() {
		assertThatThrownBy(
				() -> read(example("SELECT * FROM vethub.dispensing WHERE", "DELETE FROM vethub.dispensing WHERE")))
			.hasMessageContaining("field 'source.database.query'")
			.hasMessageContaining("must be one SELECT");
		assertThatThrownBy(() -> read(example(":#watermark\n", ":#watermark; DROP TABLE x\n")))
			.hasMessageContaining("must be one statement");
	}

	@Test
	void refusesAWatermarkColumnThatIsAnExpression() {
		assertThatThrownBy(() -> read(example("watermark-column: updated_at", "watermark-column: \"greatest(a, b)\"")))
			.hasMessageContaining("field 'source.database.watermark-column'");
	}

	@Test
	void checksTheMappingAsForAPartnerFile() {
		assertThatThrownBy(() -> read(example("          id-card: { column: id_card }\n", "")))
			.hasMessageContaining("field 'source.database.mappings[0].fields.id-card'")
			.hasMessageContaining("is required for medical_service");
		assertThatThrownBy(() -> read(example("fee: { column: fee }", "fee: { column: fee, type: date }")))
			.hasMessageContaining("field 'source.database.mappings[0].fields.fee.type'");
	}

	@Test
	void refusesAFolderAndPartnerSettings() {
		assertThatThrownBy(() -> read(example("  name: 示例大药房\n", "  name: 示例大药房\n  folder: inbox/x\n")))
			.hasMessageContaining("field 'source.folder'");
	}

}
