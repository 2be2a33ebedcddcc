package cn.jiangmen.vethub.ops;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import cn.jiangmen.vethub.cluster.HubInstance;
import cn.jiangmen.vethub.cluster.HubInstance.InstanceView;
import cn.jiangmen.vethub.cluster.HubLeadership;
import cn.jiangmen.vethub.ops.PullSource.Refusal;
import cn.jiangmen.vethub.ops.PullSource.SyncStart;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The paused sources, shared by every hub on the warehouse ({@code ops.source_pause}): a
 * pause is a decision about a source, so it holds on every hub, whichever the admin
 * asked, and across restarts and changes of leader, until the source is resumed.
 * <p>
 * The table is the truth; each hub checks it before it takes work: before a file is
 * claimed ({@code ingest.InboxReadLock}) and before a pull starts
 * ({@link PullStartGuard}), so a pause holds on every hub from the moment it is written.
 * Each hub also brings its own routes in line every
 * {@code hub.cluster.pause-check-interval} ({@link #apply()}, route
 * {@code ops-source-pauses}): it suspends the route of a paused source that runs here
 * (also one that the leader election has just started), so that it stops polling, and
 * resumes a route when its source's pause is lifted by another hub. A route suspended by
 * other means than a pause here is left as it is.
 */
@Component
public class SourcePauses {

	private static final Logger log = LoggerFactory.getLogger(SourcePauses.class);

	private final JdbcTemplate jdbc;

	private final CamelContext camel;

	private final SourceRegistry registry;

	private final HubInstance instance;

	private final HubLeadership leadership;

	/** The paused sources as this hub last applied them (guarded by this). */
	private Set<String> applied = Set.of();

	SourcePauses(JdbcTemplate jdbc, CamelContext camel, SourceRegistry registry, HubInstance instance,
			HubLeadership leadership) {
		this.jdbc = jdbc;
		this.leadership = leadership;
		this.camel = camel;
		this.registry = registry;
		this.instance = instance;
	}

	/**
	 * Records the pause of a source.
	 * @return false if it was paused already
	 */
	public boolean pause(String sourceId, String user) {
		return this.jdbc.update("""
				INSERT INTO ops.source_pause (source_id, paused_by, instance_id) VALUES (?, ?, ?)
				ON CONFLICT (source_id) DO NOTHING""", sourceId, user, this.instance.id()) == 1;
	}

	/**
	 * Lifts the pause of a source.
	 * @return false if it was not paused
	 */
	public boolean resume(String sourceId) {
		return this.jdbc.update("DELETE FROM ops.source_pause WHERE source_id = ?", sourceId) == 1;
	}

	public boolean isPaused(String sourceId) {
		return !this.jdbc.queryForList("SELECT 1 FROM ops.source_pause WHERE source_id = ?", Integer.class, sourceId)
			.isEmpty();
	}

	/**
	 * Why a pull of the source may not start on this hub now, or null: it is paused (on
	 * the warehouse, or its route here is suspended), or it runs on the leader and this
	 * hub stands by (the message names the leader).
	 */
	public SyncStart refusal(SourceDefinition source) {
		Optional<Pause> pause = of(source.id());
		if (pause.isPresent()) {
			return SyncStart.refused(Refusal.PAUSED,
					"Source " + source.id() + " is paused (by " + pause.get().pausedBy() + " at "
							+ pause.get().pausedAt().truncatedTo(ChronoUnit.SECONDS) + "): resume it to sync");
		}
		ServiceStatus route = this.camel.getRouteController().getRouteStatus(source.id());
		if (route != null && route.isStopped() && this.leadership.standsBy(source.id())) {
			return SyncStart.refused(Refusal.STANDBY, "Source " + source.id() + " runs on the leader hub, "
					+ leaderName() + ": this hub stands by; ask the leader to sync it");
		}
		if (route != null && (route.isSuspended() || route.isStopped())) {
			return SyncStart.refused(Refusal.PAUSED, "Source " + source.id() + " is paused (route " + source.id()
					+ " is " + route.name().toLowerCase(Locale.ROOT) + "): resume it to sync");
		}
		return null;
	}

	/** The leader as a message names it, or a note that none is known yet. */
	public String leaderName() {
		return this.leadership.leader()
			.map(SourcePauses::name)
			.orElse("none known yet (the hubs elect one within seconds)");
	}

	/** A hub as messages name it: its short id, host and web port. */
	public static String name(InstanceView hub) {
		return "instance " + hub.shortId() + " on " + hub.host() + ((hub.port() != null) ? ":" + hub.port() : "");
	}

	/** Who paused the source and when, if it is paused. */
	public Optional<Pause> of(String sourceId) {
		return all().stream().filter((p) -> p.sourceId().equals(sourceId)).findFirst();
	}

	/** Every pause, by source id. */
	public List<Pause> all() {
		return this.jdbc.query("SELECT source_id, paused_by, paused_at FROM ops.source_pause ORDER BY source_id",
				(rs, i) -> new Pause(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)));
	}

	/** Every pause, by source id, for a page listing all sources. */
	public Map<String, Pause> bySource() {
		return all().stream().collect(Collectors.toMap(Pause::sourceId, (p) -> p));
	}

	/**
	 * Brings this hub's routes in line with the pauses: the route of a paused source is
	 * suspended where it runs; a route whose pause was lifted since the last look is
	 * resumed where it is suspended. Called by the route {@code ops-source-pauses}.
	 */
	public synchronized void apply() {
		Set<String> paused = new HashSet<>(
				this.jdbc.queryForList("SELECT source_id FROM ops.source_pause", String.class));
		for (SourceDefinition source : this.registry.all()) {
			String id = source.id();
			ServiceStatus status = this.camel.getRouteController().getRouteStatus(id);
			if (status == null) {
				continue;
			}
			try {
				if (paused.contains(id) && status.isStarted()) {
					this.camel.getRouteController().suspendRoute(id);
					log.info("Source {} is paused on the warehouse: its route is suspended on this hub too", id);
				}
				else if (!paused.contains(id) && this.applied.contains(id) && status.isSuspended()) {
					this.camel.getRouteController().resumeRoute(id);
					log.info("Source {} was resumed on the warehouse: its route is resumed on this hub too", id);
				}
			}
			catch (Exception ex) {
				log.warn("Route of source {} not brought in line with its pause: {}", id, ex.toString());
			}
		}
		this.applied = Set.copyOf(paused);
	}

	/** A source's pause: who asked and when. */
	public record Pause(String sourceId, String pausedBy, OffsetDateTime pausedAt) {
	}

}
