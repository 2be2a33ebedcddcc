package cn.jiangmen.vethub.ops;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import cn.jiangmen.vethub.HubIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class RunLedgerIT extends HubIntegrationTest {

	@Autowired
	RunLedger ledger;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void aRunCutOffByAStopIsClosedAsFailedAtTheNextStart() {
		long cutOff = this.ledger.start("taishan", RunTrigger.FILE, "台山市退役军人花名册_20261101.xlsx", "a".repeat(64));
		this.ledger.progress(cutOff, 30_000);
		long done = this.ledger.start("taishan", RunTrigger.FILE, "台山市退役军人花名册_20261002.xlsx", "b".repeat(64));
		this.ledger.succeed(done, 10, 10, 0, null);

		assertThat(this.ledger.closeInterruptedRuns()).isEqualTo(1);

		Map<String, Object> closed = this.jdbc.queryForMap(
				"SELECT status, finished_at IS NOT NULL AS finished, rows_read, error_message FROM ops.ingest_run WHERE id = ?",
				cutOff);
		assertThat(closed).containsEntry("status", "failed")
			.containsEntry("finished", true)
			.containsEntry("rows_read", 30_000L);
		assertThat((String) closed.get("error_message")).startsWith("interrupted");
		assertThat(this.jdbc.queryForObject("SELECT status FROM ops.ingest_run WHERE id = ?", String.class, done))
			.isEqualTo("succeeded");
	}

	@Test
	void theRunsOfALivePeerAreLeftRunningAndThoseOfADeadOneClosed() {
		UUID live = peer("hub-b.jiangmen.local", Duration.ofSeconds(2));
		UUID dead = peer("hub-c.jiangmen.local", Duration.ofMinutes(5));
		long ofLive = runOf(live, "恩平市退役军人花名册_20261201.xlsx");
		long ofDead = runOf(dead, "鹤山市退役军人花名册_20261201.xlsx");
		long ofGone = runOf(UUID.randomUUID(), "台山市退役军人花名册_20261201.xlsx");

		assertThat(this.ledger.closeInterruptedRuns()).isEqualTo(2);

		assertThat(statusOf(ofLive)).isEqualTo("running");
		assertThat(statusOf(ofDead)).isEqualTo("failed");
		assertThat(statusOf(ofGone)).isEqualTo("failed");
	}

	@Test
	void aTakeoverClosesTheOtherHubsRunsOfTheWorkItTakesAndNoOthers() {
		// the peer's heartbeat is fresh: its death is known from the claim or lock the
		// taking hub now holds, not from its heartbeat
		UUID peer = peer("hub-b.jiangmen.local", Duration.ofSeconds(2));
		String name = "恩平市退役军人花名册_20261201.xlsx";
		long sameFile = runOf(peer, name);
		long otherBytes = runOf(peer, name);
		this.jdbc.update("UPDATE ops.ingest_run SET file_sha256 = ? WHERE id = ?", "f".repeat(64), otherBytes);
		long otherFile = runOf(peer, "恩平市退役军人花名册_20261202.xlsx");
		long ownEarlier = this.ledger.start("enping", RunTrigger.FILE, name, "e".repeat(64));
		long taking = this.ledger.start("enping", RunTrigger.FILE, name, "e".repeat(64));

		assertThat(this.ledger.closeTakenOverRuns("enping", name, "e".repeat(64), taking))
			.containsExactly(new RunLedger.TakenOver(sameFile, RunTrigger.FILE, peer));

		assertThat(statusOf(sameFile)).isEqualTo("failed");
		assertThat(this.jdbc.queryForObject("SELECT error_message FROM ops.ingest_run WHERE id = ?", String.class,
				sameFile))
			.startsWith("interrupted")
			.contains("run " + taking + " of another hub took the work over");
		assertThat(statusOf(otherBytes)).isEqualTo("running");
		assertThat(statusOf(otherFile)).isEqualTo("running");
		assertThat(statusOf(ownEarlier)).as("this hub's own run").isEqualTo("running");
		assertThat(statusOf(taking)).isEqualTo("running");
		assertThat(this.ledger.runningElsewhere("enping")).extracting(RunLedger.TakenOver::runId)
			.containsExactly(otherBytes, otherFile);

		// a sync takes over every run of its source
		assertThat(this.ledger.closeTakenOverRuns("enping", null, null, taking)).extracting(RunLedger.TakenOver::runId)
			.containsExactly(otherBytes, otherFile);
		assertThat(statusOf(ownEarlier)).isEqualTo("running");
		assertThat(this.ledger.runningElsewhere("enping")).isEmpty();
	}

	/** A peer hub on the same database, its last heartbeat {@code ago}. */
	private UUID peer(String host, Duration ago) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO ops.hub_instance (id, host, started_at, heartbeat_at)
				VALUES (?, ?, clock_timestamp() - interval '1 hour', clock_timestamp() - ? * interval '1 second')""",
				id, host, ago.toSeconds());
		return id;
	}

	private long runOf(UUID instance, String fileName) {
		long run = this.ledger.start("enping", RunTrigger.FILE, fileName, "e".repeat(64));
		this.jdbc.update("UPDATE ops.ingest_run SET instance_id = ? WHERE id = ?", instance, run);
		return run;
	}

	private String statusOf(long run) {
		return this.jdbc.queryForObject("SELECT status FROM ops.ingest_run WHERE id = ?", String.class, run);
	}

	@Test
	void finishingARunPublishesItsMetrics() {
		long run = this.ledger.start("kaiping", RunTrigger.FILE, "开平市解三难救助发放明细_20261120.csv", "c".repeat(64));
		this.ledger.rejectNow(run, "kaiping", java.util.List.of(RejectedRow.ofRow("开平市解三难救助发放明细_20261120.csv", null, 7,
				RejectReason.BAD_AMOUNT, "救助金额（元）: 待定", Map.of("救助金额（元）", "待定"))));
		this.ledger.succeed(run, 12, 11, 1, null);
		String metrics = adminApi().get().uri("/actuator/prometheus").retrieve().body(String.class);
		assertThat(metrics).containsPattern("vethub_rows_loaded_total\\{[^}]*source=\"kaiping\"[^}]*\\} 11\\.0")
			.containsPattern(
					"vethub_rows_rejected_by_reason_total\\{[^}]*reason=\"bad_amount\"[^}]*source=\"kaiping\"[^}]*\\} 1\\.0")
			.containsPattern("vethub_run_last_success_seconds\\{[^}]*source=\"kaiping\"[^}]*\\} [1-9]")
			.contains("vethub_run_duration_seconds_count{source=\"kaiping\",status=\"succeeded\"}");
	}

	@Test
	void aRunThatSucceededWithItsLoadIsNotMadeFailedByAStepAfterTheCommit() {
		long run = this.ledger.start("heshan", RunTrigger.FILE, "鹤山市退役军人花名册_20261204.xlsx", "e".repeat(64));
		new TransactionTemplate(this.transactions).executeWithoutResult(
				(tx) -> this.ledger.succeedWithLoad(run, 120, 118, 2, "鹤山市退役军人花名册_20261204.xlsx.回执.csv"));

		// the caller's failure path, after the commit (an Error while moving the file)
		this.ledger.finish(run, RunStatus.FAILED, 0, 0, 0, "OutOfMemoryError", null);

		assertThat(this.jdbc.queryForMap("SELECT status, rows_loaded, error_message FROM ops.ingest_run WHERE id = ?",
				run))
			.containsEntry("status", "succeeded")
			.containsEntry("rows_loaded", 118L)
			.containsEntry("error_message", null);
		// a run still running is ended failed as before
		long other = this.ledger.start("heshan", RunTrigger.FILE, "鹤山市退役军人花名册_20261205.xlsx", "f".repeat(64));
		this.ledger.finish(other, RunStatus.FAILED, 0, 0, 0, "IOException", null);
		assertThat(statusOf(other)).isEqualTo("failed");
	}

	@Test
	void onlyFailuresOfTheFileItselfCountTowardsItsRetries() {
		String sha = "d".repeat(64);
		long fault = this.ledger.start("xinhui", RunTrigger.FILE, "新会区退役军人花名册_20261201.xlsx", sha);
		this.ledger.finish(fault, RunStatus.FAILED, 0, 0, 0, "IllegalStateException: trigger refused the rejected rows",
				null);
		long cutOff = this.ledger.start("xinhui", RunTrigger.FILE, "新会区退役军人花名册_20261201.xlsx", sha);
		this.ledger.closeInterruptedRuns();
		long outage = this.ledger.start("xinhui", RunTrigger.FILE, "新会区退役军人花名册_20261201.xlsx", sha);
		this.jdbc.update("UPDATE ops.ingest_run SET status = 'failed', error_message = ? WHERE id = ?",
				"database unavailable: this run ended at 2026-12-03T12:29:21+08:00", outage);

		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM ops.ingest_run WHERE file_sha256 = ? AND status = 'failed'", Long.class, sha))
			.isEqualTo(3);
		assertThat(this.ledger.failedRunsOf("xinhui", sha)).isEqualTo(1);
		assertThat(cutOff).isNotEqualTo(fault);
	}

}
