package cn.jiangmen.vethub.console;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;

import cn.jiangmen.vethub.source.DatabaseSettings;
import cn.jiangmen.vethub.source.ProvinceSettings;
import cn.jiangmen.vethub.source.SourceDefinition;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.ScheduledPollConsumer;
import org.quartz.CronExpression;

import org.springframework.stereotype.Component;

/**
 * When a source runs next: a scheduled (province, database) source at the next fire time
 * of its Quartz cron in its time zone; a file-drop source whenever its route next polls
 * its inbox, shown as the polling interval.
 */
@Component
class NextRunCalculator {

	private final CamelContext camel;

	NextRunCalculator(CamelContext camel) {
		this.camel = camel;
	}

	NextRun next(SourceDefinition source, Instant now) {
		ProvinceSettings province = source.province();
		if (province != null) {
			return new NextRun(nextFire(province.schedule(), province.timeZone(), now), null);
		}
		DatabaseSettings database = source.database();
		if (database != null) {
			return new NextRun(nextFire(database.schedule(), database.timeZone(), now), null);
		}
		Route route = this.camel.getRoute(source.id());
		if (route != null && route.getConsumer() instanceof ScheduledPollConsumer poll) {
			return new NextRun(null, Duration.of(poll.getDelay(), poll.getTimeUnit().toChronoUnit()));
		}
		return new NextRun(null, null);
	}

	/**
	 * When a source runs next, unless its state holds it: a paused, disabled or
	 * misconfigured source does not run, so it has no next run ({@link NextRun#held()}).
	 */
	NextRun nextUnlessHeld(SourceDefinition source, String state, Instant now) {
		if ("paused".equals(state) || "disabled".equals(state) || "misconfigured".equals(state)) {
			return new NextRun(null, null, state);
		}
		return next(source, now);
	}

	/**
	 * The next fire time of a Quartz cron after {@code now}, or null when it never fires
	 * again.
	 */
	static Instant nextFire(String cron, String timeZone, Instant now) {
		try {
			CronExpression expression = new CronExpression(cron);
			expression.setTimeZone(TimeZone.getTimeZone(ZoneId.of(timeZone)));
			Date next = expression.getNextValidTimeAfter(Date.from(now));
			return (next != null) ? next.toInstant() : null;
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("Not a Quartz cron expression: " + cron, ex);
		}
	}

	/**
	 * @param at the next scheduled time, for scheduled sources
	 * @param pollEvery the polling interval, for file-drop sources with a route
	 * @param held the state that keeps the source from running (paused, disabled,
	 * misconfigured), or null
	 */
	record NextRun(Instant at, Duration pollEvery, String held) {

		NextRun(Instant at, Duration pollEvery) {
			this(at, pollEvery, null);
		}

		/**
		 * The polling interval in seconds as people read it: {@code 10}, or {@code 0.2}
		 * for a fast test poll.
		 */
		public String pollSeconds() {
			return (this.pollEvery == null) ? null
					: java.math.BigDecimal.valueOf(this.pollEvery.toMillis(), 3).stripTrailingZeros().toPlainString();
		}

	}

}
