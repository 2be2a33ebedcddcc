package cn.jiangmen.vethub.province;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the provincial sync commits (connection, credentials and retries are the province
 * source's, in {@code config/sources/province.yml}).
 *
 * @param commitRecords pages are committed together, with their mark, once they hold at
 * least this many records (and whenever the reading stops, also on a failure): fewer,
 * larger transactions load faster, and a failed run loses at most this much progress,
 * which the next run reads again
 */
@Validated
@ConfigurationProperties(prefix = "hub.province-sync")
record ProvinceSyncProperties(@DefaultValue("5000") @Min(1) @Max(100000) int commitRecords) {
}
