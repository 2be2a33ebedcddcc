package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL 17 when no {@code spring.datasource.url} is configured,
 * so that the hub runs on a machine with nothing but a JDK. Its files live under
 * {@code hub.data-dir}/pg and survive a restart; a second hub on the same folder is
 * refused with a message that says so.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatasourceUrl.class)
class EmbeddedPostgresConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(HubProperties hub) throws IOException {
		Path dir = hub.embeddedDbDir().toAbsolutePath().normalize();
		Files.createDirectories(dir);
		log.info("No spring.datasource.url set: starting embedded PostgreSQL with its data in {}", dir);
		try {
			return EmbeddedPostgres.builder()
				.setDataDirectory(dir)
				.setCleanDataDirectory(false)
				.setPort(hub.embeddedDb().port())
				.setServerConfig("timezone", "Asia/Shanghai")
				// PostgreSQL's defaults are sized for a tiny machine; a county file of a
				// million rows wants
				// its indexes in memory and its sorts and hashes out of temp files.
				.setServerConfig("shared_buffers", "512MB")
				.setServerConfig("work_mem", "64MB")
				.setServerConfig("maintenance_work_mem", "256MB")
				.setServerConfig("max_wal_size", "4GB")
				// a bulk load writes WAL faster than the default 16 MB of buffers drain
				.setServerConfig("wal_buffers", "64MB")
				.setLocaleConfig("encoding", "UTF8")
				.setLocaleConfig("locale", "C")
				.start();
		}
		catch (OverlappingFileLockException ex) {
			throw inUse(dir, ex);
		}
		catch (IllegalStateException ex) {
			if (String.valueOf(ex.getMessage()).startsWith("could not lock")) {
				throw inUse(dir, ex);
			}
			throw ex;
		}
	}

	private static IllegalStateException inUse(Path dir, RuntimeException cause) {
		return new IllegalStateException("The embedded database folder " + dir
				+ " is in use by another running hub. Stop that hub, or give this one its own"
				+ " folder with HUB_DATA_DIR, or use an external server with SPRING_DATASOURCE_URL.", cause);
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource ds = new HikariDataSource();
		ds.setPoolName("vethub-embedded");
		ds.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		ds.setUsername("postgres");
		ds.setMaximumPoolSize(10);
		// as spring.datasource.hikari.data-source-properties in config/application.yml
		// does
		// for a server: no row values in the messages of database errors
		ds.addDataSourceProperty("logServerErrorDetail", "false");
		return ds;
	}

	static class NoDatasourceUrl implements org.springframework.context.annotation.Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}
