package cn.jiangmen.vethub.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.jiangmen.vethub.testdata.IdCards;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded database lets no one in without a password: a new data folder, and one
 * made by an earlier version (which trusted every local connection and left everything to
 * the superuser), converted at start with nothing lost. Each test starts the hub's
 * {@link EmbeddedPostgresConfiguration} on a folder of its own and works as the hub's
 * role, as the hub does; the superuser is used only to make the earlier version's folder
 * and to show the warning about a superuser connection.
 */
class EmbeddedPostgresPasswordsTest {

	private static final String ID = IdCards.valid("440784", LocalDate.of(1958, 3, 12), 291, true);

	@TempDir
	Path dataDir;

	private final EmbeddedPostgresConfiguration config = new EmbeddedPostgresConfiguration();

	private HubProperties hub() {
		return new HubProperties(this.dataDir, Path.of("config/sources"), new HubProperties.EmbeddedDb(0, "pg"));
	}

	@Test
	void aNewDatabaseAsksEveryConnectionForItsPasswordAndTheHubRoleIsNoSuperuser() throws Exception {
		try (EmbeddedPostgres postgres = this.config.embeddedPostgres(hub());
				HikariDataSource hubDs = (HikariDataSource) this.config.dataSource(postgres, hub())) {
			int port = postgres.getPort();
			refused(connect(port, "postgres", null), "no password was provided");
			refused(connect(port, "vethub", null), "no password was provided");
			refused(connect(port, "postgres", "wrong-password"), "password authentication failed");
			refused(connect(port, "vethub", "wrong-password"), "password authentication failed");
			assertThat(PgHbaFile.trustsAnyone(this.dataDir.resolve("pg/pg_hba.conf"))).isFalse();

			JdbcTemplate jdbc = new JdbcTemplate(hubDs);
			assertThat(jdbc.queryForObject("SHOW listen_addresses", String.class)).isEqualTo("127.0.0.1");
			// a setting only the superuser may read
			assertThat(new JdbcTemplate(EmbeddedSuperuser.dataSource(this.dataDir, port))
				.queryForObject("SHOW unix_socket_directories", String.class)).isEmpty();
			assertThat(Path.of("/tmp/.s.PGSQL." + port)).as("no Unix socket").doesNotExist();
			assertThat(jdbc.queryForObject("SHOW password_encryption", String.class)).isEqualTo("scram-sha-256");
			assertThat(jdbc.queryForMap("""
					SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls,
					       pg_has_role(current_user, 'pg_execute_server_program', 'USAGE') AS run_programs,
					       pg_has_role(current_user, 'pg_read_server_files', 'USAGE') AS read_files,
					       pg_has_role(current_user, 'pg_write_server_files', 'USAGE') AS write_files
					  FROM pg_roles WHERE rolname = current_user""")).containsEntry("rolname", "vethub")
				.containsEntry("rolsuper", false)
				.containsEntry("rolcreaterole", false)
				.containsEntry("rolcreatedb", false)
				.containsEntry("rolreplication", false)
				.containsEntry("rolbypassrls", false)
				.containsEntry("run_programs", false)
				.containsEntry("read_files", false)
				.containsEntry("write_files", false);
			permissionDenied(jdbc, "SELECT rolpassword FROM pg_authid");
		}
	}

	@Test
	void theHubRoleCannotRunProgramsNorTouchServerFiles() throws Exception {
		try (EmbeddedPostgres postgres = this.config.embeddedPostgres(hub());
				HikariDataSource hubDs = (HikariDataSource) this.config.dataSource(postgres, hub())) {
			JdbcTemplate jdbc = new JdbcTemplate(hubDs);
			Path written = this.dataDir.resolve("written-by-the-server");
			permissionDenied(jdbc, "COPY (SELECT 1) TO PROGRAM 'true'");
			permissionDenied(jdbc, "COPY (SELECT 1) TO PROGRAM 'touch " + written + "'");
			permissionDenied(jdbc, "COPY (SELECT 1) TO '" + written + "'");
			permissionDenied(jdbc, "SELECT pg_read_file('pg_hba.conf')");
			permissionDenied(jdbc, "CREATE ROLE intruder SUPERUSER LOGIN");
			permissionDenied(jdbc, "ALTER SYSTEM SET listen_addresses = '*'");
			assertThat(written).doesNotExist();
		}
	}

	@Test
	void theHubRoleRunsTheMigrationsAndOwnsEverythingTheyMake() throws Exception {
		try (EmbeddedPostgres postgres = this.config.embeddedPostgres(hub());
				HikariDataSource hubDs = (HikariDataSource) this.config.dataSource(postgres, hub())) {
			Flyway.configure().dataSource(hubDs).load().migrate();
			JdbcTemplate jdbc = new JdbcTemplate(hubDs);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM ref.town", Integer.class)).isEqualTo(73);
			assertThat(notOwnedByTheHub(jdbc)).isEmpty();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relowner = 'vethub'::regrole",
					Integer.class))
				.isGreaterThan(30);
		}
	}

	@Test
	void theSecretFilesAreTheHubUsersOnly() throws Exception {
		try (EmbeddedPostgres postgres = this.config.embeddedPostgres(hub())) {
			for (String secret : List.of(EmbeddedPostgresConfiguration.SUPERUSER_PASSWORD,
					EmbeddedPostgresConfiguration.HUB_PASSWORD)) {
				Path file = this.dataDir.resolve(secret);
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(secret)
					.isEqualTo("rw-------");
				assertThat(Files.readString(file).strip()).as(secret).matches("[A-Za-z0-9_-]{32}");
			}
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.dataDir.resolve("secrets"))))
				.isEqualTo("rwx------");
			assertThat(PosixFilePermissions
				.toString(Files.getPosixFilePermissions(this.dataDir.resolve("pg/pg_hba.conf"))))
				.isEqualTo("rw-------");
			assertThat(Files.readString(this.dataDir.resolve(EmbeddedPostgresConfiguration.SUPERUSER_PASSWORD)))
				.isNotEqualTo(Files.readString(this.dataDir.resolve(EmbeddedPostgresConfiguration.HUB_PASSWORD)));
		}
	}

	@Test
	void aFolderOfAnEarlierVersionIsConvertedWithNothingLost() throws Exception {
		Path pg = this.dataDir.resolve("pg");
		// the earlier version: zonky's defaults (initdb -A trust), the hub as postgres
		try (EmbeddedPostgres earlier = EmbeddedPostgres.builder()
			.setDataDirectory(pg)
			.setCleanDataDirectory(false)
			.setLocaleConfig("encoding", "UTF8")
			.setLocaleConfig("locale", "C")
			.start()) {
			DataSource superuser = earlier.getPostgresDatabase();
			Flyway.configure().dataSource(superuser).load().migrate();
			JdbcTemplate jdbc = new JdbcTemplate(superuser);
			jdbc.update("""
					INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
					VALUES (?, '梁𠮷华', 'M', DATE '1958-03-12', 'heshan', now())""", ID);
			jdbc.update("""
					INSERT INTO ops.ingest_run (source_id, trigger, file_name, status)
					VALUES ('heshan', 'file', '花名册_20261115.xlsx', 'succeeded')""");
			// objects of kinds the migrations have none of yet, made by hand
			jdbc.execute(
					"""
							CREATE TYPE dw.visit_kind AS ENUM ('home', 'phone');
							CREATE DOMAIN dw.county_code AS char(6) CHECK (VALUE ~ '^[0-9]{6}$');
							CREATE SEQUENCE ops.ticket_seq;
							CREATE FUNCTION dw.age(d date) RETURNS int LANGUAGE sql IMMUTABLE
							  RETURN extract(year FROM age(DATE '2026-12-01', d));
							CREATE MATERIALIZED VIEW dw.m_persons AS SELECT id_card, dw.age(birth_date) AS age FROM dw.person""");
			assertThat(jdbc.queryForObject("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'dw'",
					String.class))
				.isEqualTo("postgres");
			assertThat(PgHbaFile.trustsAnyone(pg.resolve("pg_hba.conf"))).isTrue();
		}

		try (EmbeddedPostgres postgres = this.config.embeddedPostgres(hub());
				HikariDataSource hubDs = (HikariDataSource) this.config.dataSource(postgres, hub())) {
			int port = postgres.getPort();
			refused(connect(port, "postgres", null), "no password was provided");
			refused(connect(port, "vethub", null), "no password was provided");
			assertThat(PgHbaFile.trustsAnyone(pg.resolve("pg_hba.conf"))).as("trust gone").isFalse();

			JdbcTemplate jdbc = new JdbcTemplate(hubDs);
			assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("vethub");
			assertThat(jdbc.queryForObject("SELECT name FROM dw.person WHERE id_card = ?", String.class, ID))
				.isEqualTo("梁𠮷华");
			assertThat(jdbc.queryForObject("SELECT count(*) FROM ref.town", Integer.class)).isEqualTo(73);
			assertThat(jdbc.queryForObject("SELECT file_name FROM ops.ingest_run", String.class))
				.isEqualTo("花名册_20261115.xlsx");
			assertThat(jdbc.queryForObject("SELECT age FROM dw.m_persons", Integer.class)).isEqualTo(68);
			assertThat(notOwnedByTheHub(jdbc)).isEmpty();
			assertThat(jdbc.queryForObject("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'postgres'",
					String.class))
				.isEqualTo("vethub");
			// the hub goes on as before: its migrations are all applied, it writes and
			// changes its schema
			assertThat(Flyway.configure().dataSource(hubDs).load().migrate().migrationsExecuted).isZero();
			jdbc.update("UPDATE dw.person SET name = '梁华' WHERE id_card = ?", ID);
			jdbc.execute("REFRESH MATERIALIZED VIEW dw.m_persons");
			jdbc.execute("ALTER TABLE dw.person ADD COLUMN added_by_the_hub text");
			assertThat(jdbc.queryForObject("SELECT nextval('ops.ticket_seq')", Long.class)).isEqualTo(1L);
			permissionDenied(jdbc, "COPY (SELECT 1) TO PROGRAM 'true'");

			// the superuser's password works, from its file
			assertThat(new JdbcTemplate(EmbeddedSuperuser.dataSource(this.dataDir, port))
				.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class)).isTrue();
		}

		// and the next start is an ordinary one
		try (EmbeddedPostgres again = this.config.embeddedPostgres(hub());
				HikariDataSource hubDs = (HikariDataSource) this.config.dataSource(again, hub())) {
			assertThat(new JdbcTemplate(hubDs).queryForObject("SELECT name FROM dw.person WHERE id_card = ?",
					String.class, ID))
				.isEqualTo("梁华");
			refused(connect(again.getPort(), "postgres", null), "no password was provided");
		}
	}

	@Test
	void aLostSuperuserPasswordFileStopsTheStartWithWhatToDo() throws Exception {
		try (EmbeddedPostgres postgres = this.config.embeddedPostgres(hub())) {
			assertThat(postgres.getPort()).isPositive();
		}
		Files.delete(this.dataDir.resolve(EmbeddedPostgresConfiguration.SUPERUSER_PASSWORD));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.config.embeddedPostgres(hub()))
			.withMessageContaining("db-superuser-password")
			.withMessageContaining("is missing")
			.withMessageContaining("trust");
		assertThat(this.dataDir.resolve(EmbeddedPostgresConfiguration.SUPERUSER_PASSWORD))
			.as("no new password that would not match")
			.doesNotExist();
	}

	@Test
	void theHubWarnsWhenItIsConnectedAsASuperuser() throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(SuperuserWarning.class);
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		logger.addAppender(logs);
		try (EmbeddedPostgres postgres = this.config.embeddedPostgres(hub());
				HikariDataSource hubDs = (HikariDataSource) this.config.dataSource(postgres, hub())) {
			new SuperuserWarning(new JdbcTemplate(hubDs)).warnIfSuperuser();
			assertThat(logs.list).as("the hub's own role").isEmpty();

			// as an external server's superuser would be given in
			// spring.datasource.username
			new SuperuserWarning(new JdbcTemplate(EmbeddedSuperuser.dataSource(this.dataDir, postgres.getPort())))
				.warnIfSuperuser();
			assertThat(logs.list).singleElement().satisfies((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.WARN);
				assertThat(event.getFormattedMessage()).contains("as postgres, a superuser")
					.contains("docs/database.md")
					.doesNotContain(
							Files.readString(this.dataDir.resolve(EmbeddedPostgresConfiguration.SUPERUSER_PASSWORD))
								.strip());
			});
		}
		finally {
			logger.detachAppender(logs);
		}
	}

	/**
	 * Schemas and objects of the hub's schemas, and the database, that the hub does not
	 * own.
	 */
	private static List<String> notOwnedByTheHub(JdbcTemplate jdbc) {
		return jdbc.queryForList("""
				WITH s AS (SELECT oid, nspname FROM pg_namespace
				            WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema')
				SELECT 'schema ' || nspname FROM pg_namespace
				 WHERE oid IN (SELECT oid FROM s) AND nspname <> 'public' AND nspowner <> 'vethub'::regrole
				UNION ALL
				SELECT 'relation ' || c.oid::regclass FROM pg_class c
				 WHERE c.relnamespace IN (SELECT oid FROM s) AND c.relowner <> 'vethub'::regrole
				UNION ALL
				SELECT 'routine ' || p.oid::regprocedure FROM pg_proc p
				 WHERE p.pronamespace IN (SELECT oid FROM s) AND p.proowner <> 'vethub'::regrole
				UNION ALL
				SELECT 'type ' || t.oid::regtype FROM pg_type t
				 WHERE t.typnamespace IN (SELECT oid FROM s) AND t.typowner <> 'vethub'::regrole
				UNION ALL
				SELECT 'database ' || datname FROM pg_database
				 WHERE datname = current_database() AND datdba <> 'vethub'::regrole""", String.class);
	}

	private static DataSource connect(int port, String user, String password) {
		PGSimpleDataSource ds = new PGSimpleDataSource();
		ds.setServerNames(new String[] { "127.0.0.1" });
		ds.setPortNumbers(new int[] { port });
		ds.setDatabaseName("postgres");
		ds.setUser(user);
		if (password != null) {
			ds.setPassword(password);
		}
		return ds;
	}

	private static void refused(DataSource ds, String why) {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
			try (Connection c = ds.getConnection()) {
				c.isValid(1);
			}
		}).withMessageContaining(why);
	}

	private static void permissionDenied(JdbcTemplate jdbc, String sql) {
		assertThatExceptionOfType(org.springframework.dao.DataAccessException.class).isThrownBy(() -> jdbc.execute(sql))
			.satisfies((ex) -> assertThat(((SQLException) ex.getMostSpecificCause()).getSQLState()).as(sql)
				.isEqualTo("42501"));
	}

}
