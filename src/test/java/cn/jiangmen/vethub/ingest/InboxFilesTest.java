package cn.jiangmen.vethub.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class InboxFilesTest {

	@Test
	void aFailureIsToldByItsTypesAndSqlStateNeverByItsMessage() {
		SQLException duplicate = new SQLException(
				"ERROR: duplicate key value violates unique constraint \"person_pkey\" Detail: Key (id_card)=(44078419580312291X) already exists.",
				"23505");
		String told = InboxFiles.describeFailure(new IllegalStateException("Loading failed for 梁国华", duplicate));
		assertThat(told).startsWith("IllegalStateException <- SQLException[23505]")
			.doesNotContain("44078419580312291X")
			.doesNotContain("梁国华")
			.contains(" at ingest.InboxFilesTest.");
	}

	@Test
	void theSha256IsTheFilesDigestInHex(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("x.csv"), "abc", StandardCharsets.US_ASCII);
		assertThat(InboxFiles.sha256(file))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
