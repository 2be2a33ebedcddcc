package cn.jiangmen.vethub.system;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Users of the console and API. Passwords are given as BCrypt hashes only (make one with
 * {@code htpasswd -bnBC 10 "" 'secret' | tr -d ':\n'}, or see the README). Environment
 * variables work too: {@code HUB_SECURITY_USERS_0_USERNAME},
 * {@code HUB_SECURITY_USERS_0_PASSWORD_HASH}, {@code HUB_SECURITY_USERS_0_ROLE}. With no
 * user configured, the first start generates an administrator password, prints it once
 * and keeps only its hash.
 */
@Validated
@ConfigurationProperties(prefix = "hub.security")
public record HubSecurityProperties(@DefaultValue @Valid List<User> users,
		@DefaultValue("30m") @NotNull Duration sessionTimeout, @DefaultValue @Valid @NotNull Lockout lockout) {

	/**
	 * Failed-login throttle, for the login form and HTTP Basic alike.
	 *
	 * @param maxFailuresPerUser failures of one user name within {@code window} that lock
	 * that name
	 * @param maxFailuresPerAddress failures from one client address within {@code window}
	 * (any user names) that lock that address; higher than per user because a whole
	 * office may share one address
	 * @param window how far back failures count
	 * @param duration how long a locked name or address is refused, even with the right
	 * password
	 */
	public record Lockout(@DefaultValue("5") @Min(1) int maxFailuresPerUser,
			@DefaultValue("20") @Min(1) int maxFailuresPerAddress, @DefaultValue("10m") @NotNull Duration window,
			@DefaultValue("15m") @NotNull Duration duration) {
	}

	public record User(@NotBlank String username,
			@NotBlank @Pattern(regexp = "(\\{bcrypt\\})?\\$2[aby]?\\$\\d\\d\\$.{53}",
					message = "must be a BCrypt hash ($2a$10$...), never a plain password") String passwordHash,
			@NotNull Role role) {

		@Override
		public String toString() {
			return "User[" + this.username + ", " + this.role + "]";
		}

	}

	public enum Role {

		ADMIN, VIEWER

	}

}
