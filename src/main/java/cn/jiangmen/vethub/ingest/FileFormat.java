package cn.jiangmen.vethub.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The formats a dropped file may have, as recognised from its bytes by
 * {@link FileFormatSniffer}.
 */
public enum FileFormat {

	/** Office Open XML workbook (a zip holding {@code xl/workbook.xml}). */
	XLSX(null),
	/** Text starting with the UTF-8 byte order mark (Excel's "CSV UTF-8"). */
	CSV_UTF8_BOM(StandardCharsets.UTF_8),
	/** Text that decodes as strict UTF-8. */
	CSV_UTF8(StandardCharsets.UTF_8),
	/** Any other text: older Chinese exports in GBK, read as its superset GB18030. */
	CSV_GB18030(Charset.forName("GB18030"));

	private final Charset charset;

	FileFormat(Charset charset) {
		this.charset = charset;
	}

	/** The text encoding, or null for a workbook. */
	public Charset charset() {
		return this.charset;
	}

	public boolean isText() {
		return this.charset != null;
	}

}
