package cn.jiangmen.vethub.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.annotation.PreDestroy;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * This hub as one of the hubs on the warehouse: a row of {@code ops.hub_instance} with a
 * random id, written at start and renewed every {@code hub.cluster.heartbeat-interval}.
 * The run ledger stamps every run with this id, so that a hub starting up closes only the
 * {@code running} runs of hubs that are gone (no heartbeat for {@link #timeout()}), not
 * those of a live peer, and the leader closes those runs while it runs
 * ({@code ops.RunLedger#closeRunsOfDeadHubs}). A clean stop deletes the row; a crash
 * leaves it to go stale.
 * <p>
 * The row also says what the console's instances page shows: host, process id, web port,
 * and the cluster namespaces this hub leads now ({@link #leading}, written at once when
 * the leadership changes and again with every heartbeat). The cluster service itself
 * knows only whether this hub leads, not who else does: the other hubs learn the leader
 * from this table.
 */
@Component
public class HubInstance {

	private static final Logger log = LoggerFactory.getLogger(HubInstance.class);

	private final UUID id = UUID.randomUUID();

	private final JdbcTemplate jdbc;

	private final Duration timeout;

	private final String host = resolveHost();

	private final long pid = ProcessHandle.current().pid();

	/** The cluster namespaces this hub leads now. */
	private final Set<String> leads = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** How to ask the cluster service whether this hub leads a namespace. */
	private final java.util.Map<String, java.util.function.BooleanSupplier> leadership = new java.util.concurrent.ConcurrentHashMap<>();

	private volatile Integer port;

	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread t = new Thread(r, "hub-instance-heartbeat");
		t.setDaemon(true);
		return t;
	});

	HubInstance(JdbcTemplate jdbc, ClusterProperties cluster) {
		this.jdbc = jdbc;
		this.timeout = cluster.instanceTimeout();
		jdbc.update("INSERT INTO ops.hub_instance (id, host, pid) VALUES (?, ?, ?)", this.id, this.host, this.pid);
		long every = Math.max(1, cluster.heartbeatInterval().toMillis());
		this.heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
		log.info("This hub is instance {} on {} (pid {})", this.id, this.host, this.pid);
	}

	@EventListener
	void serving(WebServerInitializedEvent event) {
		this.port = event.getWebServer().getPort();
		this.heartbeat.execute(this::beat);
	}

	/**
	 * Records that this hub leads the cluster namespace now, or no longer: written to its
	 * row at once (on the heartbeat's thread, never the cluster service's).
	 */
	void leading(String namespace, boolean leader) {
		boolean changed = leader ? this.leads.add(namespace) : this.leads.remove(namespace);
		if (changed) {
			log.info("This hub (instance {}) {} the scheduled work of namespace {}", this.id,
					leader ? "now leads" : "no longer leads", namespace);
			try {
				this.heartbeat.execute(this::beat);
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				// stopping: the row is removed
			}
		}
	}

	/**
	 * Asks the cluster service at every heartbeat whether this hub leads the namespace,
	 * besides being told when it changes ({@link #leading}).
	 */
	void watch(String namespace, java.util.function.BooleanSupplier leads) {
		this.leadership.put(namespace, leads);
	}

	/** Whether this hub leads the cluster namespace now. */
	public boolean leads(String namespace) {
		return this.leads.contains(namespace);
	}

	/**
	 * Stops the heartbeat as a crash does, leaving the row to go stale (tests of what the
	 * other hubs do then).
	 */
	void stopHeartbeat() {
		this.heartbeat.shutdownNow();
	}

	public String host() {
		return this.host;
	}

	/** Every hub on the warehouse, this one first, then by start. */
	public List<InstanceView> instances() {
		return this.jdbc.query("""
				SELECT id, host, pid, port, started_at, heartbeat_at, leads,
				       heartbeat_at > clock_timestamp() - ? * interval '1 millisecond' AS alive
				  FROM ops.hub_instance
				 ORDER BY id = ? DESC, started_at, id""", INSTANCE, this.timeout.toMillis(), this.id)
			.stream()
			.map((i) -> i.id().equals(this.id) ? i.asThisHub() : i)
			.toList();
	}

	/** The live hub that leads the namespace, if one does (this one included). */
	public Optional<InstanceView> leaderOf(String namespace) {
		return instances().stream().filter((i) -> i.alive() && i.leads().contains(namespace)).findFirst();
	}

	public UUID id() {
		return this.id;
	}

	/**
	 * How old the last heartbeat of a hub may be for it to count as alive
	 * ({@code hub.cluster.instance-timeout}).
	 */
	public Duration timeout() {
		return this.timeout;
	}

	void beat() {
		this.leadership.forEach((namespace, leads) -> {
			if (leads.getAsBoolean()) {
				this.leads.add(namespace);
			}
			else {
				this.leads.remove(namespace);
			}
		});
		try {
			// re-inserted if a peer removed it while this hub could not reach the
			// database
			this.jdbc.update("""
					INSERT INTO ops.hub_instance (id, host, pid, port, leads) VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (id) DO UPDATE SET heartbeat_at = clock_timestamp(), port = excluded.port,
					                               leads = excluded.leads""", this.id, this.host, this.pid, this.port,
					new TreeSet<>(this.leads).toArray(String[]::new));
		}
		catch (DataAccessException ex) {
			log.debug("Heartbeat of hub instance {} not written: {}", this.id, ex.getClass().getSimpleName());
		}
	}

	/** Removes the rows of hubs whose heartbeat is long gone (ten timeouts). */
	public int forgetDeadInstances() {
		return this.jdbc.update(
				"DELETE FROM ops.hub_instance WHERE heartbeat_at < clock_timestamp() - ? * interval '1 millisecond'",
				this.timeout.toMillis() * 10);
	}

	@PreDestroy
	void stop() {
		this.heartbeat.shutdownNow();
		try {
			this.jdbc.update("DELETE FROM ops.hub_instance WHERE id = ?", this.id);
		}
		catch (DataAccessException ex) {
			log.debug("Hub instance {} not removed at stop: {}", this.id, ex.getClass().getSimpleName());
		}
	}

	private static final RowMapper<InstanceView> INSTANCE = (rs, i) -> new InstanceView(rs.getObject("id", UUID.class),
			rs.getString("host"), (Long) rs.getObject("pid"), (Integer) rs.getObject("port"),
			rs.getObject("started_at", OffsetDateTime.class), rs.getObject("heartbeat_at", OffsetDateTime.class),
			rs.getBoolean("alive"), strings(rs.getArray("leads")), false);

	private static List<String> strings(Array array) throws SQLException {
		return (array != null) ? List.of((String[]) array.getArray()) : List.of();
	}

	/**
	 * A hub on the warehouse as {@code ops.hub_instance} has it.
	 *
	 * @param alive its last heartbeat is younger than
	 * {@code hub.cluster.instance-timeout}
	 * @param leads the cluster namespaces it leads (as of its last heartbeat)
	 * @param thisHub whether it is the hub that answers
	 */
	public record InstanceView(UUID id, String host, Long pid, Integer port, OffsetDateTime startedAt,
			OffsetDateTime heartbeatAt, boolean alive, List<String> leads, boolean thisHub) {

		InstanceView asThisHub() {
			return new InstanceView(this.id, this.host, this.pid, this.port, this.startedAt, this.heartbeatAt,
					this.alive, this.leads, true);
		}

		/** The id's first eight digits, as the console shows it. */
		public String shortId() {
			return this.id.toString().substring(0, 8);
		}

	}

	private static String resolveHost() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

}
