package cn.jiangmen.vethub.console;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page needs: who is logged in, and whether they may change things.
 */
@ControllerAdvice(
		assignableTypes = { ConsoleController.class, ReportController.class, SourcePreviewPageController.class })
class ConsoleModelAdvice {

	@ModelAttribute("isAdmin")
	boolean isAdminAttribute(Authentication user) {
		return isAdmin(user);
	}

	@ModelAttribute("username")
	String username(Authentication user) {
		return (user != null) ? user.getName() : "";
	}

	static boolean isAdmin(Authentication user) {
		return user != null && user.getAuthorities().stream().anyMatch((a) -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

}
