package cn.jiangmen.vethub.province;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.jiangmen.vethub.province.FakeProvinceApi.Fault;
import cn.jiangmen.vethub.source.ProvinceSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static cn.jiangmen.vethub.province.FakeProvinceApi.VETERANS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provincial client against a local fake server, one failure mode per test. Waits go
 * through a recording {@link Sleeper}, so the tests see every backoff and never sleep
 * through it.
 */
class ProvinceClientTest {

	private final FakeProvinceApi api = new FakeProvinceApi();

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private ProvinceClient client;

	@BeforeEach
	void setUp() {
		for (int i = 1; i <= 25; i++) {
			this.api.put(VETERANS, ProvinceSamples.veteran(i, LocalDateTime.of(2026, 3, 1, 8, 0).plusMinutes(i)));
		}
		this.client = client(this.api.settings(10));
		this.logs.start();
		((Logger) LoggerFactory.getLogger(ProvinceClient.class)).addAppender(this.logs);
	}

	@AfterEach
	void tearDown() {
		((Logger) LoggerFactory.getLogger(ProvinceClient.class)).detachAppender(this.logs);
		this.api.close();
	}

	private ProvinceClient client(ProvinceSettings settings) {
		return new ProvinceClient(settings, JsonMapper.builder().build(), this.waits::add, Clock.systemUTC());
	}

	@Test
	void readsThePageEnvelopeWithAFormEncodedClientCredentialsToken() {
		ProvincePage page = this.client.fetch(VETERANS, null, 1, 10);
		assertThat(page.records()).hasSize(10);
		assertThat(page.total()).isEqualTo(25);
		assertThat(page.pages()).isEqualTo(3);
		assertThat(page.records().get(0)).containsEntry("id", "V00001").containsEntry("xbdm", "1");
		assertThat(this.api.tokenRequests).singleElement()
			.asString()
			.contains("grant_type=client_credentials", "client_id=jiangmen-vethub");
	}

	@Test
	void cachesTheTokenAcrossCalls() {
		this.client.fetch(VETERANS, null, 1, 10);
		this.client.fetch(VETERANS, null, 2, 10);
		this.client.fetch(VETERANS, null, 3, 10);
		assertThat(this.api.tokensIssued()).isEqualTo(1);
	}

	@Test
	void passesUpdatedSinceInTheApiFormat() {
		ProvincePage page = this.client.fetch(VETERANS, LocalDateTime.of(2026, 3, 1, 8, 20), 1, 10);
		assertThat(page.records()).extracting((r) -> r.get("id"))
			.containsExactly("V00020", "V00021", "V00022", "V00023", "V00024", "V00025");
		assertThat(this.api.requests.get(0)).contains("updatedSince=2026-03-01%2008%3A20%3A00");
	}

	@Test
	void renewsTheTokenShortlyBeforeItExpires() {
		MutableClock clock = new MutableClock();
		ProvinceClient timed = new ProvinceClient(this.api.settings(10), JsonMapper.builder().build(), this.waits::add,
				clock);
		timed.fetch(VETERANS, null, 1, 10);
		clock.advance(Duration.ofSeconds(260));
		timed.fetch(VETERANS, null, 2, 10);
		assertThat(this.api.tokensIssued()).isEqualTo(1);
		// expires_in 300: renewed 30 s before, without meeting a 401
		clock.advance(Duration.ofSeconds(15));
		timed.fetch(VETERANS, null, 3, 10);
		assertThat(this.api.tokensIssued()).isEqualTo(2);
		assertThat(this.api.requests).hasSize(3);
	}

	@Test
	void fetchesANewTokenWhenTheTokenExpiresMidSync() {
		this.client.fetch(VETERANS, null, 1, 10);
		this.api.fail(Fault.expireToken());
		ProvincePage page = this.client.fetch(VETERANS, null, 2, 10);
		assertThat(page.records()).hasSize(10);
		assertThat(this.api.tokensIssued()).isEqualTo(2);
		assertThat(this.waits).isEmpty();
	}

	@Test
	void retriesAfterHttp500WithExponentialBackoff() {
		this.api.fail(Fault.status(500), Fault.status(503));
		ProvincePage page = this.client.fetch(VETERANS, null, 1, 10);
		assertThat(page.records()).hasSize(10);
		assertThat(this.waits).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10));
	}

	@Test
	void retriesAfterATimeout() {
		ProvinceClient impatient = client(this.api.settings(10, Duration.ofMillis(500)));
		this.api.fail(Fault.hang());
		ProvincePage page = impatient.fetch(VETERANS, null, 1, 10);
		assertThat(page.records()).hasSize(10);
		assertThat(this.waits).hasSize(1);
		assertThat(this.logs.list)
			.anySatisfy((e) -> assertThat(e.getFormattedMessage()).contains("no answer within 500 ms"));
	}

	@Test
	void honoursRetryAfterSecondsButNeverLongerThanMaxBackoff() {
		this.api.fail(Fault.retryAfter("3600"));
		assertThat(this.client.fetch(VETERANS, null, 1, 10).records()).hasSize(10);
		assertThat(this.waits).containsExactly(Duration.ofMillis(40));
	}

	@Test
	void honoursAShortRetryAfterAsGiven() {
		ProvinceSettings s = this.api.settings(10);
		ProvinceClient patient = client(
				new ProvinceSettings(s.baseUrl(), s.clientId(), s.clientSecret(), 10, s.connectTimeout(),
						s.readTimeout(), 3, s.backoff(), Duration.ofMinutes(2), s.schedule(), s.timeZone()));
		this.api.fail(Fault.retryAfter("7"));
		patient.fetch(VETERANS, null, 1, 10);
		assertThat(this.waits).containsExactly(Duration.ofSeconds(7));
	}

	@Test
	void honoursRetryAfterAsAnHttpDate() {
		ProvinceSettings s = this.api.settings(10);
		Clock fixed = Clock.fixed(ZonedDateTime.of(2026, 3, 1, 2, 0, 0, 0, ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
		ProvinceClient patient = new ProvinceClient(
				new ProvinceSettings(s.baseUrl(), s.clientId(), s.clientSecret(), 10, s.connectTimeout(),
						s.readTimeout(), 3, s.backoff(), Duration.ofMinutes(2), s.schedule(), s.timeZone()),
				JsonMapper.builder().build(), this.waits::add, fixed);
		assertThat(patient.parseRetryAfter(
				DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.of(2026, 3, 1, 2, 0, 30, 0, ZoneOffset.UTC))))
			.contains(Duration.ofSeconds(30));
		assertThat(patient.parseRetryAfter("Sun, 01 Mar 2026 01:00:00 GMT")).contains(Duration.ZERO);
		assertThat(patient.parseRetryAfter("soon")).isEmpty();
	}

	@Test
	void retriesAPageWhoseJsonIsCutOff() {
		this.api.fail(Fault.truncated());
		assertThat(this.client.fetch(VETERANS, null, 1, 10).records()).hasSize(10);
		assertThat(this.waits).hasSize(1);
		assertThat(this.logs.list).anySatisfy((e) -> assertThat(e.getFormattedMessage()).contains("not complete JSON"));
	}

	@Test
	void treatsCode401InAnHttp200BodyAsAnExpiredToken() {
		this.client.fetch(VETERANS, null, 1, 10);
		this.api.fail(Fault.bodyCode(401));
		assertThat(this.client.fetch(VETERANS, null, 2, 10).records()).hasSize(10);
		assertThat(this.api.tokensIssued()).isEqualTo(2);
		assertThat(this.waits).isEmpty();
	}

	@Test
	void treatsCode429InAnHttp200BodyAsRateLimited() {
		this.api.fail(Fault.bodyCode(429));
		assertThat(this.client.fetch(VETERANS, null, 1, 10).records()).hasSize(10);
		assertThat(this.waits).containsExactly(Duration.ofMillis(5));
		assertThat(this.api.tokensIssued()).isEqualTo(1);
	}

	@Test
	void treatsCode500InAnHttp200BodyAsAServerError() {
		this.api.fail(Fault.bodyCode(500), Fault.bodyCode(502));
		assertThat(this.client.fetch(VETERANS, null, 1, 10).records()).hasSize(10);
		assertThat(this.waits).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10));
	}

	@Test
	void failsAtOnceOnCode403InAnHttp200Body() {
		this.api.fail(Fault.bodyCode(403));
		assertThatThrownBy(() -> this.client.fetch(VETERANS, null, 1, 10)).isInstanceOf(ProvinceApiException.class)
			.hasMessageContaining("GET /api/v1/veterans")
			.hasMessageContaining("code 403");
		assertThat(this.waits).isEmpty();
	}

	@Test
	void failsWithAClearMessageWhenTheRetriesAreSpent() {
		this.api.failAlways(Fault.status(502), 10);
		assertThatThrownBy(() -> this.client.fetch(VETERANS, null, 2, 10)).isInstanceOf(ProvinceApiException.class)
			.hasMessage("GET /api/v1/veterans (updatedSince=-, current=2, size=10) failed after 4 attempts; "
					+ "last error: HTTP 502: 服务器内部错误");
		assertThat(this.waits).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20));
		assertThat(this.api.faultsLeft()).isEqualTo(6);
	}

	@Test
	void backoffDoublesUpToMaxBackoff() {
		assertThat(this.client.backoff(1)).isEqualTo(Duration.ofMillis(5));
		assertThat(this.client.backoff(3)).isEqualTo(Duration.ofMillis(20));
		assertThat(this.client.backoff(4)).isEqualTo(Duration.ofMillis(40));
		assertThat(this.client.backoff(20)).isEqualTo(Duration.ofMillis(40));
	}

	@Test
	void readsBackTheSizeTheServerUsed() {
		this.api.capSize(7);
		ProvincePage page = this.client.fetch(VETERANS, null, 1, 500);
		assertThat(page.size()).isEqualTo(7);
		assertThat(page.records()).hasSize(7);
		assertThat(page.isLast()).isFalse();
	}

	@Test
	void neverShowsTheClientSecretInLogsOrErrors() {
		ProvinceSettings s = this.api.settings(10);
		String wrong = "Wr0ng-Secret-Value";
		ProvinceClient refused = client(new ProvinceSettings(s.baseUrl(), s.clientId(), wrong, 10, s.connectTimeout(),
				s.readTimeout(), 2, s.backoff(), s.maxBackoff(), s.schedule(), s.timeZone()));
		// the fake gateway echoes the form it received, secret included
		assertThatThrownBy(() -> refused.fetch(VETERANS, null, 1, 10)).isInstanceOf(ProvinceApiException.class)
			.hasMessageContaining("refused the client credentials")
			.hasMessageContaining("****")
			.hasMessageNotContaining(wrong);
		assertThat(this.api.tokenRequests).singleElement().asString().contains(wrong);

		this.api.fail(Fault.status(500), Fault.expireToken());
		this.client.fetch(VETERANS, null, 1, 10);
		assertThat(this.logs.list).isNotEmpty()
			.allSatisfy((e) -> assertThat(e.getFormattedMessage()).doesNotContain(FakeProvinceApi.SECRET, wrong));
		assertThat(s.toString()).doesNotContain(FakeProvinceApi.SECRET);
	}

	@Test
	void neverShowsPartOfAnEchoedSecretThatStraddlesTheCut() {
		// the error text is cut after 200 characters: the secret sits across the cut
		String echo = "x".repeat(190) + FakeProvinceApi.SECRET + "y".repeat(1000);
		String firstHalf = FakeProvinceApi.SECRET.substring(0, FakeProvinceApi.SECRET.length() / 2);
		this.api.fail((api, exchange) -> {
			FakeProvinceApi.send(exchange, 403, Map.of("code", 403, "message", echo));
			return true;
		});
		assertThatThrownBy(() -> this.client.fetch(VETERANS, null, 1, 10)).isInstanceOf(ProvinceApiException.class)
			.hasMessageContaining("HTTP 403: " + "x".repeat(190) + "****")
			.hasMessageNotContaining(firstHalf);
		// a body that is not JSON is quoted as it came, long enough to be cut too
		this.api.fail((api, exchange) -> {
			byte[] body = ("<html>" + echo + "</html>").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(403, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
			return true;
		});
		assertThatThrownBy(() -> this.client.fetch(VETERANS, null, 1, 10)).isInstanceOf(ProvinceApiException.class)
			.hasMessageContaining("HTTP 403: <html>" + "x".repeat(190))
			.hasMessageNotContaining(firstHalf);
	}

	/** A clock the test moves forward. */
	static final class MutableClock extends Clock {

		private java.time.Instant now = java.time.Instant.parse("2026-03-01T00:00:00Z");

		void advance(Duration d) {
			this.now = this.now.plus(d);
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public java.time.Instant instant() {
			return this.now;
		}

	}

}
