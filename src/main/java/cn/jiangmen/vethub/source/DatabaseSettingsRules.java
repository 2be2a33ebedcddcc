package cn.jiangmen.vethub.source;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quartz.CronExpression;

/**
 * The rules of a database source's settings that span several fields, checked when its
 * source file is read, so that a wrong configuration is refused at start with the file,
 * the field and the reason: the URL is a JDBC URL without a password in it, a driver
 * takes it, the query is one SELECT that holds the watermark parameter exactly when the
 * read is incremental, the watermark column is a plain column name, the schedule is a
 * Quartz cron, and the one mapping follows the partner rules
 * ({@link PartnerSettingsRules}).
 */
public final class DatabaseSettingsRules {

	private static final String ROOT = "source.database";

	/**
	 * The watermark parameter, in camel-sql's two spellings: {@code :#watermark} and
	 * {@code :watermark}.
	 */
	public static final Pattern WATERMARK_PARAMETER = Pattern.compile(":#?watermark\\b");

	private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	private static final Pattern READ_ONLY = Pattern.compile("(?is)\\s*(select|with)\\b.*");

	private DatabaseSettingsRules() {
	}

	/**
	 * @throws SourceConfigurationException naming the first broken field
	 */
	public static void check(Path file, DatabaseSettings database) {
		String url = database.url();
		require(file, url.startsWith("jdbc:"), ROOT + ".url",
				"must be a JDBC URL (jdbc:postgresql://host:5432/database)");
		require(file, !url.toLowerCase(Locale.ROOT).contains("password="), ROOT + ".url",
				"must not hold the password: write it as source.database.password: ${YOUR_ENV_VARIABLE}");
		if (database.driver() != null) {
			try {
				Class.forName(database.driver(), false, DatabaseSettingsRules.class.getClassLoader());
			}
			catch (ClassNotFoundException | LinkageError ex) {
				throw new SourceConfigurationException(file, ROOT + ".driver",
						"'" + database.driver() + "' is not on the class path (put the driver's jar in the hub's lib)");
			}
		}
		else {
			try {
				DriverManager.getDriver(url);
			}
			catch (SQLException ex) {
				throw new SourceConfigurationException(file, ROOT + ".url", "no JDBC driver on the class path takes '"
						+ database.safeUrl() + "' (set source.database.driver and put its jar in the hub's lib)");
			}
		}
		String query = database.query().strip();
		require(file, READ_ONLY.matcher(query).matches(), ROOT + ".query",
				"must be one SELECT (or WITH ... SELECT): the hub only reads a partner's database");
		require(file, !withoutTrailingSemicolon(query).contains(";"), ROOT + ".query",
				"must be one statement (no ';' inside)");
		int parameters = count(WATERMARK_PARAMETER.matcher(query));
		if (database.incremental()) {
			require(file, COLUMN.matcher(database.watermarkColumn()).matches(), ROOT + ".watermark-column",
					"'" + database.watermarkColumn() + "' must be a plain column name of the query's result"
							+ " (letters, digits, '_'; give an expression a name with AS)");
			require(file, parameters > 0, ROOT + ".query",
					"has no watermark parameter: an incremental read (watermark-column " + database.watermarkColumn()
							+ ") needs :#watermark in its WHERE clause, e.g. WHERE " + database.watermarkColumn()
							+ " > :#watermark");
		}
		else {
			require(file, parameters == 0, ROOT + ".query",
					"holds :#watermark but watermark-column is not set: set it, or read the whole query each run");
		}
		try {
			CronExpression.validateExpression(database.schedule());
		}
		catch (ParseException ex) {
			throw new SourceConfigurationException(file, ROOT + ".schedule",
					"'" + database.schedule()
							+ "' is not a Quartz cron (seconds minutes hours day month weekday, e.g. '0 0 3 * * ?'): "
							+ ex.getMessage());
		}
		try {
			ZoneId.of(database.timeZone());
		}
		catch (DateTimeException ex) {
			throw new SourceConfigurationException(file, ROOT + ".time-zone",
					"'" + database.timeZone() + "' is not a time zone (e.g. Asia/Shanghai)");
		}
		require(file, database.mappings().size() == 1, ROOT + ".mappings",
				"must hold exactly one mapping: one query feeds one fact table (declare a source per query)");
		PartnerSettingsRules.checkMapping(file, ROOT + ".mappings[0]", database.mapping());
	}

	private static String withoutTrailingSemicolon(String query) {
		return query.endsWith(";") ? query.substring(0, query.length() - 1) : query;
	}

	private static int count(Matcher m) {
		int n = 0;
		while (m.find()) {
			n++;
		}
		return n;
	}

	private static void require(Path file, boolean ok, String field, String reason) {
		if (!ok) {
			throw new SourceConfigurationException(file, field, reason);
		}
	}

}
