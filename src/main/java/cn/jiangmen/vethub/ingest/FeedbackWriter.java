package cn.jiangmen.vethub.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import cn.jiangmen.vethub.normalize.Text;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.system.HubFolders;
import de.siegmar.fastcsv.writer.CsvWriter;

/**
 * Writes the feedback file for the sender of a file: {@code <file name>.回执.csv} in UTF-8
 * with a BOM (so Excel opens it), a summary line (rows read, loaded, rejected; rows that
 * wait for their person, {@code unknown_person}, counted apart, as waiting) and one line
 * per rejected row with its sheet, row number, reason in plain Chinese, the offending
 * value (scanned by {@link PersonalDataMask#text}: any ID number, phone, announced name
 * or birth date in it masked), the ID number masked (its region, the first 6 characters,
 * kept) and the name masked (first character kept), so the county can find the row by its
 * row number without the file holding anything that gives a person away. Every cell that
 * a spreadsheet would take for a formula ({@code = + - @}, tab, CR) is prefixed with
 * {@code '}. Rejected rows are streamed to a part file while the load runs, so a file
 * with many rejects needs no memory; {@link Session#finish} puts the summary on top, in
 * the same scratch folder, and moves the result into place atomically.
 */
public final class FeedbackWriter {

	/** The suffix added to the delivered file's name. */
	public static final String SUFFIX = ".回执.csv";

	private static final String[] COLUMNS = { "工作表", "行号", "问题", "问题内容", "身份证号码（脱敏）", "姓名（脱敏）" };

	/**
	 * The feedback file name for a delivered file: {@code <file name>.回执.csv}, or a safe
	 * name when that one cannot be used ({@link SafeFileName}).
	 */
	public static String feedbackName(String fileName) {
		return SafeFileName.of(fileName, SUFFIX);
	}

	/** Starts the feedback of one file into a folder (created when missing). */
	public Session open(Path folder, String fileName) throws IOException {
		return open(folder, fileName, folder);
	}

	/**
	 * Starts the feedback of one file into a folder, its rejected rows streamed to a part
	 * file in {@code scratch} (the hub's {@code work/} folder on the same disk, so that
	 * the part a hub killed half-way leaves behind is deleted at the next start, not left
	 * in the sender's outbox).
	 */
	public Session open(Path folder, String fileName, Path scratch) throws IOException {
		Files.createDirectories(folder);
		Path target = HubFolders.inside(folder, feedbackName(fileName));
		Path part = Files.createTempFile(scratch, ".feedback-", ".part");
		return new Session(fileName, target, part);
	}

	/** One feedback file being written. */
	public static final class Session implements AutoCloseable {

		private final String fileName;

		private final Path target;

		private final Path part;

		private final CsvWriter lines;

		private long written;

		/**
		 * Rows written as {@code unknown_person}: waiting for their person, not refused.
		 */
		private long waiting;

		private boolean finished;

		private boolean linesClosed;

		private boolean closed;

		private Session(String fileName, Path target, Path part) throws IOException {
			this.fileName = fileName;
			this.target = target;
			this.part = part;
			this.lines = CsvWriter.builder().build(part, StandardCharsets.UTF_8);
		}

		/** Adds a rejected row without a name (see the six-argument form). */
		public void reject(String sheet, Long rowNumber, RejectReason reason, String offendingValue, String idCard) {
			reject(sheet, rowNumber, reason, offendingValue, idCard, null);
		}

		/**
		 * Adds a rejected row.
		 * @param sheet the sheet (null for text files)
		 * @param rowNumber the row number (null when not about one row)
		 * @param reason the reason, shown as {@link RejectReason#labelZh()}
		 * @param offendingValue the column and value at fault (scanned here for personal
		 * data that is still in it)
		 * @param idCard the row's ID number as written (masked here), may be null
		 * @param name the row's name as written (masked here: first character kept), may
		 * be null
		 */
		public void reject(String sheet, Long rowNumber, RejectReason reason, String offendingValue, String idCard,
				String name) {
			line(sheet, rowNumber, reason, offendingValue, idCard, name);
			this.written++;
			if (reason == RejectReason.UNKNOWN_PERSON) {
				this.waiting++;
			}
		}

		/**
		 * Adds a row an earlier run of the same file refused and that is still not in the
		 * warehouse, for the answer to a re-delivery: written like a rejected row but not
		 * counted in this file's summary (nothing of this delivery was read). The name is
		 * left out: the earlier run kept only its raw values, whose name column this does
		 * not know.
		 * @param idCard the row's ID number when it was valid (masked here), may be null
		 */
		public void stillRefused(String sheet, Long rowNumber, RejectReason reason, String offendingValue,
				String idCard) {
			line(sheet, rowNumber, reason, offendingValue, idCard, null);
		}

		private void line(String sheet, Long rowNumber, RejectReason reason, String offendingValue, String idCard,
				String name) {
			this.lines.writeRecord(safe(sheet), (rowNumber != null) ? rowNumber.toString() : "", safe(reason.labelZh()),
					safe(PersonalDataMask.text(offendingValue)), safe(maskId(idCard)), safe(maskName(name)));
		}

		/**
		 * Writes the final file: summary, column titles, then the rejected rows.
		 * @return the feedback file's name
		 */
		public String finish(long rowsRead, long rowsLoaded, long rowsRejected, String fileNote) throws IOException {
			closeLines();
			// made in the scratch folder, so that a hub killed while it writes leaves
			// nothing in the sender's outbox (the scratch folder of a dead hub is removed
			// at the next start), and renamed into place
			Path assembled = Files.createTempFile(this.part.getParent(), ".feedback-", ".csv");
			Path beside = null;
			try {
				assemble(assembled, rowsRead, rowsLoaded, rowsRejected, fileNote);
				try {
					Files.move(assembled, this.target, StandardCopyOption.REPLACE_EXISTING,
							StandardCopyOption.ATOMIC_MOVE);
				}
				catch (AtomicMoveNotSupportedException ex) {
					// the outbox is on another file system (a mounted share): copied
					// beside the answer first, so that the sender never sees half of it
					beside = Files.createTempFile(this.target.getParent(), ".feedback-", ".csv");
					Files.copy(assembled, beside, StandardCopyOption.REPLACE_EXISTING);
					Files.move(beside, this.target, StandardCopyOption.REPLACE_EXISTING,
							StandardCopyOption.ATOMIC_MOVE);
				}
			}
			catch (IOException | RuntimeException ex) {
				// nothing half-written left in the sender's outbox
				if (beside != null) {
					Files.deleteIfExists(beside);
				}
				throw ex;
			}
			finally {
				Files.deleteIfExists(assembled);
			}
			Files.deleteIfExists(this.part);
			this.finished = true;
			return this.target.getFileName().toString();
		}

		private void assemble(Path assembled, long rowsRead, long rowsLoaded, long rowsRejected, String fileNote)
				throws IOException {
			try (OutputStream out = Files.newOutputStream(assembled)) {
				out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
				Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
				CsvWriter head = CsvWriter.builder().build(w);
				head.writeRecord("文件", safe(SafeFileName.printable(this.fileName)));
				if (this.waiting == 0) {
					head.writeRecord("读取行数", Long.toString(rowsRead), "入库行数", Long.toString(rowsLoaded), "退回行数",
							Long.toString(rowsRejected));
				}
				else {
					// a row waiting for its person is not refused: it loads by itself
					// later
					head.writeRecord("读取行数", Long.toString(rowsRead), "入库行数", Long.toString(rowsLoaded), "退回行数",
							Long.toString(Math.max(0, rowsRejected - this.waiting)), "待人员信息到达后入库行数",
							Long.toString(this.waiting));
				}
				if (fileNote != null && !fileNote.isBlank()) {
					head.writeRecord("说明", safe(PersonalDataMask.text(fileNote)));
				}
				head.writeRecord(COLUMNS);
				head.flush();
				w.flush();
				Files.copy(this.part, out);
			}
		}

		private void closeLines() throws IOException {
			if (!this.linesClosed) {
				this.linesClosed = true;
				this.lines.close();
			}
		}

		@Override
		public void close() {
			if (!this.finished && !this.closed) {
				this.closed = true;
				try {
					closeLines();
					Files.deleteIfExists(this.part);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}

	}

	static String maskId(String id) {
		return PersonalDataMask.idCard(Text.compact(id));
	}

	static String maskName(String name) {
		return PersonalDataMask.name(Text.dropSpaces(name));
	}

	/** Neutralises a value a spreadsheet would evaluate as a formula (CSV injection). */
	public static String safe(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		char c = value.charAt(0);
		if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '＝' || c == '＋' || c == '－'
				|| c == '＠') {
			return "'" + value;
		}
		return value;
	}

}
