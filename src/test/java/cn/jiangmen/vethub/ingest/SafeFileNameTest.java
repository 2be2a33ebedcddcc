package cn.jiangmen.vethub.ingest;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeFileNameTest {

	@Test
	void aPlainNameThatFitsIsUsedAsItIs() {
		assertThat(SafeFileName.of("鹤山市退役军人花名册_20261115.xlsx", ".回执.csv")).isEqualTo("鹤山市退役军人花名册_20261115.xlsx.回执.csv");
		assertThat(SafeFileName.of("花名册 (1).csv", "")).isEqualTo("花名册 (1).csv");
	}

	@Test
	void aNameWhoseFeedbackNameWouldPassTheLimitIsCutAtACharacterWithAHashAndKeepsItsExtension() {
		String name = "鹤".repeat(82) + ".xlsx";
		assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(251);

		String feedback = SafeFileName.of(name, ".回执.csv");

		assertThat(feedback.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
		assertThat(feedback).matches("鹤+~[0-9a-f]{8}\\.xlsx\\.回执\\.csv");
		assertThat(SafeFileName.of(name, "")).as("the file itself still fits").isEqualTo(name);
		String other = "鹤".repeat(81) + "山.xlsx";
		assertThat(SafeFileName.of(other, ".回执.csv")).as("two names cut alike stay apart").isNotEqualTo(feedback);
		assertThat(SafeFileName.of(name, ".回执.csv")).as("the same name, the same safe name").isEqualTo(feedback);
	}

	@Test
	void controlCharactersBackslashesAndSlashesAreReplaced() {
		assertThat(SafeFileName.of("花名册\n第二行.csv", ".回执.csv")).matches("花名册_第二行~[0-9a-f]{8}\\.csv\\.回执\\.csv");
		assertThat(SafeFileName.of("a\\b.xlsx", "")).matches("a_b~[0-9a-f]{8}\\.xlsx");
		assertThat(SafeFileName.of("\u001b[31m红.csv", "")).matches("_\\[31m红~[0-9a-f]{8}\\.csv");
		assertThat(SafeFileName.of("制表\t符.csv", "")).as("not even a tab").matches("制表_符~[0-9a-f]{8}\\.csv");
		assertThat(SafeFileName.of("..", "")).doesNotContain("/").isNotEqualTo("..");
	}

	@Test
	void theRealNameIsShownWithItsControlCharactersWrittenOut() {
		assertThat(SafeFileName.printable("花名册\n第二行\u001b[31m.csv")).isEqualTo("花名册\\x0A第二行\\x1B[31m.csv");
		String plain = "a\\b 花名册.csv";
		assertThat(SafeFileName.printable(plain)).isSameAs(plain);
	}

}
