package cn.jiangmen.vethub.ops;

import java.util.Arrays;
import java.util.List;

import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reasons in code and in the warehouse's vocabulary table are one list: codes, order
 * and labels.
 */
class RejectReasonIT extends HubIntegrationTest {

	@Test
	void theEnumAndTheVocabularyTableAgree() {
		List<String> table = this.jdbc
			.queryForList("SELECT code || ' ' || label_zh FROM ref.reject_reason ORDER BY precedence", String.class);
		List<String> code = Arrays.stream(RejectReason.values()).map((r) -> r.code() + " " + r.labelZh()).toList();
		assertThat(code).isEqualTo(table);
	}

}
