package cn.jiangmen.vethub.ingest;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import cn.jiangmen.vethub.normalize.AmountNormalizer;
import cn.jiangmen.vethub.normalize.Normalized;
import cn.jiangmen.vethub.testdata.RawXlsx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property of the whole read path: any amount in fen from 0.01 to 10,000,000.00, typed
 * into Excel (which keeps the nearest double) and written into the sheet XML the way
 * Excel writes it ({@code %.17g}) or the way other writers do ({@code Double.toString},
 * as POI), reads back through {@link XlsxTableReader} and {@link AmountNormalizer} as the
 * same fen; and so do the same digits in a UTF-8 or GBK CSV saved at full precision
 * ({@link CsvTableReader}). The seed is fixed and printed; {@code -Dexcelnum.seed=...}
 * replays another.
 */
class ExcelAmountRoundTripTest {

	private static final int AMOUNTS = 5_000;

	private static final long MAX_FEN = 1_000_000_000L;

	@TempDir
	Path dir;

	private final long seed = Long.getLong("excelnum.seed", 20261203L);

	private List<Long> randomFen() {
		System.out.println("ExcelAmountRoundTripTest seed " + this.seed);
		Random random = new Random(this.seed);
		List<Long> fen = new ArrayList<>(List.of(1L, 10L, 99L, 100L, 123457L, 456780L, MAX_FEN, MAX_FEN - 1));
		while (fen.size() < AMOUNTS) {
			// half of them small (most payments are under 10,000 yuan), half anywhere
			long bound = random.nextBoolean() ? 1_000_000L : MAX_FEN;
			fen.add(1 + (long) (random.nextDouble() * bound));
		}
		return fen;
	}

	private static double typedIntoExcel(long fen) {
		return Double.parseDouble(BigDecimal.valueOf(fen, 2).toPlainString());
	}

	@Test
	void everyFenAmountWrittenAsExcelWritesItReadsBackAsTheSameFen() throws Exception {
		List<Long> fen = randomFen();
		RawXlsx workbook = new RawXlsx().row("明细", "Excel 写法", "Double.toString");
		int noisy = 0;
		for (long f : fen) {
			double d = typedIntoExcel(f);
			String excel = RawXlsx.excelV(d);
			if (new BigDecimal(excel).stripTrailingZeros().precision() > 15) {
				noisy++;
			}
			workbook.row("明细", RawXlsx.number(excel), RawXlsx.number(Double.toString(d)));
		}
		Path file = workbook.writeTo(this.dir.resolve("明细.xlsx"));

		List<SourceRow> rows = XlsxTableReaderTest.read(file, new ArrayList<>());

		assertThat(noisy).as("amounts whose stored text has 16 or 17 digits").isGreaterThan(AMOUNTS / 2);
		assertThat(rows).hasSize(fen.size() + 1);
		for (int i = 0; i < fen.size(); i++) {
			BigDecimal expected = BigDecimal.valueOf(fen.get(i), 2);
			SourceRow row = rows.get(i + 1);
			for (int c = 0; c < 2; c++) {
				Normalized<BigDecimal> amount = AmountNormalizer.amount(row.cell(c));
				assertThat(amount.value())
					.as("row %d column %d (seed %d): %s", row.rowNumber(), c, this.seed, amount.detail())
					.isEqualTo(expected);
			}
		}
	}

	@Test
	void everyFenAmountInACsvSavedAtFullPrecisionReadsBackAsTheSameFen() throws Exception {
		List<Long> fen = randomFen();
		StringBuilder csv = new StringBuilder("金额,金额（最短写法）\r\n");
		for (long f : fen) {
			double d = typedIntoExcel(f);
			// the shortest digits written plain, as Python and pandas write them (a text
			// amount in E notation is refused on purpose)
			csv.append(RawXlsx.excelV(d))
				.append(',')
				.append(new BigDecimal(Double.toString(d)).toPlainString())
				.append("\r\n");
		}
		Charset gbk = Charset.forName("GBK");
		for (Charset charset : List.of(StandardCharsets.UTF_8, gbk)) {
			Path file = Files.write(this.dir.resolve("明细-" + charset.name() + ".csv"),
					csv.toString().getBytes(charset));
			List<SourceRow> rows = new ArrayList<>();
			new CsvTableReader(charset).read(file, rows::add);

			assertThat(rows).hasSize(fen.size() + 1);
			for (int i = 0; i < fen.size(); i++) {
				BigDecimal expected = BigDecimal.valueOf(fen.get(i), 2);
				for (int c = 0; c < 2; c++) {
					Normalized<BigDecimal> amount = AmountNormalizer.amount(rows.get(i + 1).cell(c));
					assertThat(amount.value())
						.as("%s row %d column %d (seed %d): %s", charset, i + 2, c, this.seed, amount.detail())
						.isEqualTo(expected);
				}
			}
		}
	}

}
