package cn.jiangmen.vethub.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import cn.jiangmen.vethub.ingest.SafeFileName;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import cn.jiangmen.vethub.warehouse.KnownPersons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dry run of a source, shared by the API ({@link SourcePreviewController}) and the
 * console's preview form: a file source takes an uploaded file, a pull source reads its
 * first {@code limit} records (at most {@value #MAX_LIMIT}). The answer
 * ({@link SourcePreview}) says what would be loaded and rejected; nothing is written to
 * the warehouse or the ledger, no mark moves, no file is moved and no feedback file is
 * written. The upload is copied to a temporary file in the work folder and deleted after
 * the read. A request that cannot be answered is a {@link ResponseStatusException} with a
 * message for the user (404, 409, 400).
 */
@Component
public class SourcePreviews {

	private static final Logger log = LoggerFactory.getLogger(SourcePreviews.class);

	/** The records a pull source's preview reads unless told otherwise. */
	public static final int DEFAULT_LIMIT = 100;

	/** The most records a pull source's preview reads. */
	public static final int MAX_LIMIT = 1000;

	private final SourceRegistry registry;

	private final List<SourcePreviewer> previewers;

	private final KnownPersons persons;

	private final PersonalColumns columns;

	private final HubFolders folders;

	SourcePreviews(SourceRegistry registry, List<SourcePreviewer> previewers, KnownPersons persons,
			PersonalColumns columns, HubFolders folders) {
		this.registry = registry;
		this.previewers = previewers;
		this.persons = persons;
		this.columns = columns;
		this.folders = folders;
	}

	/**
	 * How a source is previewed: {@code file} (an uploaded file), {@code pull} (its first
	 * records), or null for a source without a preview (the console's form asks this).
	 */
	public String mode(String id) {
		return this.registry.find(id)
			.flatMap((source) -> this.previewers.stream()
				.filter((p) -> p.handles(source))
				.findFirst()
				.map((p) -> p.takesFile(source) ? "file" : "pull"))
			.orElse(null);
	}

	/**
	 * The dry run of a source.
	 * @param file the file to check, for a file source (null or empty for a pull source)
	 * @param limit the most records read from a pull source
	 */
	public SourcePreview preview(String id, MultipartFile file, int limit) throws Exception {
		SourceDefinition source = this.registry.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No source " + id));
		SourcePreviewer previewer = this.previewers.stream()
			.filter((p) -> p.handles(source))
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT, "Source " + id + " has no preview"));
		String kind = source.kind().name().toLowerCase(Locale.ROOT);
		if (!previewer.takesFile(source)) {
			if (limit < 1 || limit > MAX_LIMIT) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
			}
			SourcePreview.Collector collector = new SourcePreview.Collector(id, kind, null, limit);
			previewer.preview(source, null, null, limit, collector);
			return collector.answer(this.persons::among, this.columns);
		}
		if (file == null || file.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Source " + id
					+ " takes its files from its inbox: send the file to check as the multipart part 'file'");
		}
		String name = (file.getOriginalFilename() != null)
				? Path.of(file.getOriginalFilename().replace('\\', '/')).getFileName().toString() : "upload";
		Path copy = Files.createTempFile(this.folders.workDir(), "preview-", ".upload");
		try {
			try (InputStream in = file.getInputStream()) {
				Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
			}
			SourcePreview.Collector collector = new SourcePreview.Collector(id, kind, name, null);
			previewer.preview(source, copy, name, MAX_LIMIT, collector);
			SourcePreview answer = collector.answer(this.persons::among, this.columns);
			log.info("Preview of {} for file {}: {} rows read, {} would load, {} would be rejected", id,
					SafeFileName.printable(name), answer.rowsRead(), answer.wouldLoad(), answer.wouldReject());
			return answer;
		}
		finally {
			deleteQuietly(copy);
		}
	}

	private static void deleteQuietly(Path copy) {
		try {
			Files.deleteIfExists(copy);
		}
		catch (IOException ex) {
			log.warn("The preview's temporary copy {} could not be deleted: {}", copy, ex.getClass().getSimpleName());
		}
	}

}
