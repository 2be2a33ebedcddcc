package cn.jiangmen.vethub.county;

import cn.jiangmen.vethub.ingest.DataRows;
import cn.jiangmen.vethub.ingest.HeaderLocator;
import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.ingest.TableReader;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.partner.SheetKinds;

/**
 * Sends each sheet of a county file where its header says it belongs: a sheet whose
 * header is of a configured kind ({@code hub.county.sheets}: job fairs, placements,
 * training ...) to the partner mapping of that kind, any other sheet to the roster,
 * payment rows ({@link DataRows}). The configured kinds are tried first on each of the
 * first rows, so that a placement sheet, which has an ID column too, is not read as a
 * roster.
 */
final class KindedSheets implements TableReader.RowHandler {

	/** Receives the data rows of a sheet of a configured kind. */
	@FunctionalInterface
	interface Handler {

		void row(SheetKinds.Table table, SourceRow row) throws Exception;

	}

	private final SheetKinds kinds;

	private final String fileName;

	private final DataRows dataRows;

	private final Handler handler;

	private final int searchRows;

	private final TownResolver towns;

	private final String countyCode;

	private SheetKinds.Table table;

	/** Whether the roster reader has found this sheet's header. */
	private int rosterSheetsBefore;

	private int kindSheets;

	/**
	 * @param towns the towns of the city, for the town fields of the kinds
	 * @param countyCode the county of the source, whose towns those fields must name
	 */
	KindedSheets(SheetKinds kinds, String fileName, TownResolver towns, String countyCode, DataRows dataRows,
			Handler handler) {
		this.kinds = kinds;
		this.towns = towns;
		this.countyCode = countyCode;
		this.fileName = fileName;
		this.dataRows = dataRows;
		this.handler = handler;
		this.searchRows = HeaderLocator.DEFAULT_SEARCH_ROWS;
	}

	/** How many sheets had a header of any kind: none means the file holds no table. */
	int sheetsWithHeader() {
		return this.dataRows.sheetsWithHeader() + this.kindSheets;
	}

	@Override
	public void sheetStart(String sheet) throws Exception {
		this.table = null;
		this.rosterSheetsBefore = this.dataRows.sheetsWithHeader();
		this.dataRows.sheetStart(sheet);
	}

	@Override
	public void row(SourceRow row) throws Exception {
		if (this.table != null) {
			if (!this.table.isIgnorable(row)) {
				this.handler.row(this.table, row);
			}
			return;
		}
		boolean rosterFound = this.dataRows.sheetsWithHeader() > this.rosterSheetsBefore;
		if (!rosterFound && row.rowNumber() <= this.searchRows) {
			var found = this.kinds.asHeader(row, this.fileName, this.towns, this.countyCode);
			if (found.isPresent()) {
				this.table = found.get();
				this.kindSheets++;
				return;
			}
		}
		this.dataRows.row(row);
	}

	@Override
	public void sheetEnd(String sheet) throws Exception {
		if (this.table == null) {
			this.dataRows.sheetEnd(sheet);
		}
	}

}
