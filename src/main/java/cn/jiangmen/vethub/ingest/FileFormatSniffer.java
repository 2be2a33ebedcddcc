package cn.jiangmen.vethub.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Recognises a dropped file's format from its content, never from its extension alone: an
 * XLSX workbook (zip magic and an OOXML workbook entry), UTF-8 text with a BOM, strict
 * UTF-8 text, or else GB18030/GBK text. Old binary Excel (OLE2), PDF, other binary
 * content, empty files and corrupt or truncated zips are refused with a plain Chinese
 * reason. Text is checked in one streaming pass with constant memory.
 */
public final class FileFormatSniffer {

	private static final int BUFFER = 64 * 1024;

	/**
	 * @return the format of the file
	 * @throws UnreadableFileException when it is none of the accepted formats
	 * @throws IOException when the file itself cannot be opened
	 */
	public FileFormat sniff(Path file) throws UnreadableFileException, IOException {
		byte[] head = new byte[8];
		int n;
		try (InputStream in = Files.newInputStream(file)) {
			n = in.readNBytes(head, 0, head.length);
		}
		if (n == 0) {
			throw new UnreadableFileException("文件为空");
		}
		if (startsWith(head, n, 0x50, 0x4B, 0x03, 0x04)) {
			checkWorkbook(file);
			return FileFormat.XLSX;
		}
		if (startsWith(head, n, 0xD0, 0xCF, 0x11, 0xE0)) {
			throw new UnreadableFileException("旧版 Excel 97-2003（.xls）格式，请在 Excel 中另存为 .xlsx 后重新报送");
		}
		if (startsWith(head, n, '%', 'P', 'D', 'F')) {
			throw new UnreadableFileException("PDF 文件不是表格数据，请报送 .xlsx 或 .csv 文件");
		}
		if (startsWith(head, n, 0x50, 0x4B)) {
			throw new UnreadableFileException("压缩文件已损坏或不是 Excel 工作簿");
		}
		if (startsWith(head, n, 0xEF, 0xBB, 0xBF)) {
			checkText(file, FileFormat.CSV_UTF8_BOM);
			return FileFormat.CSV_UTF8_BOM;
		}
		if (decodesCleanly(file, FileFormat.CSV_UTF8)) {
			return FileFormat.CSV_UTF8;
		}
		checkText(file, FileFormat.CSV_GB18030);
		return FileFormat.CSV_GB18030;
	}

	private static boolean startsWith(byte[] head, int n, int... magic) {
		if (n < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((head[i] & 0xFF) != magic[i]) {
				return false;
			}
		}
		return true;
	}

	private static void checkWorkbook(Path file) throws UnreadableFileException {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			ZipEntry workbook = zip.getEntry("xl/workbook.xml");
			if (workbook == null) {
				throw new UnreadableFileException("压缩文件不是 Excel 工作簿（缺少 xl/workbook.xml）");
			}
			if (zip.getEntry("[Content_Types].xml") == null) {
				throw new UnreadableFileException("Excel 工作簿结构不完整（缺少 [Content_Types].xml）");
			}
		}
		catch (ZipException ex) {
			throw new UnreadableFileException("Excel 文件已损坏或不完整（可能未复制完）", ex);
		}
		catch (IOException ex) {
			throw new UnreadableFileException("Excel 文件无法打开", ex);
		}
	}

	private static void checkText(Path file, FileFormat format) throws UnreadableFileException, IOException {
		if (!decodesCleanly(file, format)) {
			throw new UnreadableFileException("文件不是可识别的文本表格（既非 UTF-8 也非 GBK 编码，或含二进制内容）");
		}
	}

	/**
	 * Strict decoding of the whole file; NUL and other C0 controls (except tab, CR, LF)
	 * mean binary.
	 */
	private static boolean decodesCleanly(Path file, FileFormat format) throws IOException {
		CharsetDecoder decoder = format.charset()
			.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
		CharBuffer chars = CharBuffer.allocate(BUFFER);
		try (InputStream in = Files.newInputStream(file)) {
			boolean eof = false;
			while (!eof) {
				int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
				if (read < 0) {
					eof = true;
				}
				else {
					bytes.position(bytes.position() + read);
				}
				bytes.flip();
				CoderResult result = decoder.decode(bytes, chars, eof);
				if (result.isError()) {
					return false;
				}
				if (eof && decoder.flush(chars).isError()) {
					return false;
				}
				if (!checkControls(chars)) {
					return false;
				}
				bytes.compact();
			}
		}
		catch (CharacterCodingException ex) {
			return false;
		}
		return true;
	}

	private static boolean checkControls(CharBuffer chars) {
		chars.flip();
		while (chars.hasRemaining()) {
			char c = chars.get();
			if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
				return false;
			}
		}
		chars.clear();
		return true;
	}

}
