package cn.jiangmen.vethub.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.io.FileSystemResource;

/**
 * Reads one source file into a {@link SourceDefinition}: binds it with Spring's relaxed
 * binding (so {@code county-code} and {@code countyCode} both work and {@code ${ENV_VAR}}
 * placeholders resolve against the environment), refuses unknown keys (a typo must not be
 * silently ignored), validates the constraints and the rules that depend on the kind.
 */
public class SourceFileReader {

	private static final String ROOT = "source";

	private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern
		.compile("\\$\\{([A-Za-z0-9_.-]+)");

	private final Validator validator;

	private final Environment environment;

	public SourceFileReader(Validator validator, Environment environment) {
		this.validator = validator;
		this.environment = environment;
	}

	public SourceDefinition read(Path file) {
		return declare(file).source();
	}

	/**
	 * Reads one source file, and says whether the source, though well-formed, cannot run
	 * as configured (a province source whose secret is empty).
	 */
	public Declared declare(Path file) {
		List<PropertySource<?>> loaded;
		try {
			loaded = new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
		}
		catch (IOException | RuntimeException ex) {
			throw new SourceConfigurationException(file, null, "not valid YAML: " + firstLine(ex.getMessage()));
		}
		if (loaded.size() != 1) {
			throw new SourceConfigurationException(file, null, "must hold exactly one YAML document");
		}
		Binder binder = new Binder(ConfigurationPropertySources.from(loaded.get(0)),
				(value) -> (value instanceof String s) ? this.environment.resolveRequiredPlaceholders(s) : value);
		SourceDefinition source;
		try {
			BindHandler handler = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);
			source = binder.bind(ROOT, Bindable.of(SourceDefinition.class), handler).orElse(null);
		}
		catch (BindException ex) {
			throw translate(file, ex);
		}
		catch (IllegalArgumentException ex) {
			throw new SourceConfigurationException(file, null, firstLine(ex.getMessage()));
		}
		if (source == null) {
			throw new SourceConfigurationException(file, ROOT, "missing: the file must start with 'source:'");
		}
		Set<ConstraintViolation<SourceDefinition>> violations = this.validator.validate(source);
		if (!violations.isEmpty()) {
			ConstraintViolation<SourceDefinition> first = violations.stream()
				.sorted((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
				.findFirst()
				.orElseThrow();
			throw new SourceConfigurationException(file, ROOT + "." + kebab(first.getPropertyPath().toString()),
					first.getMessage());
		}
		checkKindRules(file, source);
		String expected = source.id() + ".yml";
		if (!file.getFileName().toString().equals(expected)) {
			throw new SourceConfigurationException(file, "source.id",
					"is '" + source.id() + "' but the file is not named " + expected);
		}
		return new Declared(source, misconfiguration(source, loaded.get(0)));
	}

	/**
	 * Why a well-formed source cannot run: a province source without a client secret (its
	 * placeholder, such as {@code ${PROVINCE_CLIENT_SECRET:}}, resolved to nothing), an
	 * http-api source without the secret of its auth, a database source whose password
	 * placeholder resolved to nothing. The message names the environment variable of the
	 * placeholder. Null when nothing is wrong.
	 */
	private static String misconfiguration(SourceDefinition source, PropertySource<?> raw) {
		if (source.kind() == SourceKind.HTTP_API && source.httpApi() != null) {
			return httpApiMisconfiguration(source.httpApi(), raw);
		}
		if (source.kind() == SourceKind.DATABASE && source.database() != null) {
			return databaseMisconfiguration(source.database(), raw);
		}
		if (source.kind() != SourceKind.PROVINCE || source.province() == null
				|| (source.province().clientSecret() != null && !source.province().clientSecret().isBlank())) {
			return null;
		}
		Object written = raw.getProperty(ROOT + ".province.client-secret");
		if (written == null) {
			written = raw.getProperty(ROOT + ".province.clientSecret");
		}
		java.util.regex.Matcher variable = PLACEHOLDER.matcher(String.valueOf(written));
		if (variable.find()) {
			return "source.province.client-secret is empty: the environment variable " + variable.group(1)
					+ " is not set";
		}
		return "source.province.client-secret is empty: set it, e.g. to ${PROVINCE_CLIENT_SECRET}";
	}

	/**
	 * Why an http-api source cannot run: the secret its auth type needs (api-key's key,
	 * basic's password, oauth2's client secret) resolved to nothing, naming the
	 * environment variable of its placeholder. Null when nothing is wrong.
	 */
	private static String httpApiMisconfiguration(HttpApiSettings api, PropertySource<?> raw) {
		String name = switch (api.auth().kind()) {
			case API_KEY -> "key";
			case BASIC -> "password";
			case OAUTH2 -> "client-secret";
			case NONE -> null;
		};
		if (name == null) {
			return null;
		}
		String value = switch (api.auth().kind()) {
			case API_KEY -> api.auth().key();
			case BASIC -> api.auth().password();
			default -> api.auth().clientSecret();
		};
		if (value != null && !value.isBlank()) {
			return null;
		}
		String field = ROOT + ".http-api.auth." + name;
		Object written = raw.getProperty(field);
		java.util.regex.Matcher variable = PLACEHOLDER.matcher(String.valueOf(written));
		if (variable.find()) {
			return field + " is empty: the environment variable " + variable.group(1) + " is not set";
		}
		return field + " is empty: set it, e.g. to a placeholder such as ${MY_API_SECRET}";
	}

	/**
	 * Why a database source cannot run: its password is written as a placeholder (such as
	 * {@code ${PHARMACY_DB_PASSWORD:}}) that resolved to nothing, naming the variable. A
	 * database that takes no password has no {@code password} line, or an empty literal:
	 * that is not a misconfiguration.
	 */
	private static String databaseMisconfiguration(DatabaseSettings database, PropertySource<?> raw) {
		if (database.password() != null && !database.password().isBlank()) {
			return null;
		}
		String field = ROOT + ".database.password";
		Object written = raw.getProperty(field);
		java.util.regex.Matcher variable = PLACEHOLDER.matcher(String.valueOf(written));
		if (written == null || !variable.find()) {
			return null;
		}
		return field + " is empty: the environment variable " + variable.group(1) + " is not set";
	}

	/**
	 * A source file's source, and why it cannot run as configured (null when it can).
	 */
	public record Declared(SourceDefinition source, String misconfiguration) {
	}

	private static void checkKindRules(Path file, SourceDefinition source) {
		switch (source.kind()) {
			case COUNTY -> {
				require(file, source.countyCode() != null, "source.county-code", "is required for a county source");
				forbid(file, source.province(), "source.province", "county");
				forbid(file, source.partner(), "source.partner", "county");
				forbid(file, source.database(), "source.database", "county");
				forbid(file, source.sftp(), "source.sftp", "county");
				forbid(file, source.httpApi(), "source.http-api", "county");
			}
			case PROVINCE -> {
				require(file, source.province() != null, "source.province",
						"is required for a province source (base-url, client-id, client-secret)");
				forbid(file, source.partner(), "source.partner", "province");
				forbid(file, source.database(), "source.database", "province");
				forbid(file, source.sftp(), "source.sftp", "province");
				forbid(file, source.httpApi(), "source.http-api", "province");
			}
			case PARTNER -> {
				require(file, source.partner() != null, "source.partner",
						"is required for a partner source (its file format and mapping)");
				forbid(file, source.province(), "source.province", "partner");
				forbid(file, source.database(), "source.database", "partner");
				forbid(file, source.sftp(), "source.sftp", "partner");
				forbid(file, source.httpApi(), "source.http-api", "partner");
				PartnerSettingsRules.check(file, source.partner());
			}
			case SFTP -> {
				require(file, source.sftp() != null, "source.sftp",
						"is required for an sftp source (host, username, password or private-key-file, folder)");
				require(file, source.partner() != null, "source.partner",
						"is required for an sftp source (the format and mapping of its files)");
				forbid(file, source.province(), "source.province", "sftp");
				forbid(file, source.database(), "source.database", "sftp");
				forbid(file, source.httpApi(), "source.http-api", "sftp");
				PartnerSettingsRules.check(file, source.partner());
				SftpSettingsRules.check(file, source.sftp());
			}
			case DATABASE -> {
				require(file, source.database() != null, "source.database",
						"is required for a database source (url, query, mappings)");
				forbid(file, source.province(), "source.province", "database");
				forbid(file, source.partner(), "source.partner", "database");
				forbid(file, source.sftp(), "source.sftp", "database");
				forbid(file, source.httpApi(), "source.http-api", "database");
				require(file, source.folder() == null, "source.folder",
						"does not belong in a database source (it reads no folder)");
				DatabaseSettingsRules.check(file, source.database());
			}
			case HTTP_API -> {
				require(file, source.httpApi() != null, "source.http-api",
						"is required for an http-api source (base-url, path, records, mappings)");
				forbid(file, source.province(), "source.province", "http-api");
				forbid(file, source.partner(), "source.partner", "http-api");
				forbid(file, source.database(), "source.database", "http-api");
				forbid(file, source.sftp(), "source.sftp", "http-api");
				require(file, source.folder() == null, "source.folder",
						"does not belong in an http-api source (it reads no folder)");
				HttpApiSettingsRules.check(file, source.httpApi());
			}
		}
		if (source.filePattern() != null) {
			try {
				java.util.regex.Pattern.compile(source.filePattern());
			}
			catch (java.util.regex.PatternSyntaxException ex) {
				throw new SourceConfigurationException(file, "source.file-pattern",
						"is not a valid regular expression: " + firstLine(ex.getDescription()));
			}
		}
		if (source.folder() != null && (source.folder().contains("..") || Path.of(source.folder()).isAbsolute())) {
			throw new SourceConfigurationException(file, "source.folder",
					"must be a relative folder inside hub.data-dir without '..'");
		}
	}

	private static void require(Path file, boolean ok, String field, String reason) {
		if (!ok) {
			throw new SourceConfigurationException(file, field, reason);
		}
	}

	private static void forbid(Path file, Object section, String field, String kind) {
		if (section != null) {
			throw new SourceConfigurationException(file, field, "does not belong in a " + kind + " source");
		}
	}

	private static SourceConfigurationException translate(Path file, BindException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnboundConfigurationPropertiesException unbound) {
			String names = unbound.getUnboundProperties()
				.stream()
				.map((p) -> p.getName().toString())
				.sorted()
				.reduce((a, b) -> a + ", " + b)
				.orElse("?");
			return new SourceConfigurationException(file, names, "is not a known setting (misspelt?)");
		}
		String reason = (cause != null) ? firstLine(cause.getMessage()) : firstLine(ex.getMessage());
		if (cause != null && cause.getCause() != null) {
			reason = firstLine(rootCause(cause).getMessage());
		}
		return new SourceConfigurationException(file, ex.getName().toString(), "cannot be read: " + reason);
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unknown error";
		}
		int nl = message.indexOf('\n');
		return (nl < 0) ? message : message.substring(0, nl);
	}

	private static String kebab(String path) {
		return path.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

}
