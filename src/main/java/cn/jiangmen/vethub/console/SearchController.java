package cn.jiangmen.vethub.console;

import java.util.List;

import cn.jiangmen.vethub.console.PersonSearch.Result;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's search (by ID number, name, file name or run number) and person page (the
 * warehouse row, field by field with the source and run that set it and the rule that
 * made it win, every observation, every linked fact). The query is sent by POST, so that
 * an ID number never stands in a URL (browser history, access logs); persons are linked
 * by their opaque key. What each role may search and see: {@link PersonSearch}.
 */
@Controller
class SearchController {

	/** The fields of an observation, as the person page lists them. */
	static final List<String> OBSERVED_FIELDS = List.of("name", "enlist_date", "discharge_date", "category",
			"political_status", "phone", "town", "county_code", "village");

	private final PersonSearch search;

	SearchController(PersonSearch search) {
		this.search = search;
	}

	@GetMapping("/search")
	String form() {
		return "search";
	}

	@PostMapping("/search")
	String search(@RequestParam(defaultValue = "") String q, Authentication user, Model model) {
		Result result = this.search.search(q, user.getName(), ConsoleModelAdvice.isAdmin(user));
		model.addAttribute("result", result);
		return "search";
	}

	@GetMapping("/persons/{key}")
	String person(@PathVariable String key, Authentication user, Model model) {
		model.addAttribute("person", this.search.person(key, user.getName(), ConsoleModelAdvice.isAdmin(user))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such person")));
		model.addAttribute("observedFields", OBSERVED_FIELDS);
		return "person";
	}

}
