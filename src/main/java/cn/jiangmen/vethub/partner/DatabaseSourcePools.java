package cn.jiangmen.vethub.partner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import cn.jiangmen.vethub.source.DatabaseSettings;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

/**
 * One small connection pool per database source, never the warehouse's: read-only, two
 * connections at most, none kept open between runs ({@link #release}), and built without
 * connecting, so that a partner's database being down never stops the hub's start (the
 * run that needs it fails instead). Autocommit is off, which PostgreSQL's driver needs to
 * stream a result set with a fetch size rather than load it whole.
 */
@Component
class DatabaseSourcePools {

	private final Map<DatabaseSettings, HikariDataSource> pools = new ConcurrentHashMap<>();

	DatabaseSourcePools(SourceRegistry registry) {
		for (SourceDefinition source : registry.ofKind(SourceKind.DATABASE)) {
			get(source);
		}
	}

	/** The pool of a database source (made on first use for a source of a test). */
	DataSource get(SourceDefinition source) {
		return this.pools.computeIfAbsent(source.database(), (settings) -> pool(source.id(), settings));
	}

	private static HikariDataSource pool(String sourceId, DatabaseSettings settings) {
		HikariDataSource ds = new HikariDataSource();
		ds.setPoolName("vethub-db-" + sourceId);
		ds.setJdbcUrl(settings.url());
		ds.setUsername(settings.username());
		ds.setPassword(settings.password());
		if (settings.driver() != null) {
			ds.setDriverClassName(settings.driver());
		}
		ds.setReadOnly(true);
		ds.setAutoCommit(false);
		ds.setMaximumPoolSize(2);
		ds.setMinimumIdle(0);
		ds.setIdleTimeout(60_000);
		ds.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
		// never connect at start: a partner's database that is down fails its run, not
		// the hub
		ds.setInitializationFailTimeout(-1);
		if (settings.url().startsWith("jdbc:postgresql:")) {
			// as for the warehouse: no row values in the messages of database errors
			ds.addDataSourceProperty("logServerErrorDetail", "false");
			ds.addDataSourceProperty("ApplicationName", "vethub");
		}
		return ds;
	}

	/**
	 * Closes the idle connections of a source's pool once its run is over: nothing stays
	 * connected to a partner's server between runs (hours apart), and a run never starts
	 * on a connection that the partner's restart has cut.
	 */
	void release(SourceDefinition source) {
		HikariDataSource pool = this.pools.get(source.database());
		if (pool != null && pool.getHikariPoolMXBean() != null) {
			pool.getHikariPoolMXBean().softEvictConnections();
		}
	}

	@PreDestroy
	void close() {
		this.pools.values().forEach(HikariDataSource::close);
	}

}
