package cn.jiangmen.vethub.ops;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import cn.jiangmen.vethub.ops.PullSource.Refusal;
import cn.jiangmen.vethub.ops.PullSource.SyncStart;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;

import org.springframework.stereotype.Component;

/**
 * The checks every pull source makes before it starts a run, in one place and one order,
 * so that each kind refuses with the same {@link Refusal} and message: the source is
 * disabled, misconfigured ({@link SourceRegistry#misconfiguration}), paused or run by the
 * leader hub ({@link SourcePauses#refusal}), or a run of it is going. The last check is
 * the caller's own "one run at a time" guard, taken atomically; the pause is looked at
 * again once it is held, so that a pause written between the first look and the guard
 * still holds. Then {@link PullSource#launch} records and starts the run.
 */
@Component
public class PullStartGuard {

	private final SourceRegistry registry;

	private final SourcePauses pauses;

	private final RunLedger ledger;

	PullStartGuard(SourceRegistry registry, SourcePauses pauses, RunLedger ledger) {
		this.registry = registry;
		this.pauses = pauses;
		this.ledger = ledger;
	}

	/**
	 * Why a run of the source may not start on this hub now (disabled, misconfigured,
	 * paused, standing by), or null when it may.
	 */
	public SyncStart refusal(SourceDefinition source) {
		if (!source.enabled()) {
			return SyncStart.refused(Refusal.DISABLED, "Source " + source.id()
					+ " is disabled (enabled: false in its source file): enable it and restart");
		}
		Optional<String> misconfigured = this.registry.misconfiguration(source.id());
		if (misconfigured.isPresent()) {
			return SyncStart.refused(Refusal.MISCONFIGURED,
					"Source " + source.id() + " is misconfigured: " + misconfigured.get());
		}
		return this.pauses.refusal(source);
	}

	/**
	 * Starts a run of the source in the background unless it is refused.
	 * @param guard takes the source's "one run at a time" guard: its release, or null
	 * when a run is going (or starting)
	 * @param run the run itself, given its id
	 */
	public SyncStart start(SourceDefinition source, RunTrigger trigger, boolean fullResync, Supplier<Runnable> guard,
			Executor executor, LongConsumer run) {
		SyncStart refused = refusal(source);
		if (refused != null) {
			return refused;
		}
		Runnable release = guard.get();
		if (release == null) {
			return SyncStart.refused(Refusal.ALREADY_RUNNING, "A sync of " + source.id() + " is already running");
		}
		// paused between the check and the guard: not run
		SyncStart paused = this.pauses.refusal(source);
		if (paused != null) {
			release.run();
			return paused;
		}
		return PullSource.launch(this.ledger, executor, source, trigger, fullResync, run, release);
	}

	/**
	 * The "one run at a time" guard of a source kept as a flag in {@code running}, a set
	 * shared by the runs of one kind in this hub.
	 */
	public static Supplier<Runnable> flag(Set<String> running, String sourceId) {
		return () -> running.add(sourceId) ? () -> running.remove(sourceId) : null;
	}

}
