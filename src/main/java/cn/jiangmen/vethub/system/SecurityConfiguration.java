package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Three doors, one way to authenticate:
 * <ul>
 * <li>{@code /api/**} for scripts: HTTP Basic, never creates a session. A browser already
 * logged in to the console may read it with its session (the console's live progress
 * does); a request that relies on the session rather than an {@code Authorization} header
 * must carry the CSRF token to change anything.</li>
 * <li>{@code /actuator/**}: {@code /actuator/health} is open (load balancers); everything
 * else, the Prometheus scrape included, needs an HTTP Basic login (a VIEWER account is
 * enough), stateless.</li>
 * <li>everything else is the console: form login (our own bilingual page), CSRF
 * protection, session timeout {@code hub.security.session-timeout}, a strict content
 * security policy (no inline script).</li>
 * </ul>
 * ADMIN may change things (any method other than GET) and download feedback files; VIEWER
 * only reads. Every login, form or Basic, goes through the
 * {@link ThrottledAuthenticationProvider}: repeated failures lock the user name and the
 * client address for a while, and are logged without the password. A locked Basic client
 * gets {@code 429 Too Many Requests} with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	LoginAttemptLimiter loginAttemptLimiter(HubSecurityProperties properties) {
		return new LoginAttemptLimiter(properties.lockout(), Clock.systemUTC());
	}

	@Bean
	AuthenticationManager hubAuthenticationManager(UserDetailsService users, PasswordEncoder encoder,
			LoginAttemptLimiter limiter) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
		passwords.setPasswordEncoder(encoder);
		return new ProviderManager(new ThrottledAuthenticationProvider(passwords, limiter));
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, AuthenticationManager authenticationManager) throws Exception {
		// A script's write carries its own HTTP Basic credentials and needs no CSRF
		// token; any other write
		// (one riding on the console's session cookie) must carry the token.
		RequestMatcher sessionWrites = (request) -> !isSafe(request)
				&& !String.valueOf(request.getHeader("Authorization")).regionMatches(true, 0, "Basic ", 0, 6);
		http.securityMatcher("/api/**")
			.authenticationManager(authenticationManager)
			.authorizeHttpRequests((auth) -> auth.requestMatchers(HttpMethod.GET, "/api/**")
				.hasAnyRole("ADMIN", "VIEWER")
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic((basic) -> basic.authenticationEntryPoint(basicEntryPoint()))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(basicEntryPoint()))
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(sessionWrites));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain actuatorChain(HttpSecurity http, AuthenticationManager authenticationManager) throws Exception {
		http.securityMatcher("/actuator/**")
			.authenticationManager(authenticationManager)
			.authorizeHttpRequests((auth) -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.hasAnyRole("ADMIN", "VIEWER"))
			.httpBasic((basic) -> basic.authenticationEntryPoint(basicEntryPoint()))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(basicEntryPoint()))
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain consoleChain(HttpSecurity http, AuthenticationManager authenticationManager) throws Exception {
		http.authenticationManager(authenticationManager)
			.authorizeHttpRequests((auth) -> auth
				.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/runs/*/feedback")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.GET, "/**")
				.hasAnyRole("ADMIN", "VIEWER")
				.anyRequest()
				.hasRole("ADMIN"))
			.formLogin((form) -> form.loginPage("/login")
				.defaultSuccessUrl("/sources")
				.failureHandler(formFailureHandler()))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.headers(
					(headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
		return http.build();
	}

	private static boolean isSafe(HttpServletRequest request) {
		String method = request.getMethod();
		return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method);
	}

	private static AuthenticationFailureHandler formFailureHandler() {
		return (request, response, exception) -> response.sendRedirect(
				request.getContextPath() + ((exception instanceof ThrottledAuthenticationProvider.LoginLockedException)
						? "/login?locked" : "/login?error"));
	}

	private static AuthenticationEntryPoint basicEntryPoint() {
		BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
		basic.setRealmName("vethub");
		basic.afterPropertiesSet();
		return (request, response, exception) -> {
			if (exception instanceof ThrottledAuthenticationProvider.LoginLockedException locked) {
				tooManyRequests(response, locked);
			}
			else if ("XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
				// the console's own fetch: no Basic challenge, or the browser would pop
				// up its password dialog
				response.sendError(HttpStatus.UNAUTHORIZED.value());
			}
			else {
				basic.commence(request, response, exception);
			}
		};
	}

	private static void tooManyRequests(HttpServletResponse response,
			ThrottledAuthenticationProvider.LoginLockedException locked) throws IOException {
		long seconds = Math.max(1, Duration.between(Instant.now(), locked.until()).toSeconds());
		response.setHeader("Retry-After", Long.toString(seconds));
		response.sendError(HttpStatus.TOO_MANY_REQUESTS.value(), "Too many failed logins: try again later");
	}

}
