package cn.jiangmen.vethub.ingest;

/**
 * The file cannot be read as a table at all (wrong format, corrupt, truncated). An
 * expected outcome for a dropped file, reported as {@code unreadable_file}; its message
 * is plain Chinese for the sender and never holds personal data.
 */
public class UnreadableFileException extends Exception {

	public UnreadableFileException(String message) {
		super(message);
	}

	public UnreadableFileException(String message, Throwable cause) {
		super(message, cause);
	}

}
