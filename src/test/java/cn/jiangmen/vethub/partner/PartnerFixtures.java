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
 * Partner files as the three sample partners send them, made in code so that each quirk
 * is visible in the test: the eye hospital's monthly UTF-8 CSV, the HIS's GBK '|' text
 * with its TOTAL trailer, the insurer's XLSX lists with a title row and a 制表日期 note row.
 */
final class PartnerFixtures {

	/** A person as the partner files name them. */
	record Person(String id, String name) {

		/**
		 * The name as an old GBK system writes it when a character is not in GBK: 李𠮷祥
		 * becomes 李?祥.
		 */
		String garbled() {
			int second = this.name.offsetByCodePoints(0, 1);
			return this.name.substring(0, second) + "?" + this.name.substring(this.name.offsetByCodePoints(second, 1));
		}

	}

	/**
	 * The four people of every fixture: three known to the warehouse, the last one not
	 * (yet).
	 */
	record People(Person li, Person chen, Person huang, Person liang) {

	}

	/** 李𠮷祥 (his name has a character outside GBK and arrives garbled from the HIS). */
	static final String LI = IdCards.valid("440703", LocalDate.of(1941, 3, 15), 21, true);

	static final String CHEN = IdCards.valid("440781", LocalDate.of(1944, 8, 2), 35, true);

	static final String HUANG = IdCards.valid("440705", LocalDate.of(1939, 12, 30), 48, false);

	/** Born in Hunan, not (yet) known to the warehouse. */
	static final String LIANG = IdCards.valid("430102", LocalDate.of(1945, 5, 9), 17, true);

	static final People TEST = new People(new Person(LI, "李𠮷祥"), new Person(CHEN, "陈志强"), new Person(HUANG, "黄秀英"),
			new Person(LIANG, "梁振邦"));

	private PartnerFixtures() {
	}

	/** The HIS export of November: 7 data lines, the trailer counting them. */
	static String hisNovember() {
		return hisNovember(TEST);
	}

	static String hisNovember(People p) {
		return hisLines(p) + "TOTAL|7\r\n";
	}

	static String hisLines() {
		return hisLines(TEST);
	}

	static String hisLines(People p) {
		return """
				流水号|就诊日期|姓名|身份证号|科室|服务项目|总费用|减免金额\r
				ZY2026110001|20261101|%1$s|%2$s|眼科|白内障术后复查|320.00|96.00\r
				ZY2026110002|20261102|%3$s|%4$s|内科|门诊诊查|45.50|45.50\r
				ZY2026110003|20260931|%5$s|%6$s|骨科|X线摄片|120.00|0\r
				ZY2026110004|20261103|%5$s|%7$s|骨科|X线摄片|120.00|0\r
				ZY2026110005|20261104|%8$s|%9$s|心内科|心电图|35.00|35.00\r
				ZY2026110006|20261104|%3$s|%4$s|检验科|血常规|12O.00|0\r
				ZY2026110002|20261102|%3$s|%4$s|内科|门诊诊查|50.00|50.00\r
				""".formatted(p.li().garbled(), p.li().id(), p.chen().name(), p.chen().id(), p.huang().name(),
				p.huang().id(), IdCards.withWrongCheckDigit(p.huang().id()), p.liang().name(), p.liang().id());
	}

	/**
	 * The eye hospital's monthly list: a title line, the header, rows, a totals row and a
	 * note row.
	 */
	static String eyeNovember() {
		return eyeNovember(TEST);
	}

	static String eyeNovember(People p) {
		return """
				示例眼科医院 退役军人免费眼科检查 2026年11月
				就诊日期,姓名,身份证号,检查项目,费用合计,优惠金额
				2026-11-03,%1$s,%2$s,视力检查,30.00,30.00
				2026/11/05,%3$s, %4$s ,眼底照相,"1,200.00",200
				2026-11-05,%3$s,%5$s,眼压测量,20,20
				,%6$s,%7$s,视力检查,30,30
				2026-11-20,%8$s,%9$s,视力检查,30,30
				合计,,,,"1,310.00",310.00
				制表日期：2026-12-01
				""".formatted(p.li().name(), p.li().id(), p.chen().name(), p.chen().id(), scientific(p.chen().id()),
				p.huang().name(), p.huang().id(), p.liang().name(), p.liang().id());
	}

	/** An ID number as Excel shows it once it became a number: 4.40781E+17. */
	static String scientific(String id) {
		return id.charAt(0) + "." + id.substring(1, 6) + "E+17";
	}

	/** Policies and claims in one workbook, beside an instructions sheet. */
	static void insurerWorkbook(Path file) {
		insurerWorkbook(file, TEST);
	}

	static void insurerWorkbook(Path file, People p) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			CellStyle date = wb.createCellStyle();
			date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
			Sheet notes = wb.createSheet("说明");
			notes.createRow(0).createCell(0).setCellValue("本清单为江门市80周岁以上退役军人意外伤害保险承保及理赔明细。");

			Sheet policies = wb.createSheet("承保清单");
			title(policies, "2026年度江门市80周岁以上退役军人意外伤害保险承保清单", 10);
			policies.createRow(1).createCell(0).setCellValue("制表日期：2026-01-05");
			header(policies, 2, "保单号", "被保险人", "证件类型", "证件号码", "性别", "年龄", "生效日期", "终止日期", "保费", "保额", "投保人");
			LocalDate start = LocalDate.of(2026, 1, 1);
			policy(policies, 3, date, "P4407202600001", p.li().name(), p.li().id(), start, "150", 100000);
			policy(policies, 4, date, "P4407202600002", p.chen().name(), p.chen().id(), start, "150", 100000);
			Row lost = policy(policies, 5, date, "P4407202600003", p.huang().name(), null, start, "150", 100000);
			lost.createCell(3).setCellValue(Double.parseDouble(p.huang().id().substring(0, 15) + "000"));
			Row badDate = policy(policies, 6, date, "P4407202600004", p.liang().name(), p.liang().id(), null, "150",
					100000);
			badDate.createCell(6).setCellValue("2026-02-30");
			policies.createRow(7).createCell(0).setCellValue("合计");
			policies.getRow(7).createCell(8).setCellValue(600);

			Sheet claims = wb.createSheet("理赔清单");
			title(claims, "2026年度意外伤害保险理赔清单", 7);
			claims.createRow(1).createCell(0).setCellValue("制表日期：2026-06-30");
			header(claims, 2, "赔案号", "保单号", "被保险人", "证件号码", "出险日期", "结案日期", "出险原因", "赔付金额（元）");
			claim(claims, 3, date, "C2026000101", "P4407202600001", p.li().name(), p.li().id(), "跌倒致左腕骨折", "8600.00");
			claim(claims, 4, date, "C2026000102", "P4407202600002", p.chen().name(), p.chen().id(), "交通事故", "待定");
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
