package cn.jiangmen.vethub.partner;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.source.HttpApiSettings;
import cn.jiangmen.vethub.source.PartnerSettings.Field;
import cn.jiangmen.vethub.source.PartnerSettings.Mapping;
import cn.jiangmen.vethub.source.PartnerSettings.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpPagingTest {

	private static final URI BASE = URI.create("https://api.example.cn/v2/policies");

	@Test
	void pageNumberPagingReadsThePageCountTheServerSentBack() {
		HttpPaging paging = new HttpPaging(settings(paging("page-number", 500), null), BASE, null);
		assertThat(paging.first().params()).containsExactly(Map.entry("current", "1"), Map.entry("size", "500"));
		// the server capped 500 to 100 and says there are 3 pages
		HttpPaging.Request second = paging.next(new HttpPaging.Reply(100, 100, 3L, null, null, null));
		assertThat(second.params()).containsEntry("current", "2");
		assertThat(paging.next(new HttpPaging.Reply(100, 100, 3L, null, null, null)).params()).containsEntry("current",
				"3");
		assertThat(paging.next(new HttpPaging.Reply(42, 100, 3L, null, null, null))).isNull();
	}

	@Test
	void pageNumberPagingWithoutAPageCountEndsOnAShortPageOfTheRealSize() {
		HttpPaging paging = new HttpPaging(settings(paging("page-number", 500), null), BASE, null);
		paging.first();
		assertThat(paging.next(new HttpPaging.Reply(100, 100, null, null, null, null))).as("a full page of 100")
			.isNotNull();
		assertThat(paging.next(new HttpPaging.Reply(99, 100, null, null, null, null))).isNull();
	}

	@Test
	void offsetPagingMovesByTheRecordsReceived() {
		HttpPaging paging = new HttpPaging(settings(paging("offset", 50), null), BASE, null);
		assertThat(paging.first().params()).containsExactly(Map.entry("offset", "0"), Map.entry("limit", "50"));
		assertThat(paging.next(new HttpPaging.Reply(50, null, null, null, null, null)).params()).containsEntry("offset",
				"50");
		assertThat(paging.next(new HttpPaging.Reply(10, null, null, null, null, null))).isNull();
	}

	@Test
	void cursorPagingFollowsTheReplyAndKeepsTheMark() {
		HttpPaging paging = new HttpPaging(settings(paging("cursor", 20), incremental()), BASE, "1762045200000");
		assertThat(paging.first().params()).containsExactly(Map.entry("updatedSince", "1762045200000"));
		assertThat(paging.next(new HttpPaging.Reply(20, null, null, "eyJpZCI6MjB9", null, null)).params())
			.containsExactly(Map.entry("updatedSince", "1762045200000"), Map.entry("cursor", "eyJpZCI6MjB9"));
		assertThat(paging.next(new HttpPaging.Reply(3, null, null, "", null, null))).isNull();
	}

	@Test
	void nextLinkPagingResolvesARelativeLinkAgainstTheEndpoint() {
		HttpPaging paging = new HttpPaging(settings(paging("next-link", 20), null), BASE, null);
		paging.first();
		assertThat(paging.next(new HttpPaging.Reply(20, null, null, null, "/v2/policies?page=2", null)).link())
			.isEqualTo(URI.create("https://api.example.cn/v2/policies?page=2"));
		assertThat(paging.next(new HttpPaging.Reply(20, null, null, null, null, null))).isNull();
	}

	@Test
	void keysetPagingSendsTheLastValueAndRefusesAPageItCannotMovePast() {
		HttpPaging paging = new HttpPaging(settings(paging("keyset", 2), incremental()), BASE, "100");
		assertThat(paging.first().params()).containsEntry("updatedSince", "100");
		assertThat(paging.next(new HttpPaging.Reply(2, null, null, null, null, "250")).params())
			.containsEntry("updatedSince", "250");
		assertThatThrownBy(() -> paging.next(new HttpPaging.Reply(2, null, null, null, null, "250")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("raise paging.page-size");
	}

	private static HttpApiSettings.Paging paging(String style, int size) {
		return new HttpApiSettings.Paging(style, null, null, size, 1, null, null, null, null, "/next", "/next", null);
	}

	private static HttpApiSettings.Incremental incremental() {
		return new HttpApiSettings.Incremental("/updatedAt", "timestamp", "updatedSince", "epoch-millis", true, false);
	}

	static HttpApiSettings settings(HttpApiSettings.Paging paging, HttpApiSettings.Incremental incremental) {
		return new HttpApiSettings(URI.create("https://api.example.cn/v2"), "/policies", Map.of(), Map.of(), null,
				paging, "/data", null, incremental, Duration.ofSeconds(1), Duration.ofSeconds(1), 3,
				Duration.ofSeconds(1), Duration.ofSeconds(10), "0 0 3 * * ?", "Asia/Shanghai",
				List.of(new Mapping(Target.INSURANCE_POLICY, Map.of("policy-no", new Field("/no", null, null, null)),
						null)));
	}

}
