package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, once for every page and API call, a request parameter holding a control
 * character (NUL and the other C0 controls except tab, line feed and carriage return, and
 * DEL): no value the hub takes from a URL or a form may hold one, and PostgreSQL refuses
 * NUL in text, which would otherwise surface as a server error. The answer is 400 with
 * the parameter's name. A multipart upload over its size limit, which the container
 * refuses while reading the parameters, is answered 413 with the limit's message.
 */
class RequestParameterFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (IllegalStateException ex) {
			String tooLarge = uploadTooLarge(ex);
			if (tooLarge == null) {
				throw ex;
			}
			// answered here, not by sendError: the error page would read the parameters
			// again and fail the same way (two stack traces at ERROR for a user's
			// mistake)
			response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
			response.setContentType("text/plain;charset=UTF-8");
			response.getWriter()
				.write("The upload is too large (" + tooLarge
						+ "). The limit is VETHUB_PREVIEW_MAX_UPLOAD (spring.servlet.multipart.max-file-size).");
			return;
		}
		String bad = badParameter(parameters);
		if (bad != null) {
			response.sendError(HttpStatus.BAD_REQUEST.value(),
					"The parameter '" + bad + "' holds a control character (such as NUL): refused");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The name of the first parameter (shown printable) that holds a control character.
	 */
	static String badParameter(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (hasControl(parameter.getKey())) {
				return printable(parameter.getKey());
			}
			for (String value : parameter.getValue()) {
				if (value != null && hasControl(value)) {
					return printable(parameter.getKey());
				}
			}
		}
		return null;
	}

	/**
	 * The servlet container's message when a multipart upload is over its size limit
	 * (Tomcat's {@code SizeException}: it names the limit, never the content), else null.
	 */
	static String uploadTooLarge(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof org.apache.tomcat.util.http.fileupload.impl.SizeException) {
				return t.getMessage();
			}
		}
		return null;
	}

	static boolean hasControl(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
				return true;
			}
		}
		return false;
	}

	private static String printable(String name) {
		String cut = (name.length() > 40) ? name.substring(0, 40) + "..." : name;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

}
