package cn.jiangmen.vethub.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PgHbaFileTest {

	@TempDir
	Path dir;

	/** As initdb -A trust writes it, the file of every earlier version's data folder. */
	private static final String INITDB_TRUST = """
			# PostgreSQL Client Authentication Configuration File
			# METHOD can be "trust", "reject", "md5", "password", "scram-sha-256",
			# TYPE  DATABASE        USER            ADDRESS                 METHOD

			# "local" is for Unix domain socket connections only
			local   all             all                                     trust
			# IPv4 local connections:
			host    all             all             127.0.0.1/32            trust
			# IPv6 local connections:
			host    all             all             ::1/128                 trust
			local   replication     all                                     trust
			host    replication     all             127.0.0.1/32            trust
			host    replication     all             ::1/128                 trust
			""";

	@Test
	void theFileOfAnEarlierVersionTrustsAndTheHubsDoesNot() throws Exception {
		Path file = this.dir.resolve("pg_hba.conf");
		Files.writeString(file, INITDB_TRUST);
		assertThat(PgHbaFile.trustsAnyone(file)).isTrue();

		PgHbaFile.write(file, PgHbaFile.PASSWORDS_ONLY);
		assertThat(PgHbaFile.trustsAnyone(file)).as("'trust' only in a comment").isFalse();
		assertThat(Files.readString(file)).isEqualTo(PgHbaFile.PASSWORDS_ONLY);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(this.dir.resolve("pg_hba.conf.vethub-new")).doesNotExist();

		PgHbaFile.write(file, PgHbaFile.CONVERSION);
		assertThat(PgHbaFile.trustsAnyone(file)).isTrue();
	}

	@Test
	void aTrustLineWrittenByHandIsSeenWhateverItsSpacing() throws Exception {
		Path file = this.dir.resolve("pg_hba.conf");
		Files.writeString(file,
				PgHbaFile.PASSWORDS_ONLY + "\thost\tpostgres\tpostgres\t127.0.0.1/32\ttrust   # reset\n");
		assertThat(PgHbaFile.trustsAnyone(file)).isTrue();
		Files.writeString(file, PgHbaFile.PASSWORDS_ONLY + "#host postgres postgres 127.0.0.1/32 trust\n");
		assertThat(PgHbaFile.trustsAnyone(file)).isFalse();
	}

}
