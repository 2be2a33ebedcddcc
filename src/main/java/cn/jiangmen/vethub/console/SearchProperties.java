package cn.jiangmen.vethub.console;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the person search ({@code /search}, {@code /api/search}).
 *
 * @param viewerIdLookups how many searches by ID number one VIEWER may make within
 * {@code viewerIdWindow}: a VIEWER sees an ID number masked to its region, and a look-up
 * by ID is the only way to try the numbers it may be, so their rate is bounded (see
 * docs/console.md, "Search and lineage")
 * @param viewerIdWindow the window of that count
 * @param maxResults persons and runs listed per search at most
 */
@Validated
@ConfigurationProperties(prefix = "hub.search")
record SearchProperties(@DefaultValue("30") @Min(1) @Max(10000) int viewerIdLookups,
		@DefaultValue("1h") @NotNull Duration viewerIdWindow, @DefaultValue("50") @Min(1) @Max(500) int maxResults) {
}
