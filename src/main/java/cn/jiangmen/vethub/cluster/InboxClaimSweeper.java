package cn.jiangmen.vethub.cluster;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Forgets the claims of {@code ops.inbox_claim} that no hub renews: those of a hub that
 * died after its file had left the inbox and before it removed the file's claim. Camel's
 * {@code JdbcOrphanLockAwareIdempotentRepository} takes such an orphan over only when a
 * hub claims the same key again, and a claim's key names the file's size and time stamp,
 * so the claim of a file that is gone would lie there for ever. A claim is forgotten once
 * it was not renewed for {@link #AGES} times {@code hub.cluster.claim-max-age}: a live
 * hub renews its claims every {@code claim-keep-alive}, and the orphaned claim of a file
 * still in the inbox is taken over at the next poll after one max age, long before.
 * Called by the leader (route {@code cluster-orphan-claims}).
 */
@Component("inboxClaimSweeper")
public class InboxClaimSweeper {

	private static final Logger log = LoggerFactory.getLogger(InboxClaimSweeper.class);

	/** How many claim max ages a claim lies unrenewed before it is forgotten. */
	static final int AGES = 5;

	private final JdbcTemplate jdbc;

	private final Duration forgetAfter;

	InboxClaimSweeper(JdbcTemplate jdbc, ClusterProperties cluster) {
		this.jdbc = jdbc;
		this.forgetAfter = cluster.claimMaxAge().multipliedBy(AGES);
	}

	/**
	 * Deletes the claims not renewed for {@link #AGES} claim max ages.
	 * @return how many
	 */
	public int forgetOrphans() {
		int forgotten = this.jdbc.update("""
				DELETE FROM ops.inbox_claim
				 WHERE processorname = ? AND createdat < clock_timestamp() - ? * interval '1 millisecond'""",
				InboxClaimsConfiguration.PROCESSOR, this.forgetAfter.toMillis());
		if (forgotten > 0) {
			// the keys name files: only their number is logged
			log.info("{} claim(s) on inbox files not renewed for {} forgotten (their hub stopped after the file left"
					+ " the inbox)", forgotten, this.forgetAfter);
		}
		return forgotten;
	}

}
