package cn.jiangmen.vethub.partner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import cn.jiangmen.vethub.HubIntegrationTest;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.system.EmbeddedSuperuser;
import cn.jiangmen.vethub.testdata.IdCards;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark of an HTTP API source (not a timed test: it prints its figures). A local
 * server ({@link FakeSocialInsuranceApi}) holds N policies ({@code -Dbench.rows}, default
 * 100,000) of 1,000 known persons, served 1,000 a page by cursor. In each of
 * {@code -Dbench.rounds} rounds (default 3, after {@code -Dbench.warmups} warm-ups,
 * default 3, so that the JIT compiler is done with most of both) the source pulls them
 * end to end through {@link HttpApiSync} (camel-http, streaming parse, mapping, upsert
 * into an emptied {@code dw.insurance_policy}) and, as the baseline, the bare fetch reads
 * the same pages with the JDK's HttpClient and parses each into a Jackson tree (what any
 * client must do). Prints, for each round, where the source spent its time
 * ({@link HttpApiSync.Timings}: HTTP wait, body read + parse, rows, mapping + checks, the
 * commits and their parts), then the medians and their ratio (goal ≤ 1.5). Run it with
 * {@code ./mvnw -Pbenchmark verify -Dtest=HttpApiSourceBenchmark}.
 */
@Tag("benchmark")
class HttpApiSourceBenchmark extends HubIntegrationTest {

	@Autowired
	HttpApiSync sync;

	@Autowired
	EmbeddedPostgres embeddedPostgres;

	@Test
	void apiIntoTheWarehouseAgainstTheBareFetch() throws Exception {
		int rows = Integer.getInteger("bench.rows", 100_000);
		int rounds = Integer.getInteger("bench.rounds", 3);
		int warmups = Integer.getInteger("bench.warmups", 3);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(i * 7L);
			String id = IdCards.valid("440705", birth, i % 1000, i % 2 == 0);
			ids.add(id);
			this.jdbc.update("""
					INSERT INTO dw.person (id_card, name, gender, birth_date, name_source, name_set_at)
					VALUES (?, '测试', 'M', ?, 'province', now())""", id, java.sql.Date.valueOf(birth));
		}
		try (FakeSocialInsuranceApi api = new FakeSocialInsuranceApi()) {
			api.pageSize = 1000;
			for (int i = 0; i < rows; i++) {
				api.put(HttpApiSourceIT.policy(String.format("PL%08d", i), ids.get(i % 1000), "测试", i / 100, "120.00"));
			}
			SourceDefinition source = HttpApiSourceIT.source(api.baseUrl(), 5);
			HttpClient http = HttpClient.newHttpClient();
			JsonMapper json = JsonMapper.builder().build();
			long[] pulls = new long[rounds];
			long[] fetches = new long[rounds];
			long[] writes = new long[rounds];
			// a checkpoint (as the superuser) before each timed step, so that none pays
			// for the WAL of another
			JdbcTemplate admin = new JdbcTemplate(
					EmbeddedSuperuser.dataSource(DATA_DIR, this.embeddedPostgres.getPort()));
			List<String> phases = new ArrayList<>();
			for (int round = -warmups; round < rounds; round++) {
				this.jdbc.execute("TRUNCATE dw.insurance_policy, ops.sync_mark");
				admin.execute("CHECKPOINT");
				long start = System.nanoTime();
				long run = this.sync.syncNow(source, RunTrigger.MANUAL, true).orElseThrow();
				long pull = System.nanoTime() - start;
				assertThat(this.jdbc.queryForObject("SELECT rows_loaded FROM ops.ingest_run WHERE id = ?", Long.class,
						run))
					.isEqualTo(rows);
				String timings = this.sync.lastTimings().toString();
				start = System.nanoTime();
				long read = bareFetch(http, json, api.baseUrl());
				long fetch = System.nanoTime() - start;
				assertThat(read).isEqualTo(rows);
				long write = plainCopy(rows, admin);
				if (round >= 0) {
					pulls[round] = pull;
					fetches[round] = fetch;
					writes[round] = write;
					phases.add(String.format("round %d: source %d ms (%s), bare fetch %d ms, plain COPY %d ms",
							round + 1, pull / 1_000_000, timings, fetch / 1_000_000, write / 1_000_000));
				}
			}
			Arrays.sort(pulls);
			Arrays.sort(fetches);
			Arrays.sort(writes);
			double pull = pulls[rounds / 2] / 1e6;
			double fetch = fetches[rounds / 2] / 1e6;
			double copy = writes[rounds / 2] / 1e6;
			phases.forEach((line) -> System.out.println("http-api benchmark " + line));
			System.out.printf(
					"http-api benchmark: %d records, source %.0f ms, bare fetch %.0f ms, ratio %.2f (goal <= 1.5)%n",
					rows, pull, fetch, pull / fetch);
			System.out.printf(
					"http-api benchmark: the plain COPY of the same rows into dw.insurance_policy %.0f ms, %.2f times the"
							+ " bare fetch; source / the slower of the two %.2f (load average %.2f)%n",
					copy, copy / fetch, pull / Math.max(fetch, copy),
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	/**
	 * The warehouse's own share: the rows the sync loaded, taken out by binary COPY, the
	 * table emptied and a checkpoint made, then COPYed back in (the same indexes and
	 * foreign key); the time of that COPY in. No load of these rows can be faster.
	 */
	private long plainCopy(int rows, JdbcTemplate admin) throws Exception {
		try (Connection con = this.jdbc.getDataSource().getConnection()) {
			CopyManager copy = con.unwrap(PGConnection.class).getCopyAPI();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			assertThat(copy.copyOut("COPY dw.insurance_policy TO STDOUT (FORMAT binary)", out)).isEqualTo(rows);
			try (Statement st = con.createStatement()) {
				st.execute("TRUNCATE dw.insurance_policy");
			}
			admin.execute("CHECKPOINT");
			long start = System.nanoTime();
			long in = copy.copyIn("COPY dw.insurance_policy FROM STDIN (FORMAT binary)",
					new ByteArrayInputStream(out.toByteArray()));
			long took = System.nanoTime() - start;
			assertThat(in).isEqualTo(rows);
			return took;
		}
	}

	/** Every page, by cursor, with a token, each parsed into a tree. */
	private static long bareFetch(HttpClient http, JsonMapper json, String base) throws Exception {
		HttpResponse<String> grant = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
					+ FakeSocialInsuranceApi.CLIENT_ID + "&client_secret=" + FakeSocialInsuranceApi.CLIENT_SECRET))
			.build(), HttpResponse.BodyHandlers.ofString());
		String token = json.readTree(grant.body()).path("access_token").asString();
		long read = 0;
		String cursor = null;
		do {
			URI uri = URI.create(base + "/api/v1/policies?limit=1000" + ((cursor != null) ? "&cursor=" + cursor : ""));
			HttpResponse<byte[]> page = http.send(
					HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			JsonNode body = json.readTree(page.body());
			read += body.path("result").path("items").size();
			cursor = body.path("result").path("nextCursor").asString(null);
		}
		while (cursor != null);
		return read;
	}

}
