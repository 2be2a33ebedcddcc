package cn.jiangmen.vethub.normalize;

import org.junit.jupiter.api.Test;

import cn.jiangmen.vethub.ops.RejectReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class NormalizedTest {

	@Test
	void okHoldsItsValue() {
		Normalized<String> ok = Normalized.ok("沙坪街道");

		assertThat(ok.isOk()).isTrue();
		assertThat(ok.value()).isEqualTo("沙坪街道");
		assertThat(ok.reason()).isNull();
		assertThat(ok.detail()).isNull();
	}

	@Test
	void okNullIsAnEmptyOptionalField() {
		Normalized<String> empty = Normalized.ok(null);

		assertThat(empty.isOk()).isTrue();
		assertThat(empty.value()).isNull();
		assertThat(empty.map(String::length)).isEqualTo(Normalized.ok(null));
	}

	@Test
	void failHoldsReasonAndDetailAndRefusesItsValue() {
		Normalized<String> fail = Normalized.fail(RejectReason.BAD_AMOUNT, "不是数字: 待定");

		assertThat(fail.isOk()).isFalse();
		assertThat(fail.reason()).isEqualTo(RejectReason.BAD_AMOUNT);
		assertThat(fail.detail()).isEqualTo("不是数字: 待定");
		assertThat(fail.orElse("x")).isEqualTo("x");
		assertThatIllegalStateException().isThrownBy(fail::value).withMessageContaining("bad_amount");
	}

	@Test
	void failNeedsAReason() {
		assertThatNullPointerException().isThrownBy(() -> Normalized.fail(null, "x"));
	}

	@Test
	void mapTransformsValuesAndKeepsRefusals() {
		assertThat(Normalized.ok("沙坪街道").map(String::length)).isEqualTo(Normalized.ok(4));

		Normalized<Integer> mapped = Normalized.<String>fail(RejectReason.INVALID_DATE, "无法识别的日期: 待定")
			.map(String::length);

		assertThat(mapped.reason()).isEqualTo(RejectReason.INVALID_DATE);
		assertThat(mapped.detail()).isEqualTo("无法识别的日期: 待定");
	}

	@Test
	void flatMapChainsChecks() {
		Normalized<String> refused = Normalized.ok("x")
			.flatMap((v) -> Normalized.fail(RejectReason.BAD_VALUE, "不认识: " + v));

		assertThat(refused.reason()).isEqualTo(RejectReason.BAD_VALUE);
		assertThat(Normalized.ok("x").flatMap((v) -> Normalized.ok(v + "y")).value()).isEqualTo("xy");
	}

}
