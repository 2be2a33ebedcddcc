package cn.jiangmen.vethub.system;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedPostgresLockTest {

	@TempDir
	Path dataDir;

	private HubProperties hub() {
		return new HubProperties(this.dataDir, Path.of("config/sources"), new HubProperties.EmbeddedDb(0, "pg"));
	}

	@Test
	void dataSurvivesARestartAndASecondHubOnTheSameFolderIsRefused() throws Exception {
		EmbeddedPostgresConfiguration config = new EmbeddedPostgresConfiguration();
		try (EmbeddedPostgres first = config.embeddedPostgres(hub());
				HikariDataSource hubDs = (HikariDataSource) config.dataSource(first, hub())) {
			new JdbcTemplate(hubDs).execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('江门')");
			assertThatIllegalStateException().isThrownBy(() -> config.embeddedPostgres(hub()))
				.withMessageContaining("is in use by another running hub")
				.withMessageContaining(this.dataDir.resolve("pg").toString());
		}
		try (EmbeddedPostgres again = config.embeddedPostgres(hub());
				HikariDataSource hubDs = (HikariDataSource) config.dataSource(again, hub())) {
			assertThat(new JdbcTemplate(hubDs).queryForObject("SELECT v FROM kept", String.class)).isEqualTo("江门");
		}
	}

}
