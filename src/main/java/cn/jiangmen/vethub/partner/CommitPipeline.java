package cn.jiangmen.vethub.partner;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the batches of a pull run one after the other on a thread of its own, while the
 * run's thread reads and maps the next batch: reading the partner (a database view, an
 * API's pages) and writing the warehouse overlap, as the two ends of a piped COPY do. At
 * most one batch commits while one is read (the heap holds two batches at most, whatever
 * the size of the source); batches commit in their order, each with its mark, so that the
 * mark only ever moves past committed records. A batch whose commit fails fails the run
 * at the next hand-over (or {@link #await()}), before anything after it is committed.
 * Used by {@link DatabaseSourceSync} and {@link HttpApiSync} (which also maps its pages
 * through one, ahead of its committer: any stage that takes one task at a time, in order,
 * while the caller makes the next); not thread-safe (one thread calls it).
 */
final class CommitPipeline {

	private static final Logger log = LoggerFactory.getLogger(CommitPipeline.class);

	private final Executor executor;

	private final long runId;

	private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);

	CommitPipeline(Executor executor, long runId) {
		this.executor = executor;
		this.runId = runId;
	}

	/**
	 * Waits for the commit before (its failure is thrown here, and this one is not
	 * started), then starts this one.
	 */
	void handOver(Runnable commit) {
		await();
		this.pending = CompletableFuture.runAsync(commit, this.executor);
	}

	/** Whether no batch is committing. */
	boolean idle() {
		return this.pending.isDone();
	}

	/** Waits for the batch committing; its failure is the run's. */
	void await() {
		try {
			this.pending.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	/** Waits for the batch committing after the run failed otherwise. */
	void awaitQuietly() {
		try {
			this.pending.join();
		}
		catch (CompletionException | CancellationException ex) {
			log.debug("A batch of run {} failed after the run did", this.runId);
		}
	}

}
