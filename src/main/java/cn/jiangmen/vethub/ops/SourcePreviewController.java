package cn.jiangmen.vethub.ops;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The dry run of a source, {@code POST /api/sources/{id}/preview} (ADMIN): a file source
 * takes the file as the multipart part {@code file}, a pull source reads its first
 * {@code limit} records (default 100, at most 1000). See {@link SourcePreviews}: nothing
 * is written.
 */
@RestController
@RequestMapping("/api/sources/{id}")
class SourcePreviewController {

	private final SourcePreviews previews;

	SourcePreviewController(SourcePreviews previews) {
		this.previews = previews;
	}

	@PostMapping("/preview")
	SourcePreview preview(@PathVariable String id, @RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = "" + SourcePreviews.DEFAULT_LIMIT) int limit) throws Exception {
		return this.previews.preview(id, file, limit);
	}

}
