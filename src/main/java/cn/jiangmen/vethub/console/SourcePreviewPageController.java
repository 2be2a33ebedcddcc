package cn.jiangmen.vethub.console;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.SourcePreview;
import cn.jiangmen.vethub.ops.SourcePreviews;
import cn.jiangmen.vethub.source.SourceRegistry;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's dry run of a source (ADMIN, the form on the sources page): the same
 * preview as {@code POST /api/sources/{id}/preview}, shown as a page: counts by reason,
 * the first rejected rows and the first rows that would load, all masked. A request the
 * preview refuses (no file sent, a bad limit) is shown on the page with its message.
 */
@Controller
class SourcePreviewPageController {

	private final SourcePreviews previews;

	private final SourceRegistry registry;

	SourcePreviewPageController(SourcePreviews previews, SourceRegistry registry) {
		this.previews = previews;
		this.registry = registry;
	}

	@PostMapping("/sources/{id}/preview")
	String preview(@PathVariable String id, @RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = "" + SourcePreviews.DEFAULT_LIMIT) int limit, Model model) throws Exception {
		model.addAttribute("source", this.registry.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No source " + id)));
		model.addAttribute("labels", labels());
		try {
			SourcePreview answer = this.previews.preview(id, file, limit);
			model.addAttribute("answer", answer);
		}
		catch (ResponseStatusException ex) {
			if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
				throw ex;
			}
			model.addAttribute("refused", ex.getReason());
		}
		return "preview";
	}

	/**
	 * The Chinese labels of the reject reasons by code (the page shows the code beside).
	 */
	private static Map<String, String> labels() {
		Map<String, String> labels = new LinkedHashMap<>();
		for (RejectReason reason : RejectReason.values()) {
			labels.put(reason.code(), reason.labelZh());
		}
		return labels;
	}

}
