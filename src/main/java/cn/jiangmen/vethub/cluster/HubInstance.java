package cn.jiangmen.vethub.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.annotation.PreDestroy;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This hub as one of the hubs on the warehouse: a row of {@code ops.hub_instance} with a
 * random id, written at start and renewed every {@code hub.cluster.heartbeat-interval}.
 * The run ledger stamps every run with this id, so that a hub starting up closes only the
 * {@code running} runs of hubs that are gone (no heartbeat for {@link #timeout()}), not
 * those of a live peer. A clean stop deletes the row; a crash leaves it to go stale.
 */
@Component
public class HubInstance {

	private static final Logger log = LoggerFactory.getLogger(HubInstance.class);

	private final UUID id = UUID.randomUUID();

	private final JdbcTemplate jdbc;

	private final Duration timeout;

	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread t = new Thread(r, "hub-instance-heartbeat");
		t.setDaemon(true);
		return t;
	});

	HubInstance(JdbcTemplate jdbc, ClusterProperties cluster) {
		this.jdbc = jdbc;
		this.timeout = cluster.instanceTimeout();
		jdbc.update("INSERT INTO ops.hub_instance (id, host) VALUES (?, ?)", this.id, host());
		long every = Math.max(1, cluster.heartbeatInterval().toMillis());
		this.heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
		log.info("This hub is instance {} on {}", this.id, host());
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
		try {
			// re-inserted if a peer removed it while this hub could not reach the
			// database
			this.jdbc.update("""
					INSERT INTO ops.hub_instance (id, host) VALUES (?, ?)
					ON CONFLICT (id) DO UPDATE SET heartbeat_at = clock_timestamp()""", this.id, host());
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

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

}
