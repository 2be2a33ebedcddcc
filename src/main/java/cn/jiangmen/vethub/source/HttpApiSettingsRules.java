package cn.jiangmen.vethub.source;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import cn.jiangmen.vethub.source.HttpApiSettings.AuthType;
import cn.jiangmen.vethub.source.HttpApiSettings.Paging;
import cn.jiangmen.vethub.source.HttpApiSettings.PagingStyle;
import org.quartz.CronExpression;
import tools.jackson.core.JsonPointer;

/**
 * The rules of an HTTP API source's settings that span several fields, checked when its
 * source file is read: a paging style the hub does not know, a JSON pointer that is not
 * one, a paging style without what it needs, an auth type without its secret. A broken
 * file is refused at start naming the file, the field and the reason.
 */
public final class HttpApiSettingsRules {

	private static final String ROOT = "source.http-api";

	private HttpApiSettingsRules() {
	}

	/**
	 * @throws SourceConfigurationException naming the first broken field
	 */
	public static void check(Path file, HttpApiSettings api) {
		String scheme = String.valueOf(api.baseUrl().getScheme()).toLowerCase(java.util.Locale.ROOT);
		require(file, scheme.equals("http") || scheme.equals("https"), ROOT + ".base-url",
				"'" + api.baseUrl() + "' must be an http or https URL");
		require(file, api.baseUrl().getHost() != null, ROOT + ".base-url", "'" + api.baseUrl() + "' has no host");
		require(file, api.baseUrl().getRawQuery() == null, ROOT + ".base-url",
				"must not hold a query: put parameters under query");
		require(file, api.path().isEmpty() || api.path().startsWith("/"), ROOT + ".path",
				"'" + api.path() + "' must start with '/'");
		pointer(file, ROOT + ".records", api.records());
		checkAuth(file, api.auth());
		checkPaging(file, api);
		if (api.errors().codePointer() != null) {
			pointer(file, ROOT + ".errors.code-pointer", api.errors().codePointer());
			require(file, !api.errors().okCodes().isEmpty(), ROOT + ".errors.ok-codes",
					"is required with code-pointer: the codes that mean success, e.g. [0, 200]");
		}
		else {
			require(file, api.errors().okCodes().isEmpty(), ROOT + ".errors.ok-codes",
					"needs code-pointer (where the reply holds its code, e.g. /code)");
		}
		if (api.errors().messagePointer() != null) {
			pointer(file, ROOT + ".errors.message-pointer", api.errors().messagePointer());
		}
		if (api.incremental() != null) {
			HttpApiSettings.Incremental inc = api.incremental();
			pointer(file, ROOT + ".incremental.cursor-field", inc.cursorField());
			require(file, !inc.cursorField().isEmpty(), ROOT + ".incremental.cursor-field",
					"must point into the record, e.g. /updatedAt");
			require(file, inc.numeric() || "timestamp".equalsIgnoreCase(inc.type()), ROOT + ".incremental.type",
					"'" + inc.type() + "' is not a cursor type (timestamp or number)");
			if (!inc.numeric() && !"epoch-millis".equals(inc.format()) && !"iso".equals(inc.format())) {
				try {
					DateTimeFormatter.ofPattern(inc.format());
				}
				catch (IllegalArgumentException ex) {
					throw new SourceConfigurationException(file, ROOT + ".incremental.format", "'" + inc.format()
							+ "' is not epoch-millis, iso or a date-time pattern: " + ex.getMessage());
				}
			}
			require(file, !api.query().containsKey(inc.param()), ROOT + ".query." + inc.param(),
					"is the incremental parameter: the hub sets it from the mark");
		}
		require(file, !api.maxBackoff().isNegative() && api.maxBackoff().compareTo(api.backoff()) >= 0,
				ROOT + ".max-backoff", "must be at least backoff (" + api.backoff() + ")");
		require(file, !api.readTimeout().isZero() && !api.readTimeout().isNegative(), ROOT + ".read-timeout",
				"must be positive");
		require(file, !api.connectTimeout().isZero() && !api.connectTimeout().isNegative(), ROOT + ".connect-timeout",
				"must be positive");
		try {
			CronExpression.validateExpression(api.schedule());
		}
		catch (ParseException ex) {
			throw new SourceConfigurationException(file, ROOT + ".schedule",
					"'" + api.schedule()
							+ "' is not a Quartz cron (seconds minutes hours day month weekday, e.g. '0 0 3 * * ?'): "
							+ ex.getMessage());
		}
		try {
			ZoneId.of(api.timeZone());
		}
		catch (DateTimeException ex) {
			throw new SourceConfigurationException(file, ROOT + ".time-zone",
					"'" + api.timeZone() + "' is not a time zone (e.g. Asia/Shanghai)");
		}
		require(file, api.mappings().size() == 1, ROOT + ".mappings",
				"must hold exactly one mapping: one endpoint feeds one fact table (declare a source per endpoint)");
		for (Map.Entry<String, PartnerSettings.Field> field : api.mapping().fields().entrySet()) {
			pointer(file, ROOT + ".mappings[0].fields." + field.getKey() + ".column", field.getValue().column());
		}
		PartnerSettingsRules.checkMapping(file, ROOT + ".mappings[0]", api.mapping());
	}

	private static void checkAuth(Path file, HttpApiSettings.Auth auth) {
		AuthType type = auth.kind();
		require(file, type != null, ROOT + ".auth.type",
				"'" + auth.type() + "' is not an auth type (none, api-key, basic, oauth2)");
		switch (type) {
			case NONE -> {
			}
			case API_KEY -> secret(file, "key", auth.key(), "api-key");
			case BASIC -> {
				require(file, auth.username() != null && !auth.username().isBlank(), ROOT + ".auth.username",
						"is required for basic auth");
				secret(file, "password", auth.password(), "basic");
			}
			case OAUTH2 -> {
				require(file, auth.tokenUrl() != null && !auth.tokenUrl().isBlank(), ROOT + ".auth.token-url",
						"is required for oauth2 (the token endpoint, e.g. /oauth/token)");
				require(file, auth.clientId() != null && !auth.clientId().isBlank(), ROOT + ".auth.client-id",
						"is required for oauth2");
				secret(file, "client-secret", auth.clientSecret(), "oauth2");
			}
		}
	}

	/**
	 * A secret must be written (normally as a placeholder); one that resolved to nothing
	 * leaves the source misconfigured ({@link SourceFileReader}), not refused.
	 */
	private static void secret(Path file, String name, String value, String type) {
		require(file, value != null, ROOT + ".auth." + name,
				"is required for " + type + " auth (write it as a placeholder, e.g. ${MY_API_SECRET})");
	}

	private static void checkPaging(Path file, HttpApiSettings api) {
		Paging paging = api.paging();
		PagingStyle style = paging.kind();
		require(file, style != null, ROOT + ".paging.style",
				"'" + paging.style() + "' is not a paging style (" + PagingStyle.codes() + ")");
		switch (style) {
			case PAGE_NUMBER -> {
				if (paging.sizePointer() != null) {
					pointer(file, ROOT + ".paging.size-pointer", paging.sizePointer());
				}
				if (paging.pagesPointer() != null) {
					pointer(file, ROOT + ".paging.pages-pointer", paging.pagesPointer());
				}
			}
			case CURSOR -> {
				require(file, paging.cursorPointer() != null, ROOT + ".paging.cursor-pointer",
						"is required for cursor paging: where the reply holds the next cursor, e.g. /result/nextCursor");
				pointer(file, ROOT + ".paging.cursor-pointer", paging.cursorPointer());
			}
			case NEXT_LINK -> {
				require(file, paging.nextPointer() != null, ROOT + ".paging.next-pointer",
						"is required for next-link paging: where the reply holds the next page's URL, e.g. /links/next");
				pointer(file, ROOT + ".paging.next-pointer", paging.nextPointer());
			}
			case KEYSET -> {
				require(file, api.incremental() != null, ROOT + ".incremental",
						"is required for keyset paging: its cursor-field and param page the endpoint");
				require(file, api.incremental().inclusive(), ROOT + ".incremental.inclusive",
						"must be true for keyset paging: with '> last value' the records that share the last value"
								+ " of a page and did not fit on it would be lost");
			}
			case NONE, OFFSET -> {
			}
		}
		if (style != PagingStyle.PAGE_NUMBER) {
			require(file, paging.sizePointer() == null && paging.pagesPointer() == null, ROOT + ".paging",
					"size-pointer and pages-pointer are for page-number paging only");
		}
	}

	/** A JSON pointer: empty (the whole document) or {@code /a/b/0}. */
	static void pointer(Path file, String field, String value) {
		require(file, value != null, field, "is required (a JSON pointer such as /data/records)");
		try {
			JsonPointer.compile(value);
		}
		catch (IllegalArgumentException ex) {
			throw new SourceConfigurationException(file, field, "'" + value
					+ "' is not a JSON pointer (RFC 6901: empty, or starting with '/', e.g. /data/records)");
		}
	}

	private static void require(Path file, boolean ok, String field, String reason) {
		if (!ok) {
			throw new SourceConfigurationException(file, field, reason);
		}
	}

}
