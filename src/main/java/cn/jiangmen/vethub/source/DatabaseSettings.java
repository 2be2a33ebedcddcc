package cn.jiangmen.vethub.source;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A partner's read-only view or query in its own database, pulled on a schedule, written
 * by IT staff under {@code source.database} (see docs/sources.md). The rows are mapped
 * with the same {@code mappings} as partner files ({@link PartnerSettings.Mapping}), the
 * column label of the result set playing the part of the header. The user and password
 * are normally placeholders such as {@code ${PHARMACY_DB_PASSWORD}}, resolved from the
 * environment when the file is read; the password is never logged. Rules across fields
 * are {@link DatabaseSettingsRules}'.
 *
 * @param url the JDBC URL, e.g. {@code jdbc:postgresql://db.partner:5432/his}; without
 * credentials (they go in {@code username} and {@code password})
 * @param username the database user (a read-only one)
 * @param password its password
 * @param driver the JDBC driver class, when the URL alone does not find it (the driver
 * must be on the class path); PostgreSQL's is built in
 * @param query the SELECT (often of a view) that yields the rows; for an incremental read
 * it holds the parameter {@code :#watermark} (or {@code :watermark}) where the mark of
 * the last run goes, e.g. {@code ... WHERE updated_at > :#watermark}
 * @param watermarkColumn the column of the result set that grows with every insert and
 * update (an update time or a sequence); absent: every run reads the whole query
 * @param watermarkType {@code timestamp} or {@code number}: the type of that column
 * @param fetchSize rows fetched per round trip; the rows are streamed, never held whole
 * @param commitRows rows committed to the warehouse together with the mark that covers
 * them (a commit never splits rows of the same watermark value)
 * @param connectTimeout how long a run waits for a connection before it fails
 * @param schedule Quartz cron of the pull
 * @param timeZone time zone of the schedule (and of timestamps with a zone)
 * @param mappings what the rows load into, as for a partner file; one mapping (one query
 * feeds one fact table)
 */
public record DatabaseSettings(@NotBlank String url, String username, String password, String driver,
		@NotBlank String query, String watermarkColumn, @DefaultValue("timestamp") @NotNull WatermarkType watermarkType,
		@DefaultValue("5000") @Min(1) @Max(100000) int fetchSize,
		@DefaultValue("10000") @Min(100) @Max(1000000) int commitRows, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("0 0 3 * * ?") @NotBlank String schedule, @DefaultValue("Asia/Shanghai") String timeZone,
		@NotEmpty List<PartnerSettings.@Valid @NotNull Mapping> mappings) {

	/** Whether the read starts at the mark of the last run. */
	public boolean incremental() {
		return this.watermarkColumn != null && !this.watermarkColumn.isBlank();
	}

	/** The one mapping of the query. */
	public PartnerSettings.Mapping mapping() {
		return this.mappings.get(0);
	}

	/**
	 * The URL without anything after {@code ?} or {@code ;} (options may hold a
	 * password), for the console and the logs.
	 */
	public String safeUrl() {
		String u = this.url;
		int cut = u.length();
		for (char c : new char[] { '?', ';' }) {
			int at = u.indexOf(c, "jdbc:".length());
			if (at >= 0) {
				cut = Math.min(cut, at);
			}
		}
		int userInfo = u.indexOf('@');
		int scheme = u.indexOf("//");
		if (userInfo >= 0 && scheme >= 0 && userInfo < cut && userInfo > scheme) {
			u = u.substring(0, scheme + 2) + u.substring(userInfo + 1);
			cut -= userInfo + 1 - (scheme + 2);
		}
		return u.substring(0, cut);
	}

	@Override
	public String toString() {
		return "DatabaseSettings[url=" + safeUrl() + ", username=" + this.username + ", password=****, query="
				+ this.query + ", watermarkColumn=" + this.watermarkColumn + "]";
	}

	/** The type of a watermark column. */
	public enum WatermarkType {

		/** A date or time (timestamp, timestamp with time zone, date). */
		TIMESTAMP,

		/** A number that only grows (a sequence, a row version). */
		NUMBER;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
