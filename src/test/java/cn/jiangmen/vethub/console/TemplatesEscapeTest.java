package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guard for the rule "nothing from a data file is ever rendered unescaped": no console
 * template uses Thymeleaf's unescaped forms ({@code th:utext}, {@code [(...)]} inlining),
 * and none carries inline script (the content security policy would block it anyway).
 */
class TemplatesEscapeTest {

	@Test
	void noTemplateRendersUnescapedTextOrInlineScript() throws IOException {
		Path templates = Path.of("src/main/resources/templates");
		List<Path> files;
		try (Stream<Path> walk = Files.walk(templates)) {
			files = walk.filter((p) -> p.toString().endsWith(".html")).toList();
		}
		assertThat(files).hasSizeGreaterThanOrEqualTo(6);
		for (Path file : files) {
			String html = Files.readString(file);
			assertThat(html).as(file.toString())
				.doesNotContain("th:utext", "[(", "th:inline=\"javascript\"", "onclick=", "onsubmit=", "javascript:")
				.doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
		}
	}

}
