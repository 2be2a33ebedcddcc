package cn.jiangmen.vethub.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
		if (format.charset() == StandardCharsets.UTF_8) {
			return cleanUtf8(file);
		}
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

	/**
	 * {@link #decodesCleanly} for UTF-8, on the bytes: a byte-level check of the strict
	 * UTF-8 the JDK decoder accepts (no overlong form, surrogate or code point above
	 * U+10FFFF, no sequence cut short), and of the controls, which in UTF-8 are single
	 * bytes. Twice as fast as decoding, which matters for a file of a million rows.
	 */
	static boolean cleanUtf8(Path file) throws IOException {
		Utf8Check check = new Utf8Check();
		byte[] buffer = new byte[BUFFER];
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				if (!check.accept(buffer, n)) {
					return false;
				}
			}
		}
		return check.complete();
	}

	/** The state of a UTF-8 check over consecutive blocks of bytes. */
	static final class Utf8Check {

		private static final long HIGH_BITS = 0x8080808080808080L;

		private static final long SPACES = 0x2020202020202020L;

		/** Continuation bytes still expected. */
		private int need;

		/** The range of the next continuation byte. */
		private int low = 0x80;

		private int high = 0xBF;

		/** Checks the next {@code n} bytes; false once the bytes are not clean UTF-8. */
		boolean accept(byte[] b, int n) {
			int i = 0;
			while (i < n) {
				if (this.need == 0 && i + 8 <= n) {
					long x = (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16
							| (b[i + 3] & 0xFFL) << 24 | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40
							| (b[i + 6] & 0xFFL) << 48 | (b[i + 7] & 0xFFL) << 56;
					// eight ASCII bytes, none below 0x20: nothing to look at one by one
					if ((x & HIGH_BITS) == 0 && ((x - SPACES) & HIGH_BITS) == 0) {
						i += 8;
						continue;
					}
				}
				int c = b[i++] & 0xFF;
				if (this.need > 0) {
					if (c < this.low || c > this.high) {
						return false;
					}
					this.need--;
					this.low = 0x80;
					this.high = 0xBF;
				}
				else if (c < 0x80) {
					if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
						return false;
					}
				}
				else if (c >= 0xC2 && c <= 0xDF) {
					this.need = 1;
				}
				else if (c >= 0xE0 && c <= 0xEF) {
					this.need = 2;
					if (c == 0xE0) {
						this.low = 0xA0;
					}
					else if (c == 0xED) {
						this.high = 0x9F;
					}
				}
				else if (c >= 0xF0 && c <= 0xF4) {
					this.need = 3;
					if (c == 0xF0) {
						this.low = 0x90;
					}
					else if (c == 0xF4) {
						this.high = 0x8F;
					}
				}
				else {
					return false;
				}
			}
			return true;
		}

		/** Whether the bytes ended on a whole character. */
		boolean complete() {
			return this.need == 0;
		}

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
