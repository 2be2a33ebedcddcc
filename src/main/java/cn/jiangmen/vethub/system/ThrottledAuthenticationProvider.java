package cn.jiangmen.vethub.system;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The one way in, for the login form and HTTP Basic alike: refuses a locked user name or
 * client address before looking at the password, records failures in the
 * {@link LoginAttemptLimiter}, and logs each failure with the user name and address,
 * never the password.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);

	private final AuthenticationProvider delegate;

	private final LoginAttemptLimiter limiter;

	ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginAttemptLimiter limiter) {
		this.delegate = delegate;
		this.limiter = limiter;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = authentication.getName();
		String address = addressOf(authentication);
		Optional<Instant> locked = this.limiter.lockedUntil(username, address);
		if (locked.isPresent()) {
			log.warn("Login refused: user '{}' from {} is locked until {} after repeated failures", printable(username),
					address, locked.get());
			throw new LoginLockedException(locked.get());
		}
		try {
			Authentication result = this.delegate.authenticate(authentication);
			this.limiter.succeeded(username);
			return result;
		}
		catch (BadCredentialsException ex) {
			boolean nowLocked = this.limiter.failed(username, address);
			log.warn("Login failed: user '{}' from {}{}", printable(username), address,
					nowLocked ? " (too many failures: now locked)" : "");
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static String addressOf(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: "unknown";
	}

	/**
	 * A user name as typed, made safe for a log line (no forged lines, bounded length).
	 */
	static String printable(String username) {
		if (username == null) {
			return "";
		}
		String clean = username.replaceAll("\\p{Cntrl}", "?");
		return (clean.length() > 64) ? clean.substring(0, 64) + "…" : clean;
	}

	/** A locked name or address; carries when it opens again. */
	static final class LoginLockedException extends LockedException {

		private final transient Instant until;

		LoginLockedException(Instant until) {
			super("Too many failed logins: try again later");
			this.until = until;
		}

		Instant until() {
			return this.until;
		}

	}

}
