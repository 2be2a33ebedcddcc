package cn.jiangmen.vethub.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Formats times for the pages in the bureau's time zone; used from templates as
 * {@code @consoleFormat}.
 */
@Component("consoleFormat")
public class ConsoleFormat {

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final ConsoleProperties properties;

	ConsoleFormat(ConsoleProperties properties) {
		this.properties = properties;
	}

	public String time(OffsetDateTime time) {
		return (time != null) ? time.atZoneSameInstant(this.properties.timeZone()).format(MINUTES) : "";
	}

	public String time(Instant time) {
		return (time != null) ? time.atZone(this.properties.timeZone()).format(MINUTES) : "";
	}

	public String seconds(OffsetDateTime time) {
		return (time != null) ? time.atZoneSameInstant(this.properties.timeZone()).format(SECONDS) : "";
	}

}
