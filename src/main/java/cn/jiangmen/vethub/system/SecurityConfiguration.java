package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
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

	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

	static final String CSRF_COOKIE = "VETHUB-XSRF-TOKEN";

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

	/**
	 * The console's CSRF token lives in a cookie, not in a server session, so that
	 * reading the login page creates no session; the API's chain shares it, so that a
	 * console page's token is the one the API checks for writes riding on the session.
	 */
	@Bean
	CsrfTokenRepository csrfTokenRepository() {
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setCookieName(CSRF_COOKIE);
		tokens.setCookieCustomizer((cookie) -> cookie.httpOnly(true).sameSite("Lax"));
		return tokens;
	}

	/**
	 * Refuses cross-origin writes before any chain runs: for the console, the API and the
	 * actuator, with a session or with Basic credentials a browser remembers.
	 */
	@Bean
	FilterRegistrationBean<CrossOriginWriteFilter> crossOriginWriteFilter() {
		FilterRegistrationBean<CrossOriginWriteFilter> registration = new FilterRegistrationBean<>(
				new CrossOriginWriteFilter());
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
		return registration;
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, AuthenticationManager authenticationManager,
			CsrfTokenRepository csrfTokens) throws Exception {
		// A script's write carries its own HTTP Basic credentials and needs no CSRF
		// token; any other write
		// (one riding on the console's session cookie) must carry the token.
		RequestMatcher sessionWrites = (request) -> !isSafe(request)
				&& !String.valueOf(request.getHeader("Authorization")).regionMatches(true, 0, "Basic ", 0, 6);
		http.securityMatcher("/api/**")
			.authenticationManager(authenticationManager)
			.authorizeHttpRequests((auth) -> auth.requestMatchers(HttpMethod.GET, "/api/**")
				.hasAnyRole("ADMIN", "VIEWER")
				// a search is sent by POST so that an ID number is not in the URL; it
				// reads only
				.requestMatchers(HttpMethod.POST, "/api/search")
				.hasAnyRole("ADMIN", "VIEWER")
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic((basic) -> basic.authenticationEntryPoint(basicEntryPoint()))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(basicEntryPoint()))
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(sessionWrites).csrfTokenRepository(csrfTokens))
			.headers(SecurityConfiguration::commonHeaders);
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
			.csrf((csrf) -> csrf.disable())
			.headers(SecurityConfiguration::commonHeaders);
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain consoleChain(HttpSecurity http, AuthenticationManager authenticationManager,
			CsrfTokenRepository csrfTokens) throws Exception {
		// where a stranger asked to go is kept in a cookie (a relative URL), not in a
		// session: no session exists before a login
		CookieRequestCache requestCache = new CookieRequestCache();
		requestCache.setCookieCustomizer((cookie) -> cookie.setHttpOnly(true));
		LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
		loginPage.setFavorRelativeUris(true);
		http.authenticationManager(authenticationManager)
			.authorizeHttpRequests((auth) -> auth
				.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/runs/*/feedback")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.GET, "/**")
				.hasAnyRole("ADMIN", "VIEWER")
				.requestMatchers(HttpMethod.POST, "/search")
				.hasAnyRole("ADMIN", "VIEWER")
				.anyRequest()
				.hasRole("ADMIN"))
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(backToThePageAskedFor(requestCache))
				.failureHandler(formFailureHandler()))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(loginPage))
			.requestCache((cache) -> cache.requestCache(requestCache))
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens))
			.headers((headers) -> commonHeaders(
					headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))));
		return http.build();
	}

	/**
	 * Headers of every answer: no referrer leaves the hub (a run's URL is nobody else's
	 * business), and no page may use the camera, microphone, location, payment or USB.
	 */
	private static void commonHeaders(HeadersConfigurer<HttpSecurity> headers) {
		headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.permissionsPolicyHeader((permissions) -> permissions.policy(PERMISSIONS_POLICY));
	}

	/**
	 * After a login, back to the page the user asked for (or the sources page), as a
	 * relative URL: the saved request's URL is rebuilt from the login request, whose
	 * {@code Host} header the client chose.
	 */
	private static AuthenticationSuccessHandler backToThePageAskedFor(RequestCache requestCache) {
		SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
		success.setRequestCache(requestCache);
		success.setDefaultTargetUrl("/sources");
		success.setRedirectStrategy((request, response, url) -> response
			.sendRedirect(response.encodeRedirectURL(relative(request.getContextPath(), url))));
		return success;
	}

	/** The path and query of a URL of this hub; the sources page for anything else. */
	static String relative(String contextPath, String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return contextPath + "/sources";
		}
		String path = uri.getRawPath();
		if (path == null || !path.startsWith("/") || path.startsWith("//")) {
			return contextPath + "/sources";
		}
		if (!uri.isAbsolute() && !path.startsWith(contextPath)) {
			path = contextPath + path;
		}
		return (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
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
