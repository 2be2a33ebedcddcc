package cn.jiangmen.vethub.normalize;

/**
 * How a spreadsheet cell was stored. The distinction matters: an ID number stored as a
 * number has lost digits, and a number may be an Excel date serial.
 */
public enum CellKind {

	TEXT, NUMBER, DATE, BOOLEAN, BLANK

}
