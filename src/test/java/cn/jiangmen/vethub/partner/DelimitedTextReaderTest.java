package cn.jiangmen.vethub.partner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.ingest.UnreadableFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DelimitedTextReaderTest {

	@TempDir
	Path dir;

	@Test
	void aFileInAnotherEncodingIsUnreadable() throws Exception {
		Path file = this.dir.resolve("his.txt");
		Files.write(file, "流水号|姓名\nA1|李𠮷祥\n".getBytes(StandardCharsets.UTF_8));
		List<SourceRow> rows = new ArrayList<>();

		assertThatExceptionOfType(UnreadableFileException.class)
			.isThrownBy(() -> new DelimitedTextReader(StandardCharsets.US_ASCII, "|").read(file, rows::add))
			.withMessageContaining("文本文件编码错误：不是约定的 US-ASCII 编码");
		assertThat(rows).isEmpty();
	}

	@Test
	void linesAreSplitOnTheDelimiterWithoutQuoting() throws Exception {
		Path file = this.dir.resolve("his.txt");
		Files.write(file, "\uFEFF流水号|项目\nA1|\"专家\"号\n".getBytes(StandardCharsets.UTF_8));
		List<SourceRow> rows = new ArrayList<>();

		new DelimitedTextReader(StandardCharsets.UTF_8, "|").read(file, rows::add);

		assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 2L);
		assertThat(rows.get(0).text(0)).isEqualTo("流水号");
		assertThat(rows.get(1).text(1)).isEqualTo("\"专家\"号");
	}

}
