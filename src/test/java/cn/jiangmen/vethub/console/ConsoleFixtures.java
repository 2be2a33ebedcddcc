package cn.jiangmen.vethub.console;

import cn.jiangmen.vethub.testdata.IdCards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.ops.RejectedRow;
import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.system.HubFolders;

/**
 * A finished county run as the county pipeline will leave it: rows read, loaded and
 * rejected in the ledger, the rejected rows with their raw values, and a feedback file in
 * the source's outbox. Made through the ledger itself, so the console reads what a real
 * run writes.
 */
final class ConsoleFixtures {

	static final String ROSTER = "鹤山市退役军人花名册_20261115.xlsx";

	static final String FEEDBACK = "鹤山市退役军人花名册_20261115_反馈.xlsx";

	/**
	 * The ID of 黄志强, refused for a wrong check digit (the valid one, with its last digit
	 * changed).
	 */
	static final String BAD_ID;

	static final String GOOD_ID_OF_DUPLICATE = IdCards.valid("440784", LocalDate.of(1962, 8, 1), 15, true);

	static {
		String valid = IdCards.valid("440784", LocalDate.of(1958, 3, 14), 31, true);
		char last = valid.charAt(17);
		BAD_ID = valid.substring(0, 17) + ((last == '1') ? '2' : '1');
	}

	private ConsoleFixtures() {
	}

	/**
	 * Heshan's roster of 15 November: 120 rows read, 117 loaded, 3 rejected, feedback
	 * written.
	 */
	static long finishedHeshanRun(RunLedger ledger, HubFolders folders) throws IOException {
		long run = ledger.start("heshan", RunTrigger.FILE, ROSTER, "a".repeat(64));
		ledger.rejectNow(run, "heshan",
				List.of(RejectedRow.ofRow(ROSTER, "花名册", 14, RejectReason.BAD_CHECKSUM, "身份证号码 校验位错误",
						row("黄志强", BAD_ID, "13826091234", "沙坪街道")),
						RejectedRow.ofRow(ROSTER, "花名册", 37, RejectReason.DUPLICATE_IN_FILE, "与第 52 行重复",
								row("李秀英", GOOD_ID_OF_DUPLICATE, "13902281234", "共和镇")),
						RejectedRow.ofRow(ROSTER, "花名册", 88, RejectReason.MISSING_REQUIRED, "姓名为空",
								row("", IdCards.valid("440784", LocalDate.of(1971, 1, 20), 3, true), "",
										"<script>alert('x')</script>"))));
		Files.write(HubFolders.inside(folders.outboxDir("heshan"), FEEDBACK), feedbackBytes());
		ledger.finish(run, RunStatus.SUCCEEDED, 120, 117, 3, null, FEEDBACK);
		return run;
	}

	static byte[] feedbackBytes() {
		return "feedback of the heshan roster run (stands in for the XLSX the county pipeline writes)"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private static Map<String, String> row(String name, String id, String phone, String town) {
		Map<String, String> row = new LinkedHashMap<>();
		row.put("姓名", name);
		row.put("身份证号码", id);
		row.put("联系电话", phone);
		row.put("镇（街）", town);
		return row;
	}

	static Path outboxFile(HubFolders folders) {
		return folders.outboxDir("heshan").resolve(FEEDBACK);
	}

}
