package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletResponse;

import cn.jiangmen.vethub.ingest.InboxDrops;
import cn.jiangmen.vethub.ingest.InboxDrops.Drop;
import cn.jiangmen.vethub.ops.OpsQueries;
import cn.jiangmen.vethub.ops.OpsQueries.RunView;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.source.SourceDefinition;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * A county or partner source's files (the 文件 page, {@code /inbox/{id}}): those waiting in
 * its inbox, the refused ones in {@code error/} and those archived in the last
 * {@value #ARCHIVE_DAYS} days; for ADMIN a form to send a file through the browser and a
 * button to take a refused or archived file again ({@link InboxDropper}, CSRF-protected
 * forms like every console form). Either answers with the drop's page
 * ({@code /drops/{id}}), which shows the run the file became once the source's route has
 * taken it, and refreshes itself until then. A request that cannot be done (a name the
 * inbox never takes, a file of that name already waiting, no such file) is answered with
 * this page, its status (4xx) and the reason.
 */
@Controller
class InboxPageController {

	static final int ARCHIVE_DAYS = 31;

	static final int ARCHIVE_MAX = 200;

	private final InboxDropper dropper;

	private final InboxDrops drops;

	private final WaitingWork waiting;

	private final OpsQueries ops;

	private final ConsoleProperties properties;

	InboxPageController(InboxDropper dropper, InboxDrops drops, WaitingWork waiting, OpsQueries ops,
			ConsoleProperties properties) {
		this.dropper = dropper;
		this.drops = drops;
		this.waiting = waiting;
		this.ops = ops;
		this.properties = properties;
	}

	@GetMapping("/inbox/{id}")
	String inbox(@PathVariable String id, Model model, Authentication user) {
		return page(this.dropper.fileSource(id), model, ConsoleModelAdvice.isAdmin(user));
	}

	private String page(SourceDefinition source, Model model, boolean admin) {
		model.addAttribute("source", source);
		model.addAttribute("waitingFiles", this.waiting.inboxFiles(source, admin));
		model.addAttribute("refusedFiles", this.waiting.refusedFiles(source.id(), admin));
		model.addAttribute("archivedFiles", this.waiting.archivedFiles(source.id(),
				LocalDate.now(this.properties.timeZone()), ARCHIVE_DAYS, ARCHIVE_MAX, admin));
		model.addAttribute("archiveDays", ARCHIVE_DAYS);
		return "inbox";
	}

	@PostMapping("/inbox/{id}/upload")
	String upload(@PathVariable String id, @RequestParam(required = false) MultipartFile file, Model model,
			Authentication user, HttpServletResponse response) throws IOException {
		SourceDefinition source = this.dropper.fileSource(id);
		try {
			if (file == null) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "No file chosen: choose a file to send");
			}
			long drop;
			try (InputStream in = file.getInputStream()) {
				drop = this.dropper.upload(id, file.getOriginalFilename(), in, user.getName());
			}
			return "redirect:/drops/" + drop;
		}
		catch (ResponseStatusException ex) {
			return refused(source, ex, model, response);
		}
	}

	@PostMapping("/inbox/{id}/retake")
	String retake(@PathVariable String id, @RequestParam(required = false) String day,
			@RequestParam(required = false) String file, Model model, Authentication user, HttpServletResponse response)
			throws IOException {
		SourceDefinition source = this.dropper.fileSource(id);
		try {
			if (file == null || file.isBlank()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "file is missing: which file to take again");
			}
			return "redirect:/drops/" + this.dropper.retake(id, day, file, user.getName());
		}
		catch (ResponseStatusException ex) {
			return refused(source, ex, model, response);
		}
	}

	private String refused(SourceDefinition source, ResponseStatusException ex, Model model,
			HttpServletResponse response) {
		if (ex.getStatusCode().is5xxServerError()) {
			throw ex;
		}
		response.setStatus(ex.getStatusCode().value());
		model.addAttribute("refused", ex.getReason());
		return page(source, model, true);
	}

	@GetMapping("/drops/{id}")
	String drop(@PathVariable long id, Model model, Authentication user) {
		Drop drop = this.drops.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		boolean admin = ConsoleModelAdvice.isAdmin(user);
		RunView run = (drop.runId() != null) ? this.ops.run(drop.runId()).orElse(null) : null;
		model.addAttribute("drop", drop);
		model.addAttribute("fileName", admin ? drop.fileName() : PersonalDataMask.text(drop.fileName()));
		model.addAttribute("origin", admin ? drop.origin() : PersonalDataMask.text(drop.origin()));
		model.addAttribute("run", (run == null || admin) ? run : run.masked());
		model.addAttribute("waitingCounts", (run != null) ? this.waiting.ofRun(run.id()) : null);
		model.addAttribute("sourceName", this.dropper.sourceName(drop.sourceId()));
		return "drop";
	}

}
