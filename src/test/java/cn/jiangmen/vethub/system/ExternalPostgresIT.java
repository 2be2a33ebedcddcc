package cn.jiangmen.vethub.system;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import cn.jiangmen.vethub.VethubApplication;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.warehouse.PersonMerger;
import cn.jiangmen.vethub.warehouse.PersonObservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The hub on an external PostgreSQL server (spring.datasource.url set): Flyway migrates
 * it and a load goes through. CI starts Debian's PostgreSQL and passes its URL in
 * VETHUB_TEST_EXTERNAL_DB_URL; without it this test is skipped.
 */
class ExternalPostgresIT {

	@TempDir
	Path dataDir;

	@Test
	void migratesAndLoadsIntoAnExternalServer() throws Exception {
		String url = System.getenv("VETHUB_TEST_EXTERNAL_DB_URL");
		boolean required = System.getenv("CI") != null;
		if (required) {
			assertThat(url).as("CI must provide VETHUB_TEST_EXTERNAL_DB_URL (see .ci/run)").isNotBlank();
		}
		assumeTrue(url != null && !url.isBlank(), "VETHUB_TEST_EXTERNAL_DB_URL not set: external server not tested");
		try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(VethubApplication.class).profiles("test")
			.run("--spring.datasource.url=" + url,
					"--spring.datasource.username=" + System.getenv().getOrDefault("VETHUB_TEST_EXTERNAL_DB_USER", ""),
					"--spring.datasource.password="
							+ System.getenv().getOrDefault("VETHUB_TEST_EXTERNAL_DB_PASSWORD", ""),
					"--hub.data-dir=" + this.dataDir, "--server.port=0")) {
			JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT current_setting('server_version_num')::int", Integer.class))
				.isGreaterThanOrEqualTo(140000);
			assertThat(hub.getBeansOfType(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class)).isEmpty();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM ref.town", Integer.class)).isEqualTo(73);

			jdbc.execute("TRUNCATE dw.person, dw.person_observation_log, ops.rejected_row, ops.ingest_run CASCADE");
			String id = IdCards.valid("440784", LocalDate.of(1958, 3, 12), 291, true);
			RunLedger ledger = hub.getBean(RunLedger.class);
			long run = ledger.start("heshan", RunTrigger.FILE, "花名册_20261115.xlsx", null);
			new TransactionTemplate(hub.getBean(PlatformTransactionManager.class)).executeWithoutResult((tx) -> {
				try (PersonMerger.Batch batch = hub.getBean(PersonMerger.class).begin(run)) {
					batch.add(new PersonObservation(id, "heshan", PersonObservation.Kind.ROSTER,
							OffsetDateTime.of(2026, 11, 15, 0, 0, 0, 0, ZoneOffset.ofHours(8)), "花名册!5", "梁𠮷华", "退役士兵",
							"中共党员", LocalDate.of(1976, 12, 1), LocalDate.of(1981, 1, 1), "13823456789", "沙坪街道",
							"440784", "玉桥村"));
					batch.apply();
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			ledger.succeed(run, 1, 1, 0, null);
			assertThat(jdbc.queryForMap(
					"SELECT name, gender, birth_date, party_member, town FROM dw.person WHERE id_card = ?", id))
				.containsEntry("name", "梁𠮷华")
				.containsEntry("gender", "M")
				.containsEntry("birth_date", java.sql.Date.valueOf("1958-03-12"))
				.containsEntry("party_member", true)
				.containsEntry("town", "沙坪街道");

			DuplicateKeyException duplicate = catchThrowableOfType(DuplicateKeyException.class, () -> jdbc.update("""
					INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
					VALUES (?, '梁𠮷华', 'M', DATE '1958-03-12', 'heshan', now())""", id));
			assertThat(duplicate.getMostSpecificCause().getMessage()).as("no row values in database error messages")
				.contains("person_pkey")
				.doesNotContain(id);
		}
	}

}
