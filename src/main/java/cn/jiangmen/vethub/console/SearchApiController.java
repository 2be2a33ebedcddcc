package cn.jiangmen.vethub.console;

import cn.jiangmen.vethub.console.PersonSearch.PersonPage;
import cn.jiangmen.vethub.console.PersonSearch.Result;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The search for scripts: {@code POST /api/search} with the form field {@code q} (by
 * POST, so the ID number is not in the URL), and {@code GET /api/persons/{key}} with the
 * opaque key a search answered. The same roles and masking as the console
 * ({@link PersonSearch}); a VIEWER over the limit of look-ups by ID is answered 429.
 */
@RestController
class SearchApiController {

	private final PersonSearch search;

	SearchApiController(PersonSearch search) {
		this.search = search;
	}

	@PostMapping("/api/search")
	ResponseEntity<Result> search(@RequestParam(defaultValue = "") String q, Authentication user) {
		Result result = this.search.search(q, user.getName(), ConsoleModelAdvice.isAdmin(user));
		boolean throttled = result.notices().stream().anyMatch((n) -> "throttled".equals(n.code()));
		return ResponseEntity.status(throttled ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.OK).body(result);
	}

	@GetMapping("/api/persons/{key}")
	PersonPage person(@PathVariable String key, Authentication user) {
		return this.search.person(key, user.getName(), ConsoleModelAdvice.isAdmin(user))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such person"));
	}

}
