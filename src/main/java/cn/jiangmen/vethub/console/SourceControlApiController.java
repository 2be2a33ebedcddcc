package cn.jiangmen.vethub.console;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pause and resume for scripts: {@code POST /api/sources/{id}/pause} and {@code /resume}
 * (ADMIN, HTTP Basic). 200 with the outcome, 404 for an unknown source, 409 when the
 * source has no route to pause.
 */
@RestController
@RequestMapping("/api/sources/{id}")
class SourceControlApiController {

	private final SourceControl control;

	SourceControlApiController(SourceControl control) {
		this.control = control;
	}

	@PostMapping("/pause")
	ResponseEntity<Result> pause(@PathVariable String id, Authentication user) {
		return respond(id, this.control.pause(id, user.getName()));
	}

	@PostMapping("/resume")
	ResponseEntity<Result> resume(@PathVariable String id, Authentication user) {
		return respond(id, this.control.resume(id, user.getName()));
	}

	private static ResponseEntity<Result> respond(String id, SourceControl.Outcome outcome) {
		return ResponseEntity.status(outcome.status()).body(new Result(id, outcome.key()));
	}

	/**
	 * @param outcome paused, resumed, already-paused, already-running, no-source,
	 * no-route or failed
	 */
	record Result(String source, String outcome) {
	}

}
