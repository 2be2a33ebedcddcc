package cn.jiangmen.vethub.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources declared in {@code config/sources/*.yml}, read and validated once at start.
 * A broken file stops the start with the file, the field and the reason; it is never
 * skipped. A well-formed source that cannot run as configured (a province source whose
 * secret is not set) does not stop the start: it is marked misconfigured, with the
 * reason, and not run.
 */
public class SourceRegistry {

	private static final Logger log = LoggerFactory.getLogger(SourceRegistry.class);

	private final Map<String, SourceDefinition> sources;

	private final Map<String, String> misconfigured = new LinkedHashMap<>();

	public SourceRegistry(Path folder, SourceFileReader reader) {
		this.sources = Collections.unmodifiableMap(load(folder, reader, this.misconfigured));
		log.info("{} sources declared in {}: {}", this.sources.size(), folder, this.sources.keySet());
		this.misconfigured.forEach(
				(id, why) -> log.warn("Source {} is misconfigured and will not run until this is fixed: {}", id, why));
	}

	private static Map<String, SourceDefinition> load(Path folder, SourceFileReader reader,
			Map<String, String> misconfigured) {
		if (!Files.isDirectory(folder)) {
			throw new SourceConfigurationException(folder, null,
					"the sources folder does not exist (set hub.sources-dir or HUB_SOURCES_DIR)");
		}
		List<Path> files;
		try (Stream<Path> list = Files.list(folder)) {
			files = list.filter((p) -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, SourceDefinition> byId = new LinkedHashMap<>();
		Map<String, String> folders = new LinkedHashMap<>();
		for (Path file : files) {
			SourceFileReader.Declared declared = reader.declare(file);
			SourceDefinition source = declared.source();
			if (byId.containsKey(source.id())) {
				throw new SourceConfigurationException(file, "source.id", "'" + source.id() + "' is declared twice");
			}
			String inbox = source.inboxFolder();
			if (inbox != null && folders.containsKey(inbox)) {
				throw new SourceConfigurationException(file, "source.folder",
						"'" + inbox + "' is already the folder of source '" + folders.get(inbox) + "'");
			}
			if (inbox != null) {
				folders.put(inbox, source.id());
			}
			byId.put(source.id(), source);
			if (declared.misconfiguration() != null) {
				misconfigured.put(source.id(), declared.misconfiguration());
			}
		}
		return byId;
	}

	public List<SourceDefinition> all() {
		return new ArrayList<>(this.sources.values());
	}

	public List<SourceDefinition> ofKind(SourceKind kind) {
		return this.sources.values().stream().filter((s) -> s.kind() == kind).toList();
	}

	public Optional<SourceDefinition> find(String id) {
		return Optional.ofNullable(this.sources.get(id));
	}

	/**
	 * Why a declared source cannot run as configured (a province source without its
	 * secret), or empty. Such a source is listed, marked misconfigured, and not run.
	 */
	public Optional<String> misconfiguration(String id) {
		return Optional.ofNullable(this.misconfigured.get(id));
	}

	public SourceDefinition get(String id) {
		return find(id).orElseThrow(() -> new IllegalArgumentException("No source with id '" + id + "'"));
	}

}
