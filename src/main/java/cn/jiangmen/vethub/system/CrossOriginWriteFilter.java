package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that would change something (any method but GET, HEAD, OPTIONS) when
 * a browser says it comes from another site: {@code Sec-Fetch-Site} other than
 * {@code same-origin} or {@code none}, or, from a browser that does not send that header,
 * an {@code Origin} whose host is not the hub's. This is what protects HTTP Basic
 * callers: a browser that remembers an administrator's Basic login sends it to the hub
 * whatever page made the request, and Basic writes carry no CSRF token. Scripts (curl,
 * the province's own calls) send neither header and pass. The rule is the one of Go's
 * {@code net/http.CrossOriginProtection}. Console forms keep their CSRF token as well.
 */
class CrossOriginWriteFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(CrossOriginWriteFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refusal = refusal(request);
		if (refusal == null) {
			chain.doFilter(request, response);
			return;
		}
		log.warn("Refused a cross-origin {} {}: {}", request.getMethod(), printable(request.getRequestURI()),
				printable(refusal));
		response.sendError(HttpStatus.FORBIDDEN.value(), "Cross-origin request refused: " + refusal);
	}

	/** Why the request is refused, or null when it may go on. */
	static String refusal(HttpServletRequest request) {
		String method = request.getMethod();
		if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
			return null;
		}
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			String s = site.strip().toLowerCase(Locale.ROOT);
			return ("same-origin".equals(s) || "none".equals(s)) ? null : "Sec-Fetch-Site is " + site;
		}
		String origin = request.getHeader("Origin");
		if (origin == null) {
			return null;
		}
		String originHost = hostAndPort(origin);
		if (originHost != null && (originHost.equalsIgnoreCase(String.valueOf(request.getHeader("Host")))
				|| originHost.equalsIgnoreCase(serverHost(request)))) {
			return null;
		}
		return "Origin " + origin + " is not this hub";
	}

	/** {@code host[:port]} of an origin, as a browser writes the {@code Host} header. */
	private static String hostAndPort(String origin) {
		try {
			URI uri = new URI(origin.strip());
			if (uri.getHost() == null) {
				return null;
			}
			return (uri.getPort() < 0) ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * The hub's host as the servlet container sees it (behind a proxy with
	 * {@code server.forward-headers-strategy}, the forwarded host).
	 */
	private static String serverHost(HttpServletRequest request) {
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
				|| ("https".equals(request.getScheme()) && port == 443);
		return defaultPort ? request.getServerName() : request.getServerName() + ":" + port;
	}

	private static String printable(String text) {
		String cut = (text.length() > 200) ? text.substring(0, 200) + "..." : text;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

}
