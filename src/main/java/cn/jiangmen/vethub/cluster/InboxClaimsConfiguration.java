package cn.jiangmen.vethub.cluster;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The claims on the files being loaded, shared by every hub on the warehouse: Camel's
 * {@link JdbcOrphanLockAwareIdempotentRepository} on {@code ops.inbox_claim} (made by
 * Flyway, not by the repository). A hub claims a file before it loads it
 * ({@code ingest.InboxReadLock}) and removes the claim when the file's exchange ends, so
 * two hubs polling the same inbox never load it both. While a file is loaded its claim is
 * renewed every {@code hub.cluster.claim-keep-alive}; the claim of a hub that died stops
 * being renewed, and after {@code hub.cluster.claim-max-age} another hub takes the file.
 * A claim is no memory of files already loaded: a file loaded again (the same bytes
 * dropped anew) is answered by the ledger's own rule, {@code skipped_duplicate}.
 */
@Configuration(proxyBeanMethods = false)
class InboxClaimsConfiguration {

	/** The repository's processor name: one name for every inbox. */
	static final String PROCESSOR = "vethub-inbox";

	@Bean("inboxClaims")
	@DependsOnDatabaseInitialization
	IdempotentRepository inboxClaims(DataSource dataSource, CamelContext camel, ClusterProperties cluster)
			throws Exception {
		JdbcOrphanLockAwareIdempotentRepository claims = new JdbcOrphanLockAwareIdempotentRepository(dataSource,
				PROCESSOR, camel);
		claims.setTableName("ops.inbox_claim");
		claims.setCreateTableIfNotExists(false);
		claims.setLockKeepAliveIntervalMillis(cluster.claimKeepAlive().toMillis());
		claims.setLockMaxAgeMillis(cluster.claimMaxAge().toMillis());
		// started and stopped with the Camel context: after the routes, so that a file
		// being loaded at the stop keeps its claim renewed to the end
		camel.addService(claims, true, true);
		return claims;
	}

}
