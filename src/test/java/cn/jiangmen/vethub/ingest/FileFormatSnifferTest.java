package cn.jiangmen.vethub.ingest;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileFormatSnifferTest {

	@TempDir
	Path dir;

	private final FileFormatSniffer sniffer = new FileFormatSniffer();

	@Test
	void workbookIsRecognisedWhateverItsName() throws Exception {
		Path file = this.dir.resolve("花名册.csv");
		try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			wb.createSheet("花名册");
			wb.write(out);
		}
		assertThat(this.sniffer.sniff(file)).isEqualTo(FileFormat.XLSX);
	}

	@Test
	void textEncodingsAreRecognised() throws Exception {
		String text = "姓名,身份证号码\n黄志强,440784198503120011\n";
		Path utf8 = this.dir.resolve("a.csv");
		Files.writeString(utf8, text, StandardCharsets.UTF_8);
		Path gbk = this.dir.resolve("b.csv");
		Files.writeString(gbk, text, Charset.forName("GBK"));
		Path bom = this.dir.resolve("c.csv");
		Files.writeString(bom, "\uFEFF" + text, StandardCharsets.UTF_8);

		assertThat(this.sniffer.sniff(utf8)).isEqualTo(FileFormat.CSV_UTF8);
		assertThat(this.sniffer.sniff(gbk)).isEqualTo(FileFormat.CSV_GB18030);
		assertThat(this.sniffer.sniff(bom)).isEqualTo(FileFormat.CSV_UTF8_BOM);
	}

	@Test
	void otherContentIsUnreadableWithAReason() throws Exception {
		Path empty = Files.write(this.dir.resolve("empty.csv"), new byte[0]);
		Path xls = Files.write(this.dir.resolve("old.xls"), new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
				(byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 });
		Path pdf = Files.write(this.dir.resolve("scan.xlsx"), "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
		Path binary = Files.write(this.dir.resolve("x.csv"), new byte[] { 1, 2, 0, 4, 5 });

		assertThatThrownBy(() -> this.sniffer.sniff(empty)).hasMessageContaining("为空");
		assertThatThrownBy(() -> this.sniffer.sniff(xls)).hasMessageContaining(".xls");
		assertThatThrownBy(() -> this.sniffer.sniff(pdf)).hasMessageContaining("PDF");
		assertThatThrownBy(() -> this.sniffer.sniff(binary)).isInstanceOf(UnreadableFileException.class);
	}

	@Test
	void truncatedZipIsUnreadable() throws Exception {
		Path whole = this.dir.resolve("whole.xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(whole)) {
			wb.createSheet("花名册").createRow(0).createCell(0).setCellValue("身份证号码");
			wb.write(out);
		}
		byte[] bytes = Files.readAllBytes(whole);
		Path cut = Files.write(this.dir.resolve("cut.xlsx"), Arrays.copyOf(bytes, bytes.length - 100));

		assertThatThrownBy(() -> this.sniffer.sniff(cut)).isInstanceOf(UnreadableFileException.class)
			.hasMessageContaining("损坏");
	}

}
