package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import cn.jiangmen.vethub.testdata.IdCards;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Partner files as the three sample partners send them, made in code so that each quirk is visible in the
 * test: the eye hospital's monthly UTF-8 CSV, the HIS's GBK '|' text with its TOTAL trailer, the insurer's
 * XLSX lists with a title row and a 制表日期 note row.
 */
final class PartnerFixtures {

	/** 李?祥: his name arrives garbled from the GBK HIS (李𠮷祥 has a character outside GBK). */
	static final String LI = IdCards.valid("440703", LocalDate.of(1941, 3, 15), 21, true);

	/** 陈志强. */
	static final String CHEN = IdCards.valid("440781", LocalDate.of(1944, 8, 2), 35, true);

	/** 黄秀英. */
	static final String HUANG = IdCards.valid("440705", LocalDate.of(1939, 12, 30), 48, false);

	/** 梁振邦: born in Hunan, not (yet) known to the warehouse. */
	static final String LIANG = IdCards.valid("430102", LocalDate.of(1945, 5, 9), 17, true);

	private PartnerFixtures() {
	}

	/** The HIS export of November: 7 data lines, the trailer counting them. */
	static String hisNovember() {
		return hisLines() + "TOTAL|7\r\n";
	}

	static String hisLines() {
		return """
				流水号|就诊日期|姓名|身份证号|科室|服务项目|总费用|减免金额\r
				ZY2026110001|20261101|李?祥|%1$s|眼科|白内障术后复查|320.00|96.00\r
				ZY2026110002|20261102|陈志强|%2$s|内科|门诊诊查|45.50|45.50\r
				ZY2026110003|20260931|黄秀英|%3$s|骨科|X线摄片|120.00|0\r
				ZY2026110004|20261103|黄秀英|%4$s|骨科|X线摄片|120.00|0\r
				ZY2026110005|20261104|梁振邦|%5$s|心内科|心电图|35.00|35.00\r
				ZY2026110006|20261104|陈志强|%2$s|检验科|血常规|12O.00|0\r
				ZY2026110002|20261102|陈志强|%2$s|内科|门诊诊查|50.00|50.00\r
				""".formatted(LI, CHEN, HUANG, IdCards.withWrongCheckDigit(HUANG), LIANG);
	}

	/** The eye hospital's monthly list: a title line, the header, rows, a totals row and a note row. */
	static String eyeNovember() {
		return """
				江门眼科医院 退役军人免费眼科检查 2026年11月
				就诊日期,姓名,身份证号,检查项目,费用合计,优惠金额
				2026-11-03,李𠮷祥,%1$s,视力检查,30.00,30.00
				2026/11/05,陈志强, %2$s ,眼底照相,"1,200.00",200
				2026-11-05,陈志强,4.40781E+17,眼压测量,20,20
				,黄秀英,%3$s,视力检查,30,30
				2026-11-20,梁振邦,%4$s,视力检查,30,30
				合计,,,,"1,310.00",310.00
				制表日期：2026-12-01
				""".formatted(LI, CHEN, HUANG, LIANG);
	}

	/** Policies and claims in one workbook, beside an instructions sheet. */
	static void insurerWorkbook(Path file) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			CellStyle date = wb.createCellStyle();
			date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
			Sheet notes = wb.createSheet("说明");
			notes.createRow(0).createCell(0).setCellValue("本清单为江门市80周岁以上退役军人意外伤害保险承保及理赔明细。");

			Sheet policies = wb.createSheet("承保清单");
			title(policies, "2026年度江门市80周岁以上退役军人意外伤害保险承保清单", 10);
			policies.createRow(1).createCell(0).setCellValue("制表日期：2026-01-05");
			header(policies, 2, "保单号", "被保险人", "证件类型", "证件号码", "性别", "年龄", "生效日期", "终止日期", "保费", "保额", "投保人");
			policy(policies, 3, date, "P4407202600001", "李𠮷祥", LI, LocalDate.of(2026, 1, 1), "150", 100000);
			policy(policies, 4, date, "P4407202600002", "陈志强", CHEN, LocalDate.of(2026, 1, 1), "150", 100000);
			Row lost = policy(policies, 5, date, "P4407202600003", "黄秀英", null, LocalDate.of(2026, 1, 1), "150", 100000);
			lost.createCell(3).setCellValue(4.40705193912304E17);
			Row badDate = policy(policies, 6, date, "P4407202600004", "梁振邦", LIANG, null, "150", 100000);
			badDate.createCell(6).setCellValue("2026-02-30");
			policies.createRow(7).createCell(0).setCellValue("合计");
			policies.getRow(7).createCell(8).setCellValue(600);

			Sheet claims = wb.createSheet("理赔清单");
			title(claims, "2026年度意外伤害保险理赔清单", 7);
			claims.createRow(1).createCell(0).setCellValue("制表日期：2026-06-30");
			header(claims, 2, "赔案号", "保单号", "被保险人", "证件号码", "出险日期", "结案日期", "出险原因", "赔付金额（元）");
			claim(claims, 3, date, "C2026000101", "P4407202600001", "李𠮷祥", LI, "跌倒致左腕骨折", "8600.00");
			claim(claims, 4, date, "C2026000102", "P4407202600002", "陈志强", CHEN, "交通事故", "待定");
			wb.write(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void title(Sheet sheet, String text, int lastColumn) {
		sheet.createRow(0).createCell(0).setCellValue(text);
		sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, lastColumn));
	}

	private static void header(Sheet sheet, int row, String... names) {
		Row r = sheet.createRow(row);
		for (int c = 0; c < names.length; c++) {
			r.createCell(c).setCellValue(names[c]);
		}
	}

	private static Row policy(Sheet sheet, int row, CellStyle date, String no, String name, String id, LocalDate start,
			String premium, double sumInsured) {
		Row r = sheet.createRow(row);
		r.createCell(0).setCellValue(no);
		r.createCell(1).setCellValue(name);
		r.createCell(2).setCellValue("居民身份证");
		if (id != null) {
			r.createCell(3).setCellValue(id);
		}
		r.createCell(4).setCellValue("男");
		r.createCell(5).setCellValue(84);
		if (start != null) {
			dated(r.createCell(6), date, start);
			dated(r.createCell(7), date, start.plusYears(1).minusDays(1));
		}
		else {
			dated(r.createCell(7), date, LocalDate.of(2026, 12, 31));
		}
		r.createCell(8).setCellValue(premium);
		r.createCell(9).setCellValue(sumInsured);
		r.createCell(10).setCellValue("江门市退役军人事务局");
		return r;
	}

	private static void claim(Sheet sheet, int row, CellStyle date, String no, String policyNo, String name, String id,
			String cause, String paid) {
		Row r = sheet.createRow(row);
		r.createCell(0).setCellValue(no);
		r.createCell(1).setCellValue(policyNo);
		r.createCell(2).setCellValue(name);
		r.createCell(3).setCellValue(id);
		dated(r.createCell(4), date, LocalDate.of(2026, 3, 8));
		r.createCell(5).setCellValue("2026年4月2日");
		r.createCell(6).setCellValue(cause);
		r.createCell(7).setCellValue(paid);
	}

	private static void dated(Cell cell, CellStyle style, LocalDate value) {
		cell.setCellValue(value);
		cell.setCellStyle(style);
	}

}
