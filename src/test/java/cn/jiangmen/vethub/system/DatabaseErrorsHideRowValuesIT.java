package cn.jiangmen.vethub.system;

import java.time.LocalDate;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The message of a database error never quotes the row it failed on: PostgreSQL's detail
 * ("Key (id_card)=(...) already exists") is left out of exception messages, which reach
 * logs and the run ledger, while the error itself (and its SQL state) stays.
 */
class DatabaseErrorsHideRowValuesIT extends HubIntegrationTest {

	@Test
	void aDuplicatePersonIsReportedWithoutItsIdNumber() {
		String id = IdCards.valid("440784", LocalDate.of(1958, 3, 12), 291, true);
		String insert = """
				INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
				VALUES (?, '梁国栋', 'M', DATE '1958-03-12', 'heshan', now())""";
		this.jdbc.update(insert, id);

		DuplicateKeyException ex = catchThrowableOfType(DuplicateKeyException.class,
				() -> this.jdbc.update(insert, id));

		PSQLException cause = (PSQLException) ex.getCause();
		assertThat(cause.getSQLState()).isEqualTo("23505");
		assertThat(cause.getMessage()).contains("person_pkey").doesNotContain(id).doesNotContain("梁国栋");
		assertThat(ex.getMessage()).doesNotContain(id);
		assertThat(cause.getServerErrorMessage().getDetail()).as("the detail is still there for code that asks")
			.contains(id);
	}

}
