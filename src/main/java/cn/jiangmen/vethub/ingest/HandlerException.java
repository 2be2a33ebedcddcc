package cn.jiangmen.vethub.ingest;

/**
 * Carries a checked exception thrown by a {@link TableReader.RowHandler} (typically a
 * database failure) through a reader; {@link #getCause()} is the original.
 */
public class HandlerException extends RuntimeException {

	HandlerException(Throwable cause) {
		super(cause.getMessage(), cause);
	}

}
