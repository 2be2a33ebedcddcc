package cn.jiangmen.vethub.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How every inbox (county offices and partners alike) is polled ({@code hub.inbox.*}). A
 * file is taken only once its size and time stamp stayed the same for
 * {@code readLockCheckInterval} and it is {@code readLockMinAge} old, so a file still
 * being copied over a network share is never read half-way.
 *
 * @param pollDelay time between two looks at an inbox
 * @param initialDelay time before the first look after start
 * @param readLockMinAge a file must be at least this old (last modified) before it is
 * taken
 * @param readLockCheckInterval how long a file's size and time stamp must stay unchanged
 * @param readLockTimeout how long one poll waits for a file to settle before leaving it
 * for the next poll
 * @param maxAttempts how many times a file whose load fails for a fault of ours (not of
 * the file: a lost database, a full disk, a bug) is tried before it is refused to
 * {@code error/} with a reason
 * @param retryBackoff the wait after the first such failure, doubled after each further
 * one
 * @param maxRetryBackoff the longest wait between two tries
 */
@Validated
@ConfigurationProperties(prefix = "hub.inbox")
public record InboxProperties(@DefaultValue("10s") @NotNull Duration pollDelay,
		@DefaultValue("1s") @NotNull Duration initialDelay, @DefaultValue("5s") @NotNull Duration readLockMinAge,
		@DefaultValue("1s") @NotNull Duration readLockCheckInterval,
		@DefaultValue("60s") @NotNull Duration readLockTimeout, @DefaultValue("5") @Min(1) int maxAttempts,
		@DefaultValue("30s") @NotNull Duration retryBackoff, @DefaultValue("15m") @NotNull Duration maxRetryBackoff) {

}
