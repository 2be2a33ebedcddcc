package cn.jiangmen.vethub.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's own login page (Chinese, or English with {@code ?lang=en}); Spring
 * Security handles the POST.
 */
@Controller
class LoginController {

	@GetMapping("/login")
	String login() {
		return "login";
	}

}
