package cn.jiangmen.vethub.system;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
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

	@ParameterizedTest
	@ValueSource(
			strings = { "../pengjiang/x.csv", "..", ".", "/etc/passwd", "a/../../b", "..\\..\\win.ini", "", "x\0.csv" })
	void anyNameThatCouldLeaveTheFolderIsRefused(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> HubFolders.inside(this.outbox, name));
	}

}
