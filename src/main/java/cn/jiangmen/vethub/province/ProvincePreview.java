package cn.jiangmen.vethub.province;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.SourcePreview;
import cn.jiangmen.vethub.ops.SourcePreviewer;
import cn.jiangmen.vethub.province.ProvinceRecordMapper.VeteranResult;
import cn.jiangmen.vethub.province.ProvinceRecordMapper.Visit;
import cn.jiangmen.vethub.province.ProvinceRecordMapper.VisitResult;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.warehouse.PersonObservation;
import cn.jiangmen.vethub.warehouse.ReferenceData;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The dry run of the provincial API: the first {@code limit} records of each endpoint
 * (veterans, then visits) from its current mark, what the next run would read, fetched by
 * {@link ProvincePager} and mapped by {@link ProvinceRecordMapper} as a run does. A valid
 * veteran would load (and makes its visits in the same read loadable); a visit loads when
 * its person is known, else it is {@code unknown_person}; of versions of one visit the
 * newest counts, as in {@link ProvinceSync}. No mark moves, no run is written, no sync
 * lock is taken; a record deleted in the province ({@code scbz=1}) is read and neither
 * loaded nor refused.
 */
@Component
class ProvincePreview implements SourcePreviewer {

	private final ReferenceData references;

	private final SyncMarks marks;

	private final JsonMapper json;

	ProvincePreview(ReferenceData references, SyncMarks marks, JsonMapper json) {
		this.references = references;
		this.marks = marks;
		this.json = json;
	}

	@Override
	public boolean handles(SourceDefinition source) {
		return source.kind() == SourceKind.PROVINCE;
	}

	@Override
	public boolean takesFile(SourceDefinition source) {
		return false;
	}

	@Override
	public void preview(SourceDefinition source, java.nio.file.Path file, String fileName, int limit,
			SourcePreview.Collector collector) {
		ProvinceClient client = new ProvinceClient(source.province(), this.json);
		ProvinceRecordMapper mapper = new ProvinceRecordMapper(source.id(), this.references.towns(),
				this.references.counties(), ZoneId.of(source.province().timeZone()));
		for (Map<String, String> record : first(source, client, ProvinceSync.VETERANS, "id", limit)) {
			collector.read();
			veteran(collector, mapper.veteran(record));
		}
		Map<String, VisitResult> visits = new LinkedHashMap<>();
		for (Map<String, String> record : first(source, client, ProvinceSync.VISITS, "zfid", limit)) {
			collector.read();
			VisitResult result = mapper.visit(record);
			if (result.reject() != null) {
				collector.reject(result.reject());
			}
			else {
				visits.remove(result.visit().visitKey());
				visits.put(result.visit().visitKey(), result);
			}
		}
		visits.values().forEach((result) -> visit(collector, result));
		collector.notChecked("deleted in the province (scbz=1): read, neither loaded nor refused; limit per endpoint");
	}

	private static void veteran(SourcePreview.Collector collector, VeteranResult result) {
		if (result.deleted()) {
			return;
		}
		if (result.reject() != null) {
			collector.reject(result.reject());
			return;
		}
		PersonObservation o = result.observation();
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("endpoint", "veterans");
		record.put("id", o.recordRef());
		record.put("sfzhm", o.idCard());
		record.put("xm", o.name());
		record.put("lxdh", o.phone());
		record.put("category", o.category());
		record.put("town", o.town());
		record.put("county_code", o.countyCode());
		record.put("enlist_date", o.enlistDate());
		record.put("discharge_date", o.dischargeDate());
		collector.load(record);
		collector.creates(o.idCard());
	}

	private static void visit(SourcePreview.Collector collector, VisitResult result) {
		Visit v = result.visit();
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("endpoint", "visits");
		record.put("zfid", v.visitKey());
		record.put("sfzhm", v.idCard());
		record.put("visit_date", v.visitDate());
		record.put("visit_type", v.visitType());
		record.put("zfry", v.visitor());
		record.put("visiting_unit", v.visitingUnit());
		collector.fact(v.idCard(), record,
				() -> RejectedRow
					.ofRecord(v.visitKey(), null, "库中无此人员: " + PersonalDataMask.idCard(v.idCard()), result.raw())
					.waitingFor(v.idCard(), "dw.visit", null));
	}

	/** The first records of an endpoint from its mark, the pager stopped once enough. */
	private List<Map<String, String>> first(SourceDefinition source, ProvinceClient client, String endpoint,
			String idField, int limit) {
		SyncMark from = this.marks.load(source.id(), endpoint);
		ProvincePager pager = new ProvincePager(client, endpoint, idField,
				Math.min(limit, source.province().pageSize()));
		List<Map<String, String>> records = new ArrayList<>();
		try {
			pager.read(from, (batch, markAfter) -> {
				for (Map<String, String> r : batch) {
					records.add(r);
					if (records.size() >= limit) {
						throw new Enough();
					}
				}
			});
		}
		catch (Enough ex) {
			// the pager has no stop: leaving its handler ends the read
		}
		return records;
	}

	/** Ends a pager's read once the preview has its records. */
	private static final class Enough extends RuntimeException {

		Enough() {
			super(null, null, false, false);
		}

	}

}
