package cn.jiangmen.vethub.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.console.WaitingWork.FileEntry;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Waiting work ({@code /waiting}, and {@code GET /api/waiting} for scripts): facts
 * waiting for their person by source and age, refused files in each source's
 * {@code error/}, and files waiting in each inbox; and the banner's alerts as JSON
 * ({@code GET /api/alerts}). Counts and file names only (names masked for a VIEWER): no
 * ID number or name of a person.
 */
@Controller
class WaitingWorkController {

	private final WaitingWork waiting;

	private final SourceRegistry registry;

	private final ConsoleAlerts alerts;

	WaitingWorkController(WaitingWork waiting, SourceRegistry registry, ConsoleAlerts alerts) {
		this.waiting = waiting;
		this.registry = registry;
		this.alerts = alerts;
	}

	@GetMapping("/waiting")
	String page(Model model, Authentication user) {
		boolean admin = ConsoleModelAdvice.isAdmin(user);
		model.addAttribute("facts", this.waiting.facts());
		model.addAttribute("folders", folders(admin));
		return "waiting";
	}

	@GetMapping("/api/waiting")
	@ResponseBody
	Map<String, Object> api(Authentication user) {
		boolean admin = ConsoleModelAdvice.isAdmin(user);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("facts", this.waiting.facts());
		List<Map<String, Object>> sources = new ArrayList<>();
		for (SourceFolders f : folders(admin)) {
			Map<String, Object> s = new LinkedHashMap<>();
			s.put("source", f.source().id());
			s.put("refusedFiles", f.refused().stream().map(FileEntry::shown).toList());
			s.put("inboxFiles", f.inbox().stream().map(FileEntry::shown).toList());
			sources.add(s);
		}
		answer.put("sources", sources);
		return answer;
	}

	@GetMapping("/api/alerts")
	@ResponseBody
	Map<String, Object> alerts() {
		return Map.of("alerts", this.alerts.current());
	}

	private List<SourceFolders> folders(boolean admin) {
		List<SourceFolders> folders = new ArrayList<>();
		for (SourceDefinition source : this.registry.all()) {
			List<FileEntry> refused = this.waiting.refusedFiles(source.id(), admin);
			List<FileEntry> inbox = this.waiting.inboxFiles(source, admin);
			if (InboxDropper.takesFiles(source) || !refused.isEmpty() || !inbox.isEmpty()) {
				folders.add(new SourceFolders(source, refused, inbox, InboxDropper.takesFiles(source)));
			}
		}
		return folders;
	}

	/**
	 * A source's refused and waiting files.
	 *
	 * @param takesFiles whether it has a files page ({@code /inbox/{id}})
	 */
	public record SourceFolders(SourceDefinition source, List<FileEntry> refused, List<FileEntry> inbox,
			boolean takesFiles) {
	}

}
