package cn.jiangmen.vethub.console;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page needs, the error pages included (they are shown in the
 * console's frame): who is logged in, whether they may change things, and the links of
 * the language switch.
 */
@ControllerAdvice(assignableTypes = { ConsoleController.class, ReportController.class,
		SourcePreviewPageController.class, BasicErrorController.class })
class ConsoleModelAdvice {

	@ModelAttribute("isAdmin")
	boolean isAdminAttribute(Authentication user) {
		return isAdmin(user);
	}

	@ModelAttribute("username")
	String username(Authentication user) {
		return (user != null) ? user.getName() : "";
	}

	@ModelAttribute("langZh")
	String langZh(HttpServletRequest request) {
		return switchTo(request.getQueryString(), "zh_CN");
	}

	@ModelAttribute("langEn")
	String langEn(HttpServletRequest request) {
		return switchTo(request.getQueryString(), "en");
	}

	static boolean isAdmin(Authentication user) {
		return user != null && user.getAuthorities().stream().anyMatch((a) -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

	/**
	 * A relative link to the same page in another language: the current query string (the
	 * runs filter, the page) kept as it was sent, any {@code lang} in it replaced.
	 */
	static String switchTo(String query, String lang) {
		String kept = (query == null) ? ""
				: Arrays.stream(query.split("&"))
					.filter((p) -> !p.isEmpty() && !p.equals("lang") && !p.startsWith("lang="))
					.collect(Collectors.joining("&"));
		return "?" + (kept.isEmpty() ? "" : kept + "&") + "lang=" + lang;
	}

}
