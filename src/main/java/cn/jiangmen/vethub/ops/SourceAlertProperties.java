package cn.jiangmen.vethub.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import cn.jiangmen.vethub.source.SourceDefinition;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How often each source is expected to have run successfully
 * ({@code hub.alerts.expected-interval}): a source whose last successful run is older
 * (or, never run, the hub has been up longer) is {@code overdue}, shown in the console's
 * banner and state. By kind ({@code province: 26h}, {@code database: 26h}: each syncs at
 * least daily; a county or partner sends when it has something, so no expectation unless
 * one is set) and per source, which wins ({@code sources.heshan: 35d} for a county that
 * sends monthly). A zero duration means no expectation.
 *
 * @param kinds the expected interval by source kind ({@code province}, {@code database},
 * {@code county}, {@code partner}, {@code sftp})
 * @param sources the expected interval of single sources, by id
 */
@Validated
@ConfigurationProperties(prefix = "hub.alerts.expected-interval")
public record SourceAlertProperties(Map<String, Duration> kinds, Map<String, Duration> sources) {

	/** The defaults by kind, which settings of the same kind replace. */
	static final Map<String, Duration> DEFAULT_KINDS = Map.of("province", Duration.ofHours(26), "database",
			Duration.ofHours(26));

	public SourceAlertProperties {
		Map<String, Duration> merged = new HashMap<>(DEFAULT_KINDS);
		if (kinds != null) {
			merged.putAll(kinds);
		}
		kinds = Map.copyOf(merged);
		sources = (sources != null) ? Map.copyOf(sources) : Map.of();
	}

	/** The source's expected interval, or null when it has none. */
	public Duration expectedInterval(SourceDefinition source) {
		Duration d = this.sources.get(source.id());
		if (d == null) {
			d = this.kinds.get(source.kind().name().toLowerCase(Locale.ROOT));
		}
		return (d == null || d.isZero() || d.isNegative()) ? null : d;
	}

}
