package cn.jiangmen.vethub.console;

import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import org.junit.jupiter.api.Test;

import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The name a file sent through the console gets in its source's inbox: its own, without a
 * path, made safe; refused (400) when the inbox route would never take it.
 */
class InboxDropperTest {

	static final SourceDefinition HESHAN = new SourceDefinition("heshan", SourceKind.COUNTY, "鹤山市", "440784",
			"inbox/county/heshan", ".*\\.(xlsx|csv|txt)", true, null, null);

	@Test
	void aPlainNameIsKeptAsItIs() {
		assertThat(InboxDropper.inboxName(HESHAN, "鹤山市花名册_2026年11月.XLSX")).isEqualTo("鹤山市花名册_2026年11月.XLSX");
	}

	@Test
	void aPathSentWithTheNameIsDropped() {
		assertThat(InboxDropper.inboxName(HESHAN, "C:\\Users\\办公室\\Desktop\\救助.csv")).isEqualTo("救助.csv");
		assertThat(InboxDropper.inboxName(HESHAN, "../../../etc/救助.csv")).isEqualTo("救助.csv");
	}

	@Test
	void controlCharactersAreReplacedAndTheExtensionKept() {
		String name = InboxDropper.inboxName(HESHAN, "救助\n发放\u0007.csv");
		assertThat(name).startsWith("救助_发放_~").endsWith(".csv").doesNotContain("\n", "\u0007");
	}

	@Test
	void namesTheRouteNeverTakesAreRefusedWithTheReason() {
		assertRefused(".隐藏.csv", "hidden");
		assertRefused("~$花名册.xlsx", "hidden");
		assertRefused("花名册.xlsx.crdownload", "temporary");
		assertRefused("花名册.part", "hidden or temporary");
		assertRefused("花名册.exe", "file pattern");
		assertRefused("..", "file pattern");
		assertRefused("C:\\fakepath\\", "no name");
		assertRefused(null, "no name");
	}

	private static void assertRefused(String name, String why) {
		assertThatThrownBy(() -> InboxDropper.inboxName(HESHAN, name)).isInstanceOf(ResponseStatusException.class)
			.satisfies((ex) -> assertThat(((ResponseStatusException) ex).getStatusCode().value()).isEqualTo(400))
			.hasMessageContaining(why);
	}

}
