package cn.jiangmen.vethub.warehouse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The time a run spent in each of its phases (reading the source, mapping, the stage
 * COPY, the upsert statement, the commit, ...), summed over its batches and threads: what
 * a benchmark prints so that the docs can say where the time goes. Cheap enough to keep
 * on in production (two {@code System.nanoTime()} calls a phase a batch, or a row for the
 * reading phases); {@link #NONE} records nothing.
 */
public final class PhaseTimes {

	/** Records nothing (a file load, a preview). */
	public static final PhaseTimes NONE = new PhaseTimes(false);

	private final boolean on;

	private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

	private final Map<String, Integer> order = new ConcurrentHashMap<>();

	private PhaseTimes(boolean on) {
		this.on = on;
	}

	/** A new, empty record. */
	public static PhaseTimes start() {
		return new PhaseTimes(true);
	}

	/** Adds the time since {@code startNanos} to the phase; returns the time now. */
	public long since(String phase, long startNanos) {
		long now = System.nanoTime();
		add(phase, now - startNanos);
		return now;
	}

	/** Adds nanoseconds to the phase. */
	public void add(String phase, long nanos) {
		if (this.on) {
			this.order.putIfAbsent(phase, this.order.size());
			this.nanos.computeIfAbsent(phase, (p) -> new LongAdder()).add(nanos);
		}
	}

	/** The phases, in the order first seen, and their nanoseconds. */
	public Map<String, Long> snapshot() {
		Map<String, Long> out = new LinkedHashMap<>();
		this.order.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByValue())
			.forEach((e) -> out.put(e.getKey(), this.nanos.get(e.getKey()).sum()));
		return out;
	}

}
