package cn.jiangmen.vethub.cluster;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How hubs sharing one warehouse and one data folder share the work
 * ({@code hub.cluster.*}, environment {@code HUB_CLUSTER_SERVICE} and so on).
 *
 * @param service who elects the leader that runs the scheduled pulls: {@code file} (a
 * lock file under {@code <hub.data-dir>/cluster}, Camel's {@code FileLockClusterService};
 * the folder must be shared by every hub), {@code camel} (the one Camel cluster service
 * the installation configures, e.g. a Kubernetes lease, ZooKeeper or Consul, with its
 * Camel module on the class path) or {@code none} (every hub runs its schedules; for a
 * single hub)
 * @param acquireLockDelay how long a starting hub waits before it first tries to lead
 * (more than 0); until then its scheduled sources show as paused
 * @param acquireLockInterval how often a follower tries to take the lead, and a leader
 * renews its heartbeat; a leader that stops renewing for a few intervals is replaced
 * @param heartbeatInterval how often a hub writes that it is alive
 * ({@code ops.hub_instance})
 * @param instanceTimeout a hub whose last heartbeat is older is taken for dead: its
 * {@code running} runs are closed by the leader within a heartbeat interval (and at the
 * next start of any hub)
 * @param claimKeepAlive how often a hub renews the claims on the files it is loading
 * @param claimMaxAge a claim not renewed for this long is a dead hub's, and its file is
 * taken by another hub
 * @param pauseCheckInterval how often a hub brings its routes in line with the pauses
 * shared by every hub ({@code ops.source_pause}); a pause refuses files and pulls on
 * every hub at once, this only stops the polling of the paused route
 */
@Validated
@ConfigurationProperties(prefix = "hub.cluster")
public record ClusterProperties(@DefaultValue("file") @NotNull Service service,
		@DefaultValue("1s") @NotNull Duration acquireLockDelay,
		@DefaultValue("10s") @NotNull Duration acquireLockInterval,
		@DefaultValue("10s") @NotNull Duration heartbeatInterval,
		@DefaultValue("60s") @NotNull Duration instanceTimeout, @DefaultValue("5s") @NotNull Duration claimKeepAlive,
		@DefaultValue("30s") @NotNull Duration claimMaxAge, @DefaultValue("2s") @NotNull Duration pauseCheckInterval) {

	/** The cluster services the hub can set up itself. */
	public enum Service {

		FILE, CAMEL, NONE

	}

}
