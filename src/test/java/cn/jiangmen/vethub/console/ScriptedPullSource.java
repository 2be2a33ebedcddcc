package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import cn.jiangmen.vethub.ops.PullSource;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.system.HubFolders;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A pull source whose run a test scripts step by step, for the console's "run now, watch it finish" path
 * while the real province sync lives on another branch. It is a bean of every test context (component
 * scanning finds it, so the shared context is not split) but handles nothing until a test arms it, and it
 * is asked first ({@link Ordered#HIGHEST_PRECEDENCE}) so that an armed script wins over a real
 * implementation. The run goes through the real {@link RunLedger}: started, advanced to 1 200 rows read,
 * then held until the test releases it, and finished with two rejected records and a feedback file.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ScriptedPullSource implements PullSource {

	static final String FEEDBACK = "province_sync_rejects.csv";

	private final RunLedger ledger;

	private final HubFolders folders;

	private volatile Script script;

	ScriptedPullSource(RunLedger ledger, HubFolders folders) {
		this.ledger = ledger;
		this.folders = folders;
	}

	/** Takes over the given source until {@link #disarm()}. */
	Script arm(String sourceId) {
		this.script = new Script(sourceId);
		return this.script;
	}

	void disarm() {
		Script s = this.script;
		this.script = null;
		if (s != null) {
			s.release.countDown();
		}
	}

	@Override
	public boolean handles(SourceDefinition source) {
		Script s = this.script;
		return s != null && s.sourceId.equals(source.id());
	}

	@Override
	public SyncStart start(SourceDefinition source, RunTrigger trigger, boolean fullResync) {
		Script s = this.script;
		if (s == null || !s.running.compareAndSet(false, true)) {
			return new SyncStart(false, "a run of " + source.id() + " is already going");
		}
		Thread worker = new Thread(() -> run(s, source, trigger), "scripted-pull-" + source.id());
		worker.setDaemon(true);
		worker.start();
		return new SyncStart(true, "started");
	}

	private void run(Script s, SourceDefinition source, RunTrigger trigger) {
		long run = this.ledger.start(source.id(), trigger, null, null);
		s.runId = run;
		this.ledger.progress(run, 1200);
		s.started.countDown();
		try {
			if (!s.release.await(2, TimeUnit.MINUTES)) {
				this.ledger.finish(run, RunStatus.FAILED, 1200, 0, 0, "scripted run never released", null);
				return;
			}
			this.ledger.rejectNow(run, source.id(), List.of(
					RejectedRow.ofRecord("GD-2026-0041877", RejectReason.INVALID_DATE, "入伍时间 2026-02-30 不是有效日期",
							Map.of("xm", "周建国", "rwsj", "2026-02-30")),
					RejectedRow.ofRecord("GD-2026-0042210", RejectReason.BAD_VALUE, "人员类别代码 77 无法识别",
							Map.of("xm", "麦少芬", "rylb", "77"))));
			Files.writeString(HubFolders.inside(this.folders.outboxDir(source.id()), FEEDBACK),
					"record_key,reason\nGD-2026-0041877,invalid_date\nGD-2026-0042210,bad_value\n",
					StandardCharsets.UTF_8);
			this.ledger.finish(run, RunStatus.SUCCEEDED, 2400, 2398, 2, null, FEEDBACK);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			s.finished.countDown();
		}
	}

	/** One scripted run: the test waits for {@code started}, then counts it down on {@code release}. */
	static final class Script {

		final String sourceId;

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final CountDownLatch finished = new CountDownLatch(1);

		final AtomicBoolean running = new AtomicBoolean();

		volatile long runId;

		Script(String sourceId) {
			this.sourceId = sourceId;
		}

	}

}
