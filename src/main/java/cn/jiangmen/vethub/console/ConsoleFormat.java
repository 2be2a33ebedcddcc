package cn.jiangmen.vethub.console;

import java.time.Duration;
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

	/**
	 * How long a run took ({@code H:mm:ss}, hours not capped at 24), or, for a run still
	 * running, how long it has been running at {@code now}; empty without a start.
	 */
	public String duration(OffsetDateTime started, OffsetDateTime finished, Instant now) {
		if (started == null) {
			return "";
		}
		Duration took = Duration.between(started.toInstant(), (finished != null) ? finished.toInstant() : now);
		if (took.isNegative()) {
			// a clock set back between start and finish: nothing sensible to show
			return "";
		}
		long seconds = took.toSeconds();
		return String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
	}

}
