package cn.jiangmen.vethub.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import cn.jiangmen.vethub.ops.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackWriterTest {

	@TempDir
	Path dir;

	@Test
	void summaryThenOneLinePerRejectWithMaskedIdsAndNoFormulas() throws Exception {
		String name;
		try (FeedbackWriter.Session feedback = new FeedbackWriter().open(this.dir, "鹤山花名册_20261115.xlsx")) {
			feedback.reject("花名册", 7L, RejectReason.BAD_CHECKSUM, "身份证号码: 440784************",
					"44078419850312\u00A00012", "𠮷振华");
			feedback.reject("花名册", 9L, RejectReason.BAD_AMOUNT, "=HYPERLINK(\"http://x\")", null);
			feedback.reject("花名册", 10L, RejectReason.MISSING_REQUIRED, "姓名: ", "-40784198503120012");
			name = feedback.finish(12, 9, 3, null);
		}

		Path file = this.dir.resolve(name);
		assertThat(name).isEqualTo("鹤山花名册_20261115.xlsx.回执.csv");
		byte[] bytes = Files.readAllBytes(file);
		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
		assertThat(text.lines()).containsExactly("文件,鹤山花名册_20261115.xlsx", "读取行数,12,入库行数,9,退回行数,3",
				"工作表,行号,问题,问题内容,身份证号码（脱敏）,姓名（脱敏）", "花名册,7,身份证号码校验位错误,身份证号码: 440784************,440784************,𠮷**",
				"花名册,9,金额无效,\"'=HYPERLINK(\"\"http://x\"\")\",,", "花名册,10,必填项为空,姓名: ,'-40784************,");
		assertThat(text).doesNotContain("19850312");
		try (var files = Files.list(this.dir)) {
			assertThat(files).hasSize(1);
		}
	}

	@Test
	void aFeedbackThatCannotBePutInPlaceLeavesNothingInTheOutbox() throws Exception {
		// a folder stands where the answer goes (and holds a file): the final move fails
		Path inTheWay = Files.createDirectories(this.dir.resolve("鹤山花名册_20261116.xlsx.回执.csv"));
		Files.writeString(inTheWay.resolve("keep.txt"), "x");
		Path scratch = Files.createDirectories(this.dir.resolve("work"));
		try (FeedbackWriter.Session feedback = new FeedbackWriter().open(this.dir, "鹤山花名册_20261116.xlsx", scratch)) {
			feedback.reject("花名册", 7L, RejectReason.BAD_CHECKSUM, "身份证号码: 440784************", null);
			assertThatThrownBy(() -> feedback.finish(12, 11, 1, null)).isInstanceOf(java.io.IOException.class);
		}

		try (var files = Files.list(this.dir)) {
			assertThat(files.map((p) -> p.getFileName().toString())).as("no half-made answer beside the folder")
				.containsExactlyInAnyOrder("鹤山花名册_20261116.xlsx.回执.csv", "work");
		}
		try (var files = Files.list(scratch)) {
			assertThat(files).as("its part removed too").isEmpty();
		}
	}

	@Test
	void theAnswerIsAssembledInTheScratchFolderAndArrivesWholeAlsoFromAnotherFileSystem() throws Exception {
		// /dev/shm is a tmpfs on Linux, another file system than the temporary folder:
		// the rename into the outbox cannot be atomic there, the copy beside it is
		Path shm = Path.of("/dev/shm");
		Path elsewhere = Files.isDirectory(shm) && Files.isWritable(shm)
				? Files.createTempDirectory(shm, "vethub-scratch-") : Files.createDirectories(this.dir.resolve("work"));
		Path outbox = Files.createDirectories(this.dir.resolve("outbox"));
		try {
			for (Path scratch : List.of(Files.createDirectories(this.dir.resolve("work-same")), elsewhere)) {
				String sent = "开平花名册_" + scratch.getFileName() + ".csv";
				try (FeedbackWriter.Session feedback = new FeedbackWriter().open(outbox, sent, scratch)) {
					feedback.reject(null, 3L, RejectReason.INVALID_DATE, "入伍时间: 2026-13-01", null);
					assertThat(feedback.finish(4, 3, 1, null)).isEqualTo(sent + FeedbackWriter.SUFFIX);
				}
				assertThat(Files.readString(outbox.resolve(sent + FeedbackWriter.SUFFIX), StandardCharsets.UTF_8))
					.contains("读取行数,4,入库行数,3,退回行数,1", ",3,日期无效,入伍时间: 2026-13-01,,");
				try (var files = Files.list(scratch)) {
					assertThat(files).as("nothing left in the scratch folder").isEmpty();
				}
			}
			try (var files = Files.list(outbox)) {
				assertThat(files.map((p) -> p.getFileName().toString()))
					.as("the answers alone, nothing hidden beside them")
					.allSatisfy((name) -> assertThat(name).startsWith("开平花名册_").endsWith(FeedbackWriter.SUFFIX))
					.hasSize(2);
			}
		}
		finally {
			if (elsewhere.startsWith(shm)) {
				Files.deleteIfExists(elsewhere);
			}
		}
	}

	@Test
	void aNameThatCannotNameTheFeedbackFileGetsASafeOneAndIsShownInsideWithItsControlsWrittenOut() throws Exception {
		String sent = "鹤山花名册\u001b[2J".repeat(15) + ".xlsx";
		String name;
		try (FeedbackWriter.Session feedback = new FeedbackWriter().open(this.dir, sent)) {
			name = feedback.finish(1, 1, 0, null);
		}

		assertThat(name).isEqualTo(FeedbackWriter.feedbackName(sent)).endsWith(".xlsx.回执.csv").doesNotContain("\u001b");
		assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
		String text = Files.readString(this.dir.resolve(name), StandardCharsets.UTF_8);
		assertThat(text.lines().findFirst()).contains("\uFEFF文件," + "鹤山花名册\\x1B[2J".repeat(15) + ".xlsx");
	}

	@Test
	void rowsWaitingForTheirPersonAreCountedApartFromTheRefusedOnes() throws Exception {
		String name;
		try (FeedbackWriter.Session feedback = new FeedbackWriter().open(this.dir, "鹤山救助_202611.csv")) {
			feedback.reject(null, 3L, RejectReason.UNKNOWN_PERSON, "身份证号码: 440784************", null);
			feedback.reject(null, 4L, RejectReason.UNKNOWN_PERSON, "身份证号码: 440784************", null);
			feedback.reject(null, 5L, RejectReason.BAD_AMOUNT, "救助金额（元）: 壹仟元", null);
			name = feedback.finish(6, 3, 3, null);
		}

		String text = Files.readString(this.dir.resolve(name), StandardCharsets.UTF_8);
		assertThat(text.lines().skip(1).findFirst()).contains("读取行数,6,入库行数,3,退回行数,1,待人员信息到达后入库行数,2");
		assertThat(text).contains(",3,库中无此人员，待人员信息到达后自动入库,");
	}

}
