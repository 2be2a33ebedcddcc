package cn.jiangmen.vethub.console;

import java.util.List;
import java.util.Optional;

import cn.jiangmen.vethub.cluster.HubLeadership;
import cn.jiangmen.vethub.ops.PullSource;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.ops.SourcePauses;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Starting and pausing sources, for the console's buttons and the API. A pause is a
 * decision about the source, kept in the warehouse ({@link SourcePauses}): it holds on
 * every hub, whichever was asked, and lasts until the source is resumed, across restarts
 * and changes of leader. Pausing also suspends the Camel route whose id is the source id
 * here at once (files stay in the inbox, nothing is lost), and the other hubs theirs at
 * their next look; resuming resumes them. Running a pull source now goes to the
 * {@link PullSource} that handles it. Who did what is logged.
 */
@Service
class SourceControl {

	private static final Logger log = LoggerFactory.getLogger(SourceControl.class);

	private final SourceRegistry registry;

	private final CamelContext camel;

	private final List<PullSource> pullSources;

	private final SourcePauses pauses;

	private final HubLeadership leadership;

	SourceControl(SourceRegistry registry, CamelContext camel, List<PullSource> pullSources, SourcePauses pauses,
			HubLeadership leadership) {
		this.pauses = pauses;
		this.leadership = leadership;
		this.registry = registry;
		this.camel = camel;
		this.pullSources = pullSources;
	}

	boolean isPullable(SourceDefinition source) {
		return PullSource.of(this.pullSources, source).isPresent();
	}

	Outcome pause(String sourceId, String user) {
		if (this.registry.find(sourceId).isEmpty()) {
			return Outcome.NO_SOURCE;
		}
		Route route = this.camel.getRoute(sourceId);
		if (route == null) {
			return Outcome.NO_ROUTE;
		}
		boolean recorded;
		try {
			recorded = this.pauses.pause(sourceId, user);
			// here at once; on the other hubs by their next look at the pauses, and
			// their files and pulls are refused by the pause meanwhile
			ServiceStatus status = this.camel.getRouteController().getRouteStatus(sourceId);
			if (status != null && status.isStarted()) {
				this.camel.getRouteController().suspendRoute(sourceId);
				recorded = true;
			}
		}
		catch (Exception ex) {
			log.error("Could not pause source {}", sourceId, ex);
			return Outcome.FAILED;
		}
		if (!recorded) {
			return Outcome.ALREADY_PAUSED;
		}
		log.info("Source {} paused by {} (on every hub)", sourceId, user);
		return Outcome.PAUSED;
	}

	Outcome resume(String sourceId, String user) {
		if (this.registry.find(sourceId).isEmpty()) {
			return Outcome.NO_SOURCE;
		}
		if (this.camel.getRoute(sourceId) == null) {
			return Outcome.NO_ROUTE;
		}
		boolean resumed;
		try {
			resumed = this.pauses.resume(sourceId);
			ServiceStatus status = this.camel.getRouteController().getRouteStatus(sourceId);
			if (status != null && status.isSuspended()) {
				this.camel.getRouteController().resumeRoute(sourceId);
				resumed = true;
			}
			// a route stopped because another hub leads stays stopped: it runs there
			else if (status != null && status.isStopped() && !this.leadership.standsBy(sourceId)) {
				this.camel.getRouteController().startRoute(sourceId);
				resumed = true;
			}
		}
		catch (Exception ex) {
			log.error("Could not resume source {}", sourceId, ex);
			return Outcome.FAILED;
		}
		if (!resumed) {
			return Outcome.ALREADY_RUNNING;
		}
		log.info("Source {} resumed by {} (on every hub)", sourceId, user);
		return Outcome.RESUMED;
	}

	Started runNow(String sourceId, String user) {
		Optional<SourceDefinition> source = this.registry.find(sourceId);
		if (source.isEmpty()) {
			return new Started(Outcome.NO_SOURCE, null);
		}
		Optional<PullSource> puller = PullSource.of(this.pullSources, source.get());
		if (puller.isEmpty()) {
			return new Started(Outcome.NOT_PULLABLE, null);
		}
		Optional<String> misconfigured = this.registry.misconfiguration(sourceId);
		if (misconfigured.isPresent()) {
			return new Started(Outcome.MISCONFIGURED, misconfigured.get());
		}
		PullSource.SyncStart start = puller.get().start(source.get(), RunTrigger.MANUAL, false);
		log.info("Run of source {} asked by {}: {}", sourceId, user, start.started() ? "started" : start.message());
		if (start.started()) {
			return new Started(Outcome.STARTED, start.message());
		}
		// the refusal's own message says the same, in English: the outcome's message is
		// the whole answer
		return switch (start.refusal()) {
			case PAUSED -> new Started(Outcome.RUN_PAUSED, null);
			case STANDBY -> new Started(Outcome.RUN_STANDBY, this.pauses.leaderName());
			case DISABLED -> new Started(Outcome.RUN_DISABLED, null);
			case ALREADY_RUNNING -> new Started(Outcome.BUSY, null);
			case MISCONFIGURED -> new Started(Outcome.MISCONFIGURED, start.message());
			case STOPPING -> new Started(Outcome.FAILED, start.message());
		};
	}

	/**
	 * What came of a request; {@code key} names its message in the bundles
	 * ({@code control.<key>}).
	 */
	enum Outcome {

		PAUSED(HttpStatus.OK), RESUMED(HttpStatus.OK), ALREADY_PAUSED(HttpStatus.OK), ALREADY_RUNNING(HttpStatus.OK),
		STARTED(HttpStatus.ACCEPTED), BUSY(HttpStatus.CONFLICT), RUN_PAUSED(HttpStatus.CONFLICT),
		RUN_STANDBY(HttpStatus.CONFLICT), RUN_DISABLED(HttpStatus.CONFLICT), NO_SOURCE(HttpStatus.NOT_FOUND),
		NO_ROUTE(HttpStatus.CONFLICT), NOT_PULLABLE(HttpStatus.CONFLICT), MISCONFIGURED(HttpStatus.CONFLICT),
		FAILED(HttpStatus.INTERNAL_SERVER_ERROR);

		private final HttpStatus status;

		Outcome(HttpStatus status) {
			this.status = status;
		}

		HttpStatus status() {
			return this.status;
		}

		String key() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

		boolean ok() {
			return this.status.is2xxSuccessful();
		}

	}

	record Started(Outcome outcome, String message) {
	}

}
