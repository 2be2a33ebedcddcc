package cn.jiangmen.vethub.console;

import java.time.ZoneId;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Console settings.
 *
 * @param timeZone the bureau's time zone: times are shown in it and runs are counted per
 * day in it
 * @param chartDays how many days back the runs chart reaches when no date range is chosen
 * @param rejectsPageSize rejected rows shown per page of a run's detail
 * @param runsPageSize runs shown per page of the runs list unless the URL asks for
 * another size (at most {@link RunsPage#MAX_SIZE})
 */
@Validated
@ConfigurationProperties(prefix = "hub.console")
record ConsoleProperties(@DefaultValue("Asia/Shanghai") @NotNull ZoneId timeZone,
		@DefaultValue("30") @Min(1) @Max(366) int chartDays,
		@DefaultValue("200") @Min(10) @Max(5000) int rejectsPageSize,
		@DefaultValue("50") @Min(1) @Max(RunsPage.MAX_SIZE) int runsPageSize) {
}
