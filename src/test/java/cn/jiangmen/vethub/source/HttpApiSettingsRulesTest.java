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
 * The http-api source shipped in {@code config/sources/social-insurance.yml}, read by
 * {@link SourceFileReader}: what it binds to, and each mistake refused at start with the
 * file, the field and the reason.
 */
class HttpApiSettingsRulesTest {

	private static final String KEY = "si-key-from-env-5678";

	private static ValidatorFactory factory;

	private static SourceFileReader reader;

	@TempDir
	Path dir;

	@BeforeAll
	static void setUp() {
		factory = Validation.buildDefaultValidatorFactory();
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("SI_API_KEY", KEY)));
		reader = new SourceFileReader(factory.getValidator(), env);
	}

	@AfterAll
	static void tearDown() {
		factory.close();
	}

	/** The shipped source file, with one text replaced. */
	private static String shipped(String text, String replacement) throws IOException {
		String yaml = Files.readString(Path.of("config/sources/social-insurance.yml"), StandardCharsets.UTF_8);
		if (text == null) {
			return yaml;
		}
		if (!yaml.contains(text)) {
			throw new IllegalArgumentException("not in the shipped file: " + text);
		}
		return yaml.replace(text, replacement);
	}

	private SourceFileReader.Declared read(String yaml) throws IOException {
		Path file = this.dir.resolve("social-insurance.yml");
		Files.writeString(file, yaml, StandardCharsets.UTF_8);
		return reader.declare(file);
	}

	@Test
	void readsTheShippedSourceWithItsKeyFromTheEnvironment() throws IOException {
		SourceFileReader.Declared declared = read(shipped(null, null));
		assertThat(declared.misconfiguration()).isNull();
		SourceDefinition source = declared.source();
		assertThat(source.kind()).isEqualTo(SourceKind.HTTP_API);
		assertThat(source.inboxFolder()).isNull();
		HttpApiSettings api = source.httpApi();
		assertThat(api.auth().kind()).isEqualTo(HttpApiSettings.AuthType.API_KEY);
		assertThat(api.auth().key()).isEqualTo(KEY);
		assertThat(api.paging().kind()).isEqualTo(HttpApiSettings.PagingStyle.CURSOR);
		assertThat(api.records()).isEqualTo("/result/items");
		assertThat(api.errors().okCodes()).containsExactly("0");
		assertThat(api.incremental().format()).isEqualTo("epoch-millis");
		assertThat(api.mapping().fields().get("id-card").column()).isEqualTo("/insured/certNo");
		assertThat(api.safeUrl()).isEqualTo("http://127.0.0.1:8080/demo/social-insurance/api/v2/insured-policies");
		assertThat(source.toString()).as("the key is never in a log line").doesNotContain(KEY).contains("key=****");
	}

	@Test
	void refusesAnUnknownPagingStyle() {
		assertThatThrownBy(() -> read(shipped("style: cursor", "style: pages")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("social-insurance.yml")
			.hasMessageContaining("field 'source.http-api.paging.style'")
			.hasMessageContaining(
					"'pages' is not a paging style (none, page-number, offset, cursor, next-link, keyset)");
	}

	@Test
	void refusesAJsonPointerThatIsNotOne() {
		assertThatThrownBy(() -> read(shipped("records: /result/items", "records: result.items")))
			.hasMessageContaining("field 'source.http-api.records'")
			.hasMessageContaining("'result.items' is not a JSON pointer");
		assertThatThrownBy(() -> read(shipped("{ column: /insured/certNo }", "{ column: insured/certNo }")))
			.hasMessageContaining("field 'source.http-api.mappings[0].fields.id-card.column'");
	}

	@Test
	void refusesCursorPagingWithoutWhereTheCursorIs() {
		assertThatThrownBy(() -> read(shipped("      cursor-pointer: /result/next\n", "")))
			.hasMessageContaining("field 'source.http-api.paging.cursor-pointer'")
			.hasMessageContaining("is required for cursor paging");
	}

	@Test
	void refusesAKeyWhoseEnvironmentVariableIsMissingAndMarksAnEmptyOneMisconfigured() throws IOException {
		assertThatThrownBy(() -> read(shipped("${SI_API_KEY:}", "${SI_MISSING_KEY}")))
			.isInstanceOf(SourceConfigurationException.class)
			.hasMessageContaining("source.http-api.auth.key")
			.hasMessageContaining("SI_MISSING_KEY");
		SourceFileReader.Declared empty = read(shipped("${SI_API_KEY:}", "${SI_UNSET_KEY:}"));
		assertThat(empty.misconfiguration())
			.isEqualTo("source.http-api.auth.key is empty: the environment variable SI_UNSET_KEY is not set");
	}

	@Test
	void refusesAnAuthTypeWithoutItsSecretAndAnUnknownOne() {
		assertThatThrownBy(() -> read(shipped("      key: ${SI_API_KEY:}\n", "")))
			.hasMessageContaining("field 'source.http-api.auth.key'")
			.hasMessageContaining("is required for api-key auth");
		assertThatThrownBy(() -> read(shipped("type: api-key", "type: digest")))
			.hasMessageContaining("field 'source.http-api.auth.type'")
			.hasMessageContaining("'digest' is not an auth type");
	}

	@Test
	void refusesKeysetPagingWithAnExclusiveCursor() {
		assertThatThrownBy(
				() -> read(shipped("style: cursor", "style: keyset").replace("inclusive: true", "inclusive: false")))
			.hasMessageContaining("field 'source.http-api.incremental.inclusive'")
			.hasMessageContaining("must be true for keyset paging");
	}

	@Test
	void refusesAMisspeltSetting() {
		assertThatThrownBy(() -> read(shipped("records: /result/items", "record: /result/items")))
			.hasMessageContaining("source.http-api.record")
			.hasMessageContaining("is not a known setting");
	}

}
