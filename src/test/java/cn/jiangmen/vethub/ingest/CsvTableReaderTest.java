package cn.jiangmen.vethub.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import cn.jiangmen.vethub.normalize.CellKind;
import cn.jiangmen.vethub.normalize.RawCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTableReaderTest {

	@TempDir
	Path dir;

	@Test
	void gbkFileKeepsRecordNumbersWithHeaderAsOne() throws Exception {
		Path file = this.dir.resolve("救助.csv");
		Files.writeString(file, "姓名,身份证号码,救助金额（元）\r\n黄志强,440784198503120011,\"1,200.00元\"\r\n\r\n"
				+ "陈美玲,\"4407\n84\",0.12万元\r\n林国栋,440784,\r\n", Charset.forName("GBK"));

		List<SourceRow> rows = read(file, new CsvTableReader(Charset.forName("GB18030")));

		assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(rows.get(1).cell(2)).isEqualTo(new RawCell("1,200.00元", CellKind.TEXT));
		assertThat(rows.get(2).isBlank()).isTrue();
		assertThat(rows.get(3).text(0)).isEqualTo("陈美玲");
		assertThat(rows.get(3).text(1)).isEqualTo("4407\n84");
		assertThat(rows.get(4).cell(2).kind()).isEqualTo(CellKind.BLANK);
		assertThat(rows).allMatch((r) -> r.sheet() == null);
	}

	@Test
	void bomIsNotPartOfTheFirstHeader() throws Exception {
		Path file = this.dir.resolve("bom.csv");
		byte[] body = "身份证号码,姓名\n440784198503120011,李𠮷祥\n".getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[body.length + 3];
		bytes[0] = (byte) 0xEF;
		bytes[1] = (byte) 0xBB;
		bytes[2] = (byte) 0xBF;
		System.arraycopy(body, 0, bytes, 3, body.length);
		Files.write(file, bytes);

		List<SourceRow> rows = read(file, new CsvTableReader(StandardCharsets.UTF_8));

		assertThat(rows.get(0).text(0)).isEqualTo("身份证号码");
		assertThat(rows.get(1).text(1)).isEqualTo("李𠮷祥");
	}

	@Test
	void aRefusalByTheHandlerPassesThroughUnwrapped() throws Exception {
		Path file = this.dir.resolve("refused.csv");
		Files.writeString(file, "身份证号码,姓名\n440784198503120011,黄志强\n", StandardCharsets.UTF_8);
		UnreadableFileException refusal = new UnreadableFileException("第 2 行：格式与约定不符");

		assertThatThrownBy(() -> new CsvTableReader(StandardCharsets.UTF_8).read(file, (row) -> {
			if (row.rowNumber() == 2) {
				throw refusal;
			}
		})).isSameAs(refusal);
	}

	@Test
	void anotherCheckedExceptionOfTheHandlerIsCarriedInAHandlerException() throws Exception {
		Path file = this.dir.resolve("failed.csv");
		Files.writeString(file, "身份证号码,姓名\n", StandardCharsets.UTF_8);
		SQLException failure = new SQLException("connection lost");

		assertThatThrownBy(() -> new CsvTableReader(StandardCharsets.UTF_8).read(file, (row) -> {
			throw failure;
		})).isInstanceOf(HandlerException.class).hasCause(failure);
	}

	static List<SourceRow> read(Path file, TableReader reader) throws Exception {
		List<SourceRow> rows = new ArrayList<>();
		reader.read(file, rows::add);
		return rows;
	}

}
