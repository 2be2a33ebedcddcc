package cn.jiangmen.vethub.county;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.jiangmen.vethub.ingest.InboxFiles;

/**
 * The as-of time of a county file: the date in its name ({@code 鹤山花名册_20261115.xlsx},
 * also with {@code -}), at the start of that day in China; otherwise the time the file
 * arrived. It is the time of every observation the file makes, so that the most recent
 * roster wins whatever order files arrive in.
 */
final class AsOfDate {

	private static final Pattern DATE_IN_NAME = Pattern.compile("[_\\-](\\d{8})(?!\\d)");

	private AsOfDate() {
	}

	static OffsetDateTime of(String fileName, Instant arrival) {
		Matcher m = DATE_IN_NAME.matcher(fileName);
		LocalDate found = null;
		while (m.find()) {
			String d = m.group(1);
			try {
				LocalDate date = LocalDate.of(Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)),
						Integer.parseInt(d.substring(6, 8)));
				if (date.getYear() >= 1990 && date.getYear() <= 2100) {
					found = date;
				}
			}
			catch (DateTimeException ex) {
				// not a date: 8 digits of something else
			}
		}
		if (found != null) {
			return found.atStartOfDay(InboxFiles.CHINA).toOffsetDateTime();
		}
		return arrival.atZone(InboxFiles.CHINA).toOffsetDateTime();
	}

}
