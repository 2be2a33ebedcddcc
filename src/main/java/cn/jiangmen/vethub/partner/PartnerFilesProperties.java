package cn.jiangmen.vethub.partner;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the partner inboxes are polled ({@code hub.partner-files.*}, e.g.
 * {@code HUB_PARTNER_FILES_POLL_DELAY}). A file is taken only when its size and time
 * stamp have stayed the same for one check interval and it is at least {@code min-age}
 * old, so a file still being copied over a network share is never read half.
 *
 * @param pollDelay pause between two looks at an inbox
 * @param readLockCheckInterval how long a file's size and time stamp must stay unchanged
 * @param readLockMinAge how old a file must be before it is taken
 * @param readLockTimeout how long one poll waits for a file to become stable before
 * leaving it for the next
 */
@Validated
@ConfigurationProperties(prefix = "hub.partner-files")
public record PartnerFilesProperties(@DefaultValue("10s") @NotNull Duration pollDelay,
		@DefaultValue("1s") @NotNull Duration readLockCheckInterval,
		@DefaultValue("3s") @NotNull Duration readLockMinAge, @DefaultValue("60s") @NotNull Duration readLockTimeout) {

}
