package cn.jiangmen.vethub.normalize;

import java.util.Objects;
import java.util.function.Function;

import cn.jiangmen.vethub.ops.RejectReason;

/**
 * The outcome of normalizing one field: a value (possibly {@code null} for an optional
 * empty field) or a refusal with its {@link RejectReason} and a detail text for the
 * people who made the file. Details never hold personal data unmasked, so they can go to
 * logs, {@code ops.rejected_row} and feedback files as they are.
 *
 * @param <T> the type of the normalized value
 */
public final class Normalized<T> {

	/**
	 * The one good empty value: {@link #ok(Object) ok(null)} comes for every empty cell.
	 */
	private static final Normalized<?> EMPTY = new Normalized<>(null, null, null);

	private final T value;

	private final RejectReason reason;

	private final String detail;

	private Normalized(T value, RejectReason reason, String detail) {
		this.value = value;
		this.reason = reason;
		this.detail = detail;
	}

	/** A good value; {@code null} means an optional field that was empty. */
	@SuppressWarnings("unchecked")
	public static <T> Normalized<T> ok(T value) {
		return (value != null) ? new Normalized<>(value, null, null) : (Normalized<T>) EMPTY;
	}

	/** A refusal. The detail must already be masked where it quotes personal data. */
	public static <T> Normalized<T> fail(RejectReason reason, String detail) {
		return new Normalized<>(null, Objects.requireNonNull(reason, "reason"), (detail != null) ? detail : "");
	}

	public boolean isOk() {
		return this.reason == null;
	}

	/**
	 * The value ({@code null} for an empty optional field); throws when the field was
	 * refused.
	 */
	public T value() {
		if (!isOk()) {
			throw new IllegalStateException("Refused (" + this.reason.code() + "): " + this.detail);
		}
		return this.value;
	}

	/** The reason of a refusal, {@code null} when the value is good. */
	public RejectReason reason() {
		return this.reason;
	}

	/** The detail of a refusal (masked), {@code null} when the value is good. */
	public String detail() {
		return this.detail;
	}

	/**
	 * Transforms a good non-null value; a refusal and an empty ({@code null}) value pass
	 * through unchanged.
	 */
	@SuppressWarnings("unchecked")
	public <U> Normalized<U> map(Function<T, U> mapper) {
		if (!isOk()) {
			return (Normalized<U>) this;
		}
		return (this.value != null) ? ok(mapper.apply(this.value)) : ok(null);
	}

	/**
	 * Chains another check on a good non-null value; a refusal or an empty value passes
	 * through unchanged.
	 */
	@SuppressWarnings("unchecked")
	public <U> Normalized<U> flatMap(Function<T, Normalized<U>> mapper) {
		if (!isOk()) {
			return (Normalized<U>) this;
		}
		return (this.value != null) ? mapper.apply(this.value) : ok(null);
	}

	/** The value when good, otherwise the given fallback. */
	public T orElse(T fallback) {
		return isOk() ? this.value : fallback;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof Normalized<?> that) && Objects.equals(this.value, that.value)
				&& this.reason == that.reason && Objects.equals(this.detail, that.detail);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.value, this.reason, this.detail);
	}

	@Override
	public String toString() {
		return isOk() ? "ok(" + this.value + ")" : "fail(" + this.reason.code() + ": " + this.detail + ")";
	}

}
