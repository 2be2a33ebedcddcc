package cn.jiangmen.vethub.console;

import java.util.ArrayList;
import java.util.List;

import cn.jiangmen.vethub.ops.SourceStatusService;
import cn.jiangmen.vethub.ops.SourceStatusService.SourceView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The alerts of the banner on every console page (and of {@code GET /api/alerts}): a
 * source whose last run failed, that has not succeeded within its expected interval
 * ({@code overdue}, {@code hub.alerts.expected-interval}), that cannot run as configured,
 * and refused files lying in a source's {@code error/} folder. Each links where to look:
 * the failed run, the source's row on the sources page, the waiting work page. Source
 * names and counts only, no personal data, so every role sees the same banner. Templates
 * call it as {@code @consoleAlerts}, so that every page has it whichever controller
 * renders it.
 */
@Component("consoleAlerts")
public class ConsoleAlerts {

	private static final Logger log = LoggerFactory.getLogger(ConsoleAlerts.class);

	private final SourceStatusService sources;

	private final ConsoleFormat format;

	ConsoleAlerts(SourceStatusService sources, ConsoleFormat format) {
		this.sources = sources;
		this.format = format;
	}

	/** The alerts now, by source in the order of the registry; empty when all is well. */
	public List<Alert> current() {
		try {
			return of(this.sources.all());
		}
		catch (RuntimeException ex) {
			// the banner never breaks a page: without the database, the page says so
			// itself
			log.debug("Alerts unavailable: {}", ex.getClass().getSimpleName());
			return List.of();
		}
	}

	List<Alert> of(List<SourceView> views) {
		List<Alert> alerts = new ArrayList<>();
		for (SourceView s : views) {
			switch (s.state()) {
				case "failing" -> alerts.add(new Alert("failing", s.id(), s.name(),
						(s.lastRun() != null) ? "/runs/" + s.lastRun().id() : "/sources#source-" + s.id(),
						(s.lastRun() != null) ? "#" + s.lastRun().id() : "",
						(s.lastRun() != null) ? this.format.time(s.lastRun().startedAt()) : ""));
				case "overdue" -> alerts.add(new Alert("overdue", s.id(), s.name(), "/sources#source-" + s.id(),
						(s.lastSuccess() != null) ? this.format.time(s.lastSuccess()) : "",
						Long.toString(s.expectedInterval().toHours())));
				case "misconfigured" ->
					alerts.add(new Alert("misconfigured", s.id(), s.name(), "/sources#source-" + s.id(), "", ""));
				default -> {
				}
			}
			if (s.filesRefused() > 0) {
				alerts.add(new Alert("refused-files", s.id(), s.name(), "/waiting#refused-" + s.id(),
						Long.toString(s.filesRefused()), ""));
			}
		}
		return alerts;
	}

	/**
	 * One alert.
	 *
	 * @param kind failing, overdue (never succeeded when {@code first} is empty),
	 * misconfigured or refused-files
	 * @param href where to look, a path of the console
	 * @param first failing: the run ({@code #12}); overdue: the last success's time;
	 * refused-files: how many
	 * @param second failing: when it ran; overdue: the expected interval in hours
	 */
	public record Alert(String kind, String sourceId, String sourceName, String href, String first, String second) {

		/** The message key of its text. */
		public String key() {
			return "alert." + this.kind + (("overdue".equals(this.kind) && this.first.isEmpty()) ? "-never" : "");
		}

	}

}
