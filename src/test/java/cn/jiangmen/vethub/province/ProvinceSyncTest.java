package cn.jiangmen.vethub.province;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a failed sync writes to the ledger's {@code error_message} and the log, no
 * database.
 */
class ProvinceSyncTest {

	private static final String ID = "440703199001011234";

	private static final String NAME = "黄志强";

	@Test
	void describesADatabaseFailureWithoutItsMessage() {
		SQLException sql = new SQLException("ERROR: value too long for type character varying(20)\n  Detail: "
				+ "Failing row contains (" + ID + ", " + NAME + ", 13923456789).", "22001");
		String message = ProvinceSync.failureMessage(new IllegalStateException("Loading veterans failed", sql));
		assertThat(message).contains("IllegalStateException", "SQLException[22001]")
			.doesNotContain(ID, NAME, "13923456789", "Failing row", "value too long");
	}

	@Test
	void describesASpringDataAccessFailureWithoutItsMessage() {
		SQLException sql = new SQLException("ERROR: duplicate key value violates unique constraint \"visit_pkey\" "
				+ "Key (id_card)=(" + ID + ") name " + NAME, "23505");
		String message = ProvinceSync
			.failureMessage(new DataIntegrityViolationException("PreparedStatementCallback; " + sql.getMessage(), sql));
		assertThat(message).contains("DataIntegrityViolationException", "SQLException[23505]")
			.doesNotContain(ID, NAME, "duplicate key");
	}

	@Test
	void keepsTheApiErrorWithItsIdNumbersMasked() {
		String message = ProvinceSync.failureMessage(
				new ProvinceApiException("GET /api/v1/veterans failed: HTTP 400: 参数错误 sfzhm=" + ID + " Detail: more"));
		assertThat(message).startsWith("GET /api/v1/veterans failed: HTTP 400: 参数错误 sfzhm=")
			.doesNotContain(ID, "Detail");
	}

}
