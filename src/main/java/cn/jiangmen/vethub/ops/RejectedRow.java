package cn.jiangmen.vethub.ops;

import java.util.Map;

/**
 * A refused row, kept whole so that nothing is lost: where it came from, why, and what it
 * said. {@code detail} is shown to people and must never hold an unmasked ID number, name
 * or phone (use {@link PersonalDataMask}); {@code rawValues} keeps the row as it arrived
 * and stays in the database.
 *
 * @param fileName the file it came from (null for API records)
 * @param sheet the sheet name (null for text files and API records)
 * @param rowNumber 1-based spreadsheet row, or for text files the record number with the
 * header as 1
 * @param recordKey the record's own key for API records (visit id, record id)
 * @param reason why it was refused
 * @param detail a short, masked explanation, e.g. the offending column and value
 * @param rawValues header to value, in the file's column order
 * @param idCard the normalized ID when it was valid, so that a waiting fact can be found
 * later
 * @param factTable for {@code unknown_person}: the dw table the fact waits for, e.g.
 * {@code dw.visit}
 * @param payload for {@code unknown_person}: the normalized fact, column to value
 */
public record RejectedRow(String fileName, String sheet, Long rowNumber, String recordKey, RejectReason reason,
		String detail, Map<String, String> rawValues, String idCard, String factTable, Map<String, Object> payload) {

	public static RejectedRow ofRow(String fileName, String sheet, long rowNumber, RejectReason reason, String detail,
			Map<String, String> rawValues) {
		return new RejectedRow(fileName, sheet, rowNumber, null, reason, detail, rawValues, null, null, null);
	}

	public static RejectedRow ofRecord(String recordKey, RejectReason reason, String detail,
			Map<String, String> rawValues) {
		return new RejectedRow(null, null, null, recordKey, reason, detail, rawValues, null, null, null);
	}

	/**
	 * The same row with the key of the record it holds (a fact's key, such as a HIS
	 * serial number).
	 */
	public RejectedRow keyed(String key) {
		return new RejectedRow(this.fileName, this.sheet, this.rowNumber, key, this.reason, this.detail, this.rawValues,
				this.idCard, this.factTable, this.payload);
	}

	/** The same row, marked as a fact waiting for its person. */
	public RejectedRow waitingFor(String idCard, String factTable, Map<String, Object> payload) {
		return new RejectedRow(this.fileName, this.sheet, this.rowNumber, this.recordKey, RejectReason.UNKNOWN_PERSON,
				this.detail, this.rawValues, idCard, factTable, payload);
	}

}
