package cn.jiangmen.vethub.partner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.jiangmen.vethub.ingest.UnreadableFileException;
import cn.jiangmen.vethub.ops.SourcePreview;
import cn.jiangmen.vethub.ops.SourcePreviewer;
import cn.jiangmen.vethub.partner.PartnerFileParser.ParsedFile;
import cn.jiangmen.vethub.warehouse.ReferenceData;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;

import org.springframework.stereotype.Component;

/**
 * The dry run of a partner: an uploaded file is parsed by {@link PartnerFileParser} (the
 * parse of a real run: format, header, trailer, mapping, duplicates), a database source's
 * first records are read and mapped by {@link DatabaseSourceSync#preview}, an http-api
 * source's by {@link HttpApiSync#preview}; valid facts load when their person is in the
 * warehouse, else they are {@code unknown_person}, as {@link PartnerFactLoader} decides.
 */
@Component
class PartnerPreview implements SourcePreviewer {

	private final DatabaseSourceSync databases;

	private final HttpApiSync apis;

	private final ReferenceData references;

	PartnerPreview(DatabaseSourceSync databases, HttpApiSync apis, ReferenceData references) {
		this.references = references;
		this.databases = databases;
		this.apis = apis;
	}

	@Override
	public boolean handles(SourceDefinition source) {
		return source.kind() == SourceKind.PARTNER || source.kind() == SourceKind.DATABASE
				|| source.kind() == SourceKind.HTTP_API;
	}

	@Override
	public boolean takesFile(SourceDefinition source) {
		return source.kind() == SourceKind.PARTNER;
	}

	@Override
	public void preview(SourceDefinition source, Path file, String fileName, int limit,
			SourcePreview.Collector collector) throws Exception {
		if (source.kind() == SourceKind.DATABASE) {
			this.databases.preview(source, limit, collector);
			return;
		}
		if (source.kind() == SourceKind.HTTP_API) {
			this.apis.preview(source, limit, collector);
			return;
		}
		ParsedFile parsed;
		try {
			parsed = new PartnerFileParser(source.partner(), this.references.towns()).parse(file, fileName);
		}
		catch (UnreadableFileException ex) {
			collector.unreadable(ex.getMessage());
			return;
		}
		collector.read(parsed.rowsRead());
		parsed.rejects().stream().sorted(parsed.fileOrder()).forEach(collector::reject);
		parsed.facts().forEach((fact) -> fact(collector, fact));
	}

	/**
	 * A valid fact: it loads when its person is known (or it is about no person), else it
	 * waits.
	 */
	static void fact(SourcePreview.Collector collector, PartnerFact fact) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("table", fact.target().table());
		if (fact.origin().sheet() != null) {
			record.put("sheet", fact.origin().sheet());
		}
		record.put("row", fact.origin().rowNumber());
		record.putAll(fact.columns());
		if (fact.idCard() == null) {
			// a fact about no person loads as it is
			collector.load(record);
			return;
		}
		collector.fact(fact.idCard(), record,
				() -> fact.origin().keyed(fact.key()).waitingFor(fact.idCard(), fact.target().table(), null));
	}

}
