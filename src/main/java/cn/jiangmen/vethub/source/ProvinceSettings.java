package cn.jiangmen.vethub.source;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connection and schedule of the provincial API source. The secret is normally a
 * placeholder such as {@code ${PROVINCE_CLIENT_SECRET}} resolved from the environment; it
 * is never logged.
 *
 * @param baseUrl the API root, e.g. {@code https://tyjr.gd.gov.cn/gateway}
 * @param clientId OAuth2 client id
 * @param clientSecret OAuth2 client secret
 * @param pageSize page size asked for (the server may cap it)
 * @param connectTimeout TCP connect timeout
 * @param readTimeout time allowed for one response
 * @param maxAttempts attempts per request before the run fails
 * @param backoff first wait between attempts, doubled each time
 * @param maxBackoff longest wait between attempts, and upper bound for a server's
 * Retry-After
 * @param schedule Quartz cron of the nightly sync
 * @param timeZone time zone of the schedule and of the API's timestamps
 */
public record ProvinceSettings(@NotNull URI baseUrl, @NotBlank String clientId, String clientSecret,
		@DefaultValue("500") @Min(1) @Max(5000) int pageSize, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout, @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
		@DefaultValue("1s") Duration backoff, @DefaultValue("60s") Duration maxBackoff,
		@DefaultValue("0 0 2 * * ?") @NotBlank String schedule, @DefaultValue("Asia/Shanghai") String timeZone) {

	@Override
	public String toString() {
		return "ProvinceSettings[baseUrl=" + this.baseUrl + ", clientId=" + this.clientId + ", clientSecret=****]";
	}

}
