package cn.jiangmen.vethub.cluster;

import java.time.Duration;

import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The claims on inbox files that no hub renews any more are forgotten by the leader's
 * route, and only those (the test profile's claim max age is 3 s: forgotten after 15 s,
 * the route runs every 3 s).
 */
class InboxClaimSweeperIT extends HubIntegrationTest {

	@Autowired
	InboxClaimSweeper sweeper;

	@Autowired
	ClusterProperties cluster;

	@BeforeEach
	void noClaims() {
		this.jdbc.update("DELETE FROM ops.inbox_claim");
	}

	@Test
	void aClaimNoHubRenewsIsForgottenAfterFiveMaxAgesAndNoOtherIs() {
		Duration maxAge = this.cluster.claimMaxAge();
		// a dead hub's claim on a file it had archived; one merely stale (taken over at
		// the next poll if its file is there); one renewed just now; another processor's
		String orphan = "heshan/鹤山花名册_20261201.csv/2048/1764547200000";
		claim("vethub-inbox", orphan, maxAge.multipliedBy(6));
		claim("vethub-inbox", "xinhui/新会花名册_20261202.csv/1024/1764633600000", maxAge);
		claim("vethub-inbox", "kaiping/开平花名册_20261203.csv/512/1764720000000", Duration.ZERO);
		claim("another-processor", orphan, maxAge.multipliedBy(6));

		await().atMost(maxAge.multipliedBy(3))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM ops.inbox_claim WHERE processorname = 'vethub-inbox' AND messageid = ?",
					Long.class, orphan) == 0);

		assertThat(this.jdbc.queryForList("SELECT processorname || ' ' || messageid FROM ops.inbox_claim ORDER BY 1",
				String.class))
			.containsExactly("another-processor " + orphan, "vethub-inbox kaiping/开平花名册_20261203.csv/512/1764720000000",
					"vethub-inbox xinhui/新会花名册_20261202.csv/1024/1764633600000");
		assertThat(this.sweeper.forgetOrphans()).as("nothing else old enough").isZero();
	}

	private void claim(String processor, String key, Duration age) {
		this.jdbc.update("INSERT INTO ops.inbox_claim VALUES (?, ?, clock_timestamp() - ? * interval '1 millisecond')",
				processor, key, age.toMillis());
	}

}
