package cn.jiangmen.vethub.county;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import cn.jiangmen.vethub.testdata.IdCards;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Writes the synthetic sample files of the README demo into
 * {@code samples/county/heshan/}: a 鹤山 roster workbook with two bad rows and a GBK CSV
 * payment sheet with a bad amount and a payment for a person not in the roster. Every
 * name and ID number is made up (IDs with correct check digits). Run {@code main} to
 * regenerate them; {@link CountySampleFilesIT} proves they load as the README says.
 */
final class CountySampleFiles {

	static final String ROSTER = "鹤山市退役军人花名册_20261115.xlsx";

	static final String PAYMENTS = "解三难救助发放明细_20261120.csv";

	static final String PLAQUES = "鹤山市光荣牌悬挂登记表_20261125.xlsx";

	static final String HE = IdCards.valid("440784", LocalDate.of(1962, 5, 8), 11, true);

	static final String LIANG = IdCards.valid("440784", LocalDate.of(1975, 9, 21), 23, false);

	static final String FENG = IdCards.valid("440784", LocalDate.of(1980, 12, 2), 35, true);

	static final String XIE = IdCards.valid("445321", LocalDate.of(1958, 3, 17), 47, true);

	static final String TAN = IdCards.valid("440784", LocalDate.of(1983, 7, 30), 59, true);

	static final String OU = IdCards.valid("440784", LocalDate.of(1990, 2, 3), 61, false);

	static final String NOT_IN_ROSTER = IdCards.valid("440784", LocalDate.of(1955, 10, 1), 73, true);

	private CountySampleFiles() {
	}

	public static void main(String[] args) throws IOException {
		Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "samples/county/heshan"));
		roster(dir.resolve(ROSTER));
		payments(dir.resolve(PAYMENTS));
		plaques(dir.resolve(PLAQUES));
	}

	static Path roster(Path file) throws IOException {
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet notes = wb.sheet("说明");
			wb.row(notes, 0, "填表说明：本表为演示用虚构数据。身份证号码请以文本格式填写，出生日期可填日期或“1990年5月1日”。");
			Sheet s = wb.sheet("花名册");
			wb.row(s, 0, "鹤山市退役军人花名册（截至2026年11月15日）");
			s.addMergedRegion(new CellRangeAddress(0, 0, 0, 10));
			wb.row(s, 1, "序号", "姓名", "公民身份号码", "出生日期", "入伍时间", "退伍时间", "联系电话", "所属镇街", "村（社区）", "政治面貌", "人员类别");
			wb.row(s, 2, 1, "何建国", HE, LocalDate.of(1962, 5, 8), "1980年11月1日", LocalDate.of(1984, 12, 1),
					"138-0750-1101", "沙坪", "中东西村", "党员", "退伍军人");
			wb.row(s, 3, 2, "梁秀兰", LIANG, "1975/9/21", null, null, "139 0750 2202", null, "沙坪村", "群众", "烈属");
			wb.row(s, 4, 3, "冯志明", FENG, LocalDate.of(1980, 12, 2), "1998.12.01", "2003.12.01", 13707503303L, null,
					"越塘村", "党员", "转业干部");
			s.addMergedRegion(new CellRangeAddress(2, 4, 7, 7));
			wb.row(s, 5, 4, "谢·阿卜杜", XIE, LocalDate.of(1958, 3, 17), "1976-12-01", "1981-10-01", "13607504404", "共和",
					"平岭村", "群众", "复员军人");
			wb.row(s, 6, 5, "谭伟", IdCards.withWrongCheckDigit(TAN), null, null, null, "13507505505", "龙口", null, "团员",
					"退伍军人");
			wb.row(s, 7, 6, "区丽华", OU, "1990-02-30", null, null, null, "雅瑶", null, "群众", "其他");
			wb.row(s, 8, "合计：6人");
			wb.row(s, 9, "制表人：鹤山市退役军人事务局　　审核人：（演示）");
			return wb.writeTo(file);
		}
	}

	static Path payments(Path file) {
		return CountyFiles.csv(file, CountyFiles.gbk(), false,
				List.of("序号,姓名,身份证号码,救助类别,救助金额（元）,发放日期,经办人", "1,何建国," + HE + ",生活困难救助,\"1,200.00元\",2026-11-10,陈敏",
						"2,梁秀兰," + LIANG + ",医疗困难救助,0.12万元,2026年11月12日,陈敏",
						"3,冯志明," + FENG + ",住房困难救助,待定,2026-11-12,陈敏",
						"4,罗德华," + NOT_IN_ROSTER + ",慰问金,500,2026/11/15,陈敏", "合计,,,,\"1,900.00\",,"));
	}

	/**
	 * 光荣牌悬挂登记表 of the roster's persons: two hung (a Chinese date, an Excel date serial),
	 * one not yet, one with an impossible date, one of a person not on the roster
	 * (waits).
	 */
	static Path plaques(Path file) throws IOException {
		try (CountyFiles.Workbook wb = new CountyFiles.Workbook()) {
			Sheet s = wb.sheet("光荣牌");
			wb.row(s, 0, "鹤山市光荣牌悬挂登记表（演示用虚构数据）");
			s.addMergedRegion(new CellRangeAddress(0, 0, 0, 8));
			wb.row(s, 1, "序号", "姓名", "身份证号码", "所属镇街", "村（社区）", "悬挂日期", "光荣牌编号", "悬挂情况", "备注");
			wb.row(s, 2, 1, "何建国", HE, "沙坪", "中东西村", "2026年3月5日", "HS-2026-001", "已悬挂", null);
			wb.row(s, 3, 2, "梁秀兰", LIANG, "沙坪", "沙坪村", CountyFileIngestIT.serial(LocalDate.of(2025, 8, 1)),
					"HS-2025-017", "已悬挂", "烈属户");
			wb.row(s, 4, 3, "冯志明", FENG, "沙坪", "越塘村", null, "HS-2026-002", "未悬挂", "家中装修，待悬挂");
			wb.row(s, 5, 4, "谢·阿卜杜", XIE, "共和", "平岭村", "2026年2月30日", "HS-2026-003", "已悬挂", null);
			wb.row(s, 6, 5, "罗德华", NOT_IN_ROSTER, "沙坪", null, LocalDate.of(2026, 3, 8), "HS-2026-004", "已悬挂", null);
			wb.row(s, 7, "合计", null, null, null, null, null, "5块", "4户已悬挂", null);
			return wb.writeTo(file);
		}
	}

}
