package cn.jiangmen.vethub.system;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

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
	void scratchFilesLeftByACrashAreDeletedAtStartButNotThoseOfALivePeer(@TempDir Path dataDir) throws Exception {
		Path work = Files.createDirectories(dataDir.resolve("work"));
		Path leftover = work.resolve("spill-123.jsonl");
		Files.writeString(leftover, "{\"idCard\":\"44078419580312291X\"}");
		// a hub that crashed: its owner file is locked by no one
		Path crashed = Files.createDirectories(work.resolve("hub-crashed"));
		Files.createFile(crashed.resolve(HubFolders.OWNER));
		Files.writeString(crashed.resolve("spill-456.jsonl"), "{}");
		// a peer hub running on the same data folder holds its owner file
		Path live = Files.createDirectories(work.resolve("hub-live"));
		Path liveSpill = Files.writeString(live.resolve("spill-789.jsonl"), "{}");
		try (FileChannel peer = FileChannel.open(live.resolve(HubFolders.OWNER), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock held = peer.lock()) {
			Path sources = Files.createDirectories(dataDir.resolve("sources"));
			HubFolders folders = new HubFolders(
					new HubProperties(dataDir, sources, new HubProperties.EmbeddedDb(0, "pg")),
					new SourceRegistry(sources, null));

			assertThat(leftover).doesNotExist();
			assertThat(crashed).doesNotExist();
			assertThat(liveSpill).exists();
			assertThat(folders.workDir()).isDirectory().hasParent(work);
			try (Stream<Path> own = Files.list(folders.workDir())) {
				assertThat(own).extracting((p) -> p.getFileName().toString()).containsExactly(HubFolders.OWNER);
			}
			folders.releaseWorkDir();
			assertThat(folders.workDir()).doesNotExist();
		}
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "../pengjiang/x.csv", "..", ".", "/etc/passwd", "a/../../b", "..\\..\\win.ini", "", "x\0.csv" })
	void anyNameThatCouldLeaveTheFolderIsRefused(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> HubFolders.inside(this.outbox, name));
	}

}
