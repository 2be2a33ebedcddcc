package cn.jiangmen.vethub.system;

import java.nio.file.Files;
import java.nio.file.Path;

import cn.jiangmen.vethub.source.SourceRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HubFoldersTest {

	private final Path outbox = Path.of("/srv/vethub/data/outbox/heshan");

	@Test
	void aPlainNameStaysInItsFolder() {
		assertThat(HubFolders.inside(this.outbox, "花名册_20261115.xlsx.回执.csv"))
			.isEqualTo(this.outbox.resolve("花名册_20261115.xlsx.回执.csv"));
	}

	@Test
	void scratchFilesLeftByACrashAreDeletedAtStart(@TempDir Path dataDir) throws Exception {
		Path leftover = Files.createDirectories(dataDir.resolve("work")).resolve("spill-123.jsonl");
		Files.writeString(leftover, "{\"idCard\":\"44078419580312291X\"}");
		Path sources = Files.createDirectories(dataDir.resolve("sources"));
		HubFolders folders = new HubFolders(new HubProperties(dataDir, sources, new HubProperties.EmbeddedDb(0, "pg")),
				new SourceRegistry(sources, null));
		assertThat(folders.workDir()).isDirectory().isEmptyDirectory();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "../pengjiang/x.csv", "..", ".", "/etc/passwd", "a/../../b", "..\\..\\win.ini", "", "x\0.csv" })
	void anyNameThatCouldLeaveTheFolderIsRefused(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> HubFolders.inside(this.outbox, name));
	}

}
