package cn.jiangmen.vethub.source;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import cn.jiangmen.vethub.source.PartnerSettings.Mapping;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Any JSON-over-HTTP API pulled on a schedule, written by IT staff under
 * {@code source.http-api} (see docs/sources.md, "HTTP API sources"). One source reads one
 * endpoint into one fact table: the records found at the JSON pointer {@code records} of
 * each reply are mapped with the same {@code mappings} as partner files
 * ({@link PartnerSettings.Mapping}), each field's {@code column} being a JSON pointer
 * into the record (e.g. {@code /insured/idNo}). Secrets (an API key, a password, a client
 * secret) are normally placeholders such as {@code ${SI_API_KEY}}, resolved from the
 * environment when the file is read and never logged. Rules across fields (a paging
 * style's parameters, a pointer that is not one) are {@link HttpApiSettingsRules}'.
 *
 * @param baseUrl the API's root, http or https, e.g. {@code https://api.example.cn/v2}
 * @param path the endpoint below it, e.g. {@code /policies}
 * @param query fixed query parameters sent with every page request
 * @param headers fixed request headers (e.g. {@code Accept-Language})
 * @param auth how the hub authenticates
 * @param paging how the endpoint pages
 * @param records the JSON pointer of the array of records in a reply ({@code ""} when the
 * reply is the array itself)
 * @param errors how an error sent with HTTP 200 looks
 * @param incremental the cursor field and how the next run asks for newer records;
 * absent: every run reads everything
 * @param connectTimeout time to open a connection
 * @param readTimeout time to wait for a reply
 * @param maxAttempts attempts of one request (5xx, timeout, cut-off body, 429) before the
 * run fails
 * @param backoff the first wait between attempts, doubled each time
 * @param maxBackoff the longest wait, also for a 429's {@code Retry-After}
 * @param schedule Quartz cron of the runs
 * @param timeZone the zone of the schedule, and of times without an offset
 * @param mappings exactly one mapping: the target and the fields of a record
 */
public record HttpApiSettings(@NotNull URI baseUrl, @DefaultValue("") String path, Map<String, String> query,
		Map<String, String> headers, @Valid Auth auth, @Valid Paging paging, @DefaultValue("") String records,
		@Valid Errors errors, @Valid Incremental incremental, @DefaultValue("5s") @NotNull Duration connectTimeout,
		@DefaultValue("30s") @NotNull Duration readTimeout, @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
		@DefaultValue("1s") @NotNull Duration backoff, @DefaultValue("60s") @NotNull Duration maxBackoff,
		@DefaultValue("0 0 3 * * ?") @NotBlank String schedule,
		@DefaultValue("Asia/Shanghai") @NotBlank String timeZone, @NotEmpty List<@Valid @NotNull Mapping> mappings) {

	public HttpApiSettings {
		query = (query != null) ? Map.copyOf(query) : Map.of();
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
		auth = (auth != null) ? auth : new Auth("none", null, null, null, null, null, null, null, null);
		paging = (paging != null) ? paging
				: new Paging("none", null, null, 100, 1, null, null, null, null, null, null, null);
		errors = (errors != null) ? errors : new Errors(null, List.of(), null);
	}

	/** The one mapping of the source. */
	public Mapping mapping() {
		return this.mappings.get(0);
	}

	/** Whether runs read from a high-water mark. */
	public boolean isIncremental() {
		return this.incremental != null;
	}

	/** The API's address as shown in the console: scheme, host, port and path only. */
	public String safeUrl() {
		String base = this.baseUrl.getScheme() + "://" + this.baseUrl.getHost()
				+ ((this.baseUrl.getPort() > 0) ? ":" + this.baseUrl.getPort() : "")
				+ ((this.baseUrl.getPath() != null) ? this.baseUrl.getPath() : "");
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + this.path;
	}

	/** The secrets of the settings, to be removed from anything the server sends back. */
	public List<String> secrets() {
		return java.util.stream.Stream.of(this.auth.key(), this.auth.password(), this.auth.clientSecret())
			.filter((s) -> s != null && !s.isEmpty())
			.toList();
	}

	/**
	 * How the hub authenticates.
	 *
	 * @param type {@code none}, {@code api-key} (a static key in a header), {@code basic}
	 * (HTTP Basic) or {@code oauth2} (client credentials)
	 * @param header api-key: the header that carries the key (default {@code X-Api-Key})
	 * @param key api-key: the key, e.g. {@code ${SI_API_KEY}}
	 * @param username basic: the user
	 * @param password basic: the password
	 * @param tokenUrl oauth2: the token endpoint (absolute, or relative to base-url)
	 * @param clientId oauth2: the client id
	 * @param clientSecret oauth2: the client secret
	 * @param scope oauth2: the scope asked for, if the server wants one
	 */
	public record Auth(@DefaultValue("none") String type, String header, String key, String username, String password,
			String tokenUrl, String clientId, String clientSecret, String scope) {

		public AuthType kind() {
			return AuthType.of(this.type);
		}

		/** The settings with their secrets masked: a log line never holds them. */
		@Override
		public String toString() {
			return "Auth[type=" + this.type + ", header=" + this.header + ", key=" + mask(this.key) + ", username="
					+ this.username + ", password=" + mask(this.password) + ", tokenUrl=" + this.tokenUrl
					+ ", clientId=" + this.clientId + ", clientSecret=" + mask(this.clientSecret) + ", scope="
					+ this.scope + "]";
		}

		private static String mask(String secret) {
			return (secret == null) ? null : "****";
		}

		/** The header of an api-key. */
		public String keyHeader() {
			return (this.header != null && !this.header.isBlank()) ? this.header : "X-Api-Key";
		}

	}

	/** The ways of authenticating. */
	public enum AuthType {

		NONE, API_KEY, BASIC, OAUTH2;

		public String code() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		/** The type written as {@code code}, or null when unknown. */
		public static AuthType of(String code) {
			for (AuthType t : values()) {
				if (t.code().equalsIgnoreCase(String.valueOf(code).strip())) {
					return t;
				}
			}
			return null;
		}

	}

	/**
	 * How an endpoint pages.
	 *
	 * @param style {@code none} (one reply holds everything), {@code page-number}
	 * ({@code current}/{@code size}), {@code offset} (offset/limit), {@code cursor} (a
	 * cursor from the reply sent back as a parameter), {@code next-link} (the URL of the
	 * next page in the reply) or {@code keyset} (the cursor field of the last record sent
	 * back as the incremental parameter)
	 * @param pageParam page-number: the page parameter (default {@code current})
	 * @param sizeParam page-number, offset: the page size parameter (default
	 * {@code size}, {@code limit} for offset)
	 * @param pageSize the page size asked for
	 * @param firstPage page-number: the number of the first page (1 or 0)
	 * @param sizePointer page-number: where the reply says the page size it used (a
	 * server may cap what was asked)
	 * @param pagesPointer page-number: where the reply says the number of pages
	 * @param offsetParam offset: the offset parameter (default {@code offset})
	 * @param cursorParam cursor: the parameter that carries the cursor (default
	 * {@code cursor})
	 * @param cursorPointer cursor: where the reply holds the next cursor (absent, null or
	 * empty: last page)
	 * @param nextPointer next-link: where the reply holds the next page's URL
	 * @param maxPages a run stops with an error after this many pages (a server that
	 * never ends)
	 */
	public record Paging(@DefaultValue("none") String style, String pageParam, String sizeParam,
			@DefaultValue("100") @Min(1) @Max(10000) int pageSize, @DefaultValue("1") @Min(0) @Max(1) int firstPage,
			String sizePointer, String pagesPointer, String offsetParam, String cursorParam, String cursorPointer,
			String nextPointer, Integer maxPages) {

		public PagingStyle kind() {
			return PagingStyle.of(this.style);
		}

		public String pageParamOrDefault() {
			return orDefault(this.pageParam, "current");
		}

		public String sizeParamOrDefault() {
			return orDefault(this.sizeParam, (kind() == PagingStyle.OFFSET) ? "limit" : "size");
		}

		public String offsetParamOrDefault() {
			return orDefault(this.offsetParam, "offset");
		}

		public String cursorParamOrDefault() {
			return orDefault(this.cursorParam, "cursor");
		}

		public int maxPagesOrDefault() {
			return (this.maxPages != null) ? this.maxPages : 100_000;
		}

	}

	/** The paging styles. */
	public enum PagingStyle {

		NONE, PAGE_NUMBER, OFFSET, CURSOR, NEXT_LINK, KEYSET;

		public String code() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		/** The style written as {@code code}, or null when unknown. */
		public static PagingStyle of(String code) {
			for (PagingStyle s : values()) {
				if (s.code().equalsIgnoreCase(String.valueOf(code).strip())) {
					return s;
				}
			}
			return null;
		}

		static String codes() {
			return String.join(", ", java.util.Arrays.stream(values()).map(PagingStyle::code).toList());
		}

	}

	/**
	 * How an error sent with HTTP 200 looks.
	 *
	 * @param codePointer where the reply holds its status code, e.g. {@code /code}
	 * @param okCodes the codes that mean success (e.g. {@code [0, 200]}); another code is
	 * an error, and one that is an HTTP status (401, 429, 5xx) is treated as that status
	 * @param messagePointer where the reply holds its message, e.g. {@code /message}
	 */
	public record Errors(String codePointer, List<String> okCodes, String messagePointer) {

		public Errors {
			okCodes = (okCodes != null) ? List.copyOf(okCodes) : List.of();
		}

	}

	/**
	 * Incremental reads.
	 *
	 * @param cursorField the JSON pointer of the record's update time (or a growing
	 * number), e.g. {@code /updatedAt}
	 * @param type {@code timestamp} (epoch milliseconds, or an ISO date-time with or
	 * without an offset) or {@code number}
	 * @param param the query parameter that asks for records from the mark
	 * @param format how the mark is written into {@code param}: {@code epoch-millis},
	 * {@code iso} ({@code 2026-11-02T09:00:00}, in time-zone) or a date-time pattern such
	 * as {@code yyyy-MM-dd HH:mm:ss}; numbers are written plain
	 * @param inclusive whether the server reads {@code >= mark} (records at the mark are
	 * read again, which costs nothing: they are upserted) rather than {@code > mark}
	 * @param ordered whether the server returns records in cursor order, so that the mark
	 * may advance with every committed page; otherwise it advances with the run's last
	 * page only (a failed run reads its pages again next time)
	 */
	public record Incremental(@NotBlank String cursorField, @DefaultValue("timestamp") String type,
			@NotBlank String param, @DefaultValue("iso") String format, @DefaultValue("true") boolean inclusive,
			@DefaultValue("false") boolean ordered) {

		public boolean numeric() {
			return "number".equalsIgnoreCase(this.type);
		}

	}

	private static String orDefault(String value, String otherwise) {
		return (value != null && !value.isBlank()) ? value : otherwise;
	}

}
