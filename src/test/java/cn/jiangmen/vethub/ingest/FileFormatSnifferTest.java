package cn.jiangmen.vethub.ingest;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

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

	/**
	 * The byte-level UTF-8 check accepts exactly what the JDK's strict decoder decodes
	 * without a control character, however the bytes are split into blocks.
	 */
	@Test
	void utf8CheckAgreesWithTheStrictDecoder() {
		Random random = new Random(18030);
		byte[][] pieces = { "黄".getBytes(StandardCharsets.UTF_8), "𠮷".getBytes(StandardCharsets.UTF_8),
				"é".getBytes(StandardCharsets.UTF_8), "a,b\r\n".getBytes(StandardCharsets.UTF_8),
				"440784198503120011".getBytes(StandardCharsets.UTF_8), { (byte) 0xE0, (byte) 0x80 },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
				{ (byte) 0xF0, (byte) 0x8F }, { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xC2 }, { (byte) 0xBF },
				{ (byte) 0xF5 }, { 0 }, { 0x1F }, { 0x7F }, { '\t' }, "黄志强".getBytes(Charset.forName("GBK")) };
		int clean = 0;
		for (int n = 0; n < 20_000; n++) {
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			int parts = random.nextInt(12);
			for (int p = 0; p < parts; p++) {
				// mostly valid text, sometimes a bad piece or a random byte
				int r = random.nextInt(100);
				if (r < 80) {
					out.writeBytes(pieces[random.nextInt(5)]);
				}
				else if (r < 95) {
					out.writeBytes(pieces[random.nextInt(pieces.length)]);
				}
				else {
					out.write(random.nextInt(256));
				}
			}
			byte[] bytes = out.toByteArray();
			boolean expected = decodesStrictlyWithoutControls(bytes);
			FileFormatSniffer.Utf8Check check = new FileFormatSniffer.Utf8Check();
			boolean ok = true;
			for (int from = 0; ok && from < bytes.length;) {
				int len = Math.min(bytes.length - from, 1 + random.nextInt(20));
				ok = check.accept(Arrays.copyOfRange(bytes, from, from + len), len);
				from += len;
			}
			assertThat(ok && check.complete()).as("%s", Arrays.toString(bytes)).isEqualTo(expected);
			clean += expected ? 1 : 0;
		}
		// both outcomes were met many times
		assertThat(clean).isBetween(2_000, 18_000);
	}

	private static boolean decodesStrictlyWithoutControls(byte[] bytes) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			return text.chars().noneMatch((c) -> c < 0x20 && c != '\t' && c != '\r' && c != '\n');
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
