package cn.jiangmen.vethub.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SecretFileTest {

	@TempDir
	Path dir;

	@Test
	void aNewSecretIsWrittenOwnerOnlyAndReadBackUnchanged() throws Exception {
		Path file = this.dir.resolve("secrets/db-password");
		String first = SecretFile.readOrCreate(file, 24);
		assertThat(first).hasSize(32).matches("[A-Za-z0-9_-]+");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
			.isEqualTo("rwx------");
		assertThat(SecretFile.readOrCreate(file, 24)).isEqualTo(first);
	}

	@Test
	void aSecretFileMadeWorldReadableIsTightened() throws Exception {
		Path file = this.dir.resolve("key");
		Files.writeString(file, "kept-secret\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		assertThat(SecretFile.readOrCreate(file, 24)).isEqualTo("kept-secret");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

}
