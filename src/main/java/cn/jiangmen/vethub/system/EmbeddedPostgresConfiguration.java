package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

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
 * <p>
 * No one gets in without a password: the server listens on 127.0.0.1 only, has no Unix
 * socket, and its {@link PgHbaFile pg_hba.conf} asks every connection for its role's
 * password (SCRAM). The passwords are made at the first start and kept in 0600 files
 * ({@link SecretFile}) under {@code hub.data-dir}/secrets/: {@value #SUPERUSER_PASSWORD}
 * for the superuser {@code postgres} (given to initdb, so that a new folder never trusts
 * anyone, and used by the hub only to set up the roles), {@value #HUB_PASSWORD} for the
 * role {@code vethub} that the hub, Flyway included, connects as: no superuser, owner of
 * the database and its schemas ({@link EmbeddedDatabaseRoles}). A data folder made by an
 * earlier version (initdb's {@code trust} for every local connection, everything owned by
 * {@code postgres}) is converted at start, nothing lost: started once trusting only the
 * superuser over TCP from this machine, it gets its passwords, then restarted with
 * passwords only, and the hub's role is given every object.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDatasourceUrl.class)
class EmbeddedPostgresConfiguration {

	/** The superuser's password file, below {@code hub.data-dir}. */
	static final String SUPERUSER_PASSWORD = "secrets/db-superuser-password";

	/** The hub role's password file, below {@code hub.data-dir}. */
	static final String HUB_PASSWORD = "secrets/db-hub-password";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(HubProperties hub) throws IOException {
		Path dir = hub.embeddedDbDir().toAbsolutePath().normalize();
		Files.createDirectories(dir);
		Path hba = dir.resolve("pg_hba.conf");
		Path superuserFile = secret(hub, SUPERUSER_PASSWORD);
		boolean existing = Files.exists(dir.resolve("postgresql.conf"));
		boolean converting = existing && PgHbaFile.trustsAnyone(hba);
		if (existing && !converting && !SecretFile.exists(superuserFile)) {
			throw new IllegalStateException("The embedded database in " + dir + " asks for passwords, but the file "
					+ superuserFile + " that holds its superuser's password is missing. Restore it from a backup,"
					+ " or put 'trust' back into " + hba + " for one start to have a new password set"
					+ " (docs/database.md, \"Lost password files\").");
		}
		String superuserPassword = SecretFile.readOrCreate(superuserFile, 24);
		String hubPassword = SecretFile.readOrCreate(secret(hub, HUB_PASSWORD), 24);
		log.info("No spring.datasource.url set: starting embedded PostgreSQL with its data in {}", dir);
		if (converting) {
			log.info("The embedded database in {} lets local connections in without a password (made by an earlier"
					+ " version): converting it to passwords only", dir);
			try (EmbeddedPostgres trusting = start(hub, dir, superuserPassword,
					(d) -> PgHbaFile.write(hba, PgHbaFile.CONVERSION));
					Connection superuser = trusting.getPostgresDatabase().getConnection()) {
				EmbeddedDatabaseRoles.setPassword(superuser, EmbeddedDatabaseRoles.SUPERUSER, superuserPassword);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot set the superuser's password of the embedded database", ex);
			}
		}
		EmbeddedPostgres postgres = start(hub, dir, superuserPassword,
				(d) -> PgHbaFile.write(hba, PgHbaFile.PASSWORDS_ONLY));
		try (Connection superuser = postgres.getPostgresDatabase().getConnection()) {
			int changed = EmbeddedDatabaseRoles.secureHubRole(superuser, hubPassword);
			if (changed > 0) {
				log.info("Embedded database: {} schemas and objects given to the role {}", changed,
						EmbeddedDatabaseRoles.HUB_ROLE);
			}
		}
		catch (SQLException | RuntimeException ex) {
			postgres.close();
			throw new IllegalStateException(
					"Cannot set up the role " + EmbeddedDatabaseRoles.HUB_ROLE + " of the embedded database", ex);
		}
		log.info("Embedded PostgreSQL on 127.0.0.1:{}, database {}, role {} (password in {})", postgres.getPort(),
				EmbeddedDatabaseRoles.DATABASE, EmbeddedDatabaseRoles.HUB_ROLE, secret(hub, HUB_PASSWORD));
		return postgres;
	}

	private static EmbeddedPostgres start(HubProperties hub, Path dir, String superuserPassword,
			Consumer<java.io.File> beforeStart) throws IOException {
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
				// TCP on this machine only, and no Unix socket (pg_ctl passes the quotes
				// through a shell: an empty list)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("unix_socket_directories", "''")
				.setServerConfig("password_encryption", "scram-sha-256")
				.setLocaleConfig("encoding", "UTF8")
				.setLocaleConfig("locale", "C")
				// initdb takes these long options after its own "-A trust": a new folder
				// asks for passwords from the start, the superuser's read from its file
				.setLocaleConfig("auth", "scram-sha-256")
				.setLocaleConfig("pwfile", secret(hub, SUPERUSER_PASSWORD).toString())
				// the readiness check of the library connects as the superuser
				.setConnectConfig("password", superuserPassword)
				.setDataDirectoryCustomizer(beforeStart)
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

	private static Path secret(HubProperties hub, String file) {
		return hub.dataDir().resolve(file).toAbsolutePath().normalize();
	}

	private static IllegalStateException inUse(Path dir, RuntimeException cause) {
		return new IllegalStateException("The embedded database folder " + dir
				+ " is in use by another running hub. Stop that hub, or give this one its own"
				+ " folder with HUB_DATA_DIR, or use an external server with SPRING_DATASOURCE_URL.", cause);
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres, HubProperties hub) {
		HikariDataSource ds = new HikariDataSource();
		ds.setPoolName("vethub-embedded");
		ds.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + EmbeddedDatabaseRoles.DATABASE);
		ds.setUsername(EmbeddedDatabaseRoles.HUB_ROLE);
		ds.setPassword(SecretFile.readOrCreate(secret(hub, HUB_PASSWORD), 24));
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
