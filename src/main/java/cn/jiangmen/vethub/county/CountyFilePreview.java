package cn.jiangmen.vethub.county;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.jiangmen.vethub.county.CountyRows.Payment;
import cn.jiangmen.vethub.county.CountyRows.Refusal;
import cn.jiangmen.vethub.county.CountyRows.Roster;
import cn.jiangmen.vethub.ingest.DataRows;
import cn.jiangmen.vethub.ingest.FileFormatSniffer;
import cn.jiangmen.vethub.ingest.Header;
import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.ingest.TableReader;
import cn.jiangmen.vethub.ingest.UnreadableFileException;
import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.SourcePreview;
import cn.jiangmen.vethub.ops.SourcePreviewer;
import cn.jiangmen.vethub.partner.SheetKinds;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceKind;

import org.springframework.stereotype.Component;

/**
 * The dry run of a county sheet: the file is read and each row mapped by
 * {@link CountyFileProcessor#map} exactly as a load maps it; roster rows would load (and
 * create their persons), payment rows load when their person is in the warehouse or on
 * the same file's roster, else they are {@code unknown_person}; the rows of the
 * configured sheet kinds ({@code hub.county.sheets}: honour plaques, the lines of work)
 * as a partner preview shows them. Duplicates within the file are found by the real load
 * in SQL, which the preview does not run.
 */
@Component
class CountyFilePreview implements SourcePreviewer {

	private final CountyFileProcessor processor;

	CountyFilePreview(CountyFileProcessor processor) {
		this.processor = processor;
	}

	@Override
	public boolean handles(SourceDefinition source) {
		return source.kind() == SourceKind.COUNTY && source.countyCode() != null;
	}

	@Override
	public boolean takesFile(SourceDefinition source) {
		return true;
	}

	@Override
	public void preview(SourceDefinition source, Path file, String fileName, int limit,
			SourcePreview.Collector collector) throws Exception {
		collector.notChecked("duplicate_in_file (found by the load itself)");
		CountyRows rows = this.processor.countyRows(source);
		CountyFileProcessor.MappedRows mapped = new CountyFileProcessor.MappedRows() {

			@Override
			public void roster(Header header, SourceRow row, Roster r) {
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("sheet", row.sheet());
				record.put("row", row.rowNumber());
				record.put("id_card", r.id().number());
				record.put("name", r.name());
				record.put("category", r.category());
				record.put("political_status", r.politicalStatus());
				record.put("enlist_date", r.enlistDate());
				record.put("discharge_date", r.dischargeDate());
				record.put("phone", r.phone());
				record.put("town", r.town());
				record.put("village", r.village());
				collector.creates(r.id().number());
				collector.load(record);
			}

			@Override
			public void payment(Header header, SourceRow row, Payment p) {
				Map<String, Object> record = new LinkedHashMap<>();
				record.put("sheet", row.sheet());
				record.put("row", row.rowNumber());
				record.put("id_card", p.id().number());
				record.put("category", p.category());
				record.put("amount", p.amount().toPlainString());
				record.put("paid_date", p.paidDate());
				record.put("handler", p.handler());
				Map<String, String> raw = header.rawValues(row);
				collector.fact(p.id().number(), record,
						() -> RejectedRow.ofRow(fileName, row.sheet(), row.rowNumber(), RejectReason.UNKNOWN_PERSON,
								"身份证号码 " + PersonalDataMask.idCard(p.id().number()) + " 不在人员库中；人员信息到达后自动入库", raw));
			}

			@Override
			public void refused(Header header, SourceRow row, Refusal refusal) {
				collector.reject(RejectedRow.ofRow(fileName, row.sheet(), row.rowNumber(), refusal.reason(),
						refusal.detail(), header.rawValues(row)));
			}

		};
		try {
			TableReader reader = TableReader.of(new FileFormatSniffer().sniff(file));
			DataRows dataRows = this.processor.dataRows((header, row) -> {
				collector.read();
				CountyFileProcessor.map(rows, header, row, mapped);
			});
			this.processor.readAll(reader, file, new KindedSheets(this.processor.sheetKinds(), fileName,
					this.processor.towns(), source.countyCode(), dataRows, (table, row) -> {
						collector.read();
						SheetKinds.Mapped m = table.map(row);
						if (m.refused() != null) {
							collector.reject(m.refused());
						}
						else {
							SheetKinds.preview(collector, m.fact());
						}
					}));
		}
		catch (UnreadableFileException ex) {
			collector.unreadable(ex.getMessage());
		}
	}

}
