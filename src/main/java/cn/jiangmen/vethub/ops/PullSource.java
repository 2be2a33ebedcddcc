package cn.jiangmen.vethub.ops;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;

import cn.jiangmen.vethub.source.SourceDefinition;

/**
 * A source the hub pulls (rather than one that drops files): it can be asked to run now.
 * Implemented by the feature that pulls it; {@code POST /api/sources/{id}/sync} finds the
 * implementation here. Whether it may run now (disabled, misconfigured, paused, run by
 * the leader hub, running already) is checked by {@link PullStartGuard}, the same for
 * every kind.
 */
public interface PullSource {

	boolean handles(SourceDefinition source);

	/** The pull source, among those the hub has, that handles the given source. */
	static Optional<PullSource> of(List<PullSource> all, SourceDefinition source) {
		return all.stream().filter((p) -> p.handles(source)).findFirst();
	}

	/**
	 * Starts a run now, in the background. Checking that none is going and starting one
	 * is one atomic step: of two requests at the same moment, one starts a run and the
	 * other is refused {@link Refusal#ALREADY_RUNNING}, also while the first is still
	 * starting.
	 * @param fullResync ignore the high-water marks and read everything again
	 * @return whether it started, and if not, why
	 */
	SyncStart start(SourceDefinition source, RunTrigger trigger, boolean fullResync);

	/**
	 * Records a run of a pull source and runs it on {@code executor}: the part of
	 * {@link #start} every pull source shares, once the caller holds its "one run at a
	 * time" guard. {@code release} gives the guard back, exactly once: when the run ends,
	 * or when it could not be recorded or started (the hub stopping).
	 * @param run the run itself, given its id
	 */
	static SyncStart launch(RunLedger ledger, Executor executor, SourceDefinition source, RunTrigger trigger,
			boolean fullResync, LongConsumer run, Runnable release) {
		long runId;
		try {
			runId = ledger.start(source.id(), trigger, null, null);
		}
		catch (RuntimeException ex) {
			release.run();
			throw ex;
		}
		try {
			executor.execute(() -> {
				try {
					run.accept(runId);
				}
				finally {
					release.run();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			release.run();
			ledger.finish(runId, RunStatus.FAILED, 0, 0, 0, "The hub is shutting down", null);
			return SyncStart.refused(Refusal.STOPPING, "The hub is shutting down");
		}
		return SyncStart.started("Run " + runId + " started" + (fullResync ? " (full resync)" : ""));
	}

	/** Why a run was not started. */
	enum Refusal {

		/** A run of this source is going (or starting), in this hub or another. */
		ALREADY_RUNNING,
		/** The source is paused: resume it to run it. */
		PAUSED,
		/**
		 * The source runs on the leader, another hub on the warehouse: ask that one (its
		 * message names it).
		 */
		STANDBY,
		/** The source is disabled ({@code enabled: false} in its source file). */
		DISABLED,
		/**
		 * The source's settings cannot work (a secret missing): its message says which.
		 */
		MISCONFIGURED,
		/** The hub is stopping. */
		STOPPING

	}

	/**
	 * @param started whether a new run was started
	 * @param refusal why not, when not started
	 * @param message what happened, for the caller
	 */
	record SyncStart(boolean started, Refusal refusal, String message) {

		public static SyncStart started(String message) {
			return new SyncStart(true, null, message);
		}

		public static SyncStart refused(Refusal refusal, String message) {
			return new SyncStart(false, refusal, message);
		}

	}

}
