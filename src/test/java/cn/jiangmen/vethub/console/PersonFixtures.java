package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import cn.jiangmen.vethub.ops.RunLedger;
import cn.jiangmen.vethub.ops.RunStatus;
import cn.jiangmen.vethub.ops.RunTrigger;
import cn.jiangmen.vethub.testdata.IdCards;
import cn.jiangmen.vethub.testdata.ViewerLeaks;
import cn.jiangmen.vethub.warehouse.PersonMerger;
import cn.jiangmen.vethub.warehouse.PersonObservation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

/**
 * 黄志明, seen by the provincial system and two counties that disagree, with a fact from a
 * partner: the provincial sync's record of 10 November (name 黄志明, category 退役士兵, enlisted
 * 1978-03-05, phone 13800001111, 沙坪街道), Heshan's roster of 15 November (name misspelt
 * 黄智明, 伤残军人, discharged 1983-01-01, a newer phone 13900002222, 共和镇 来苏村) and Kaiping's of
 * 20 November (he moved: 长沙街道 幕沙村, discharged 1983-02-01, no phone), then an eye check of
 * the eye hospital. The rosters and the partner file go through the real inboxes and
 * pipelines; the provincial record through the merge, as the sync hands it over. His ID
 * number ends in X.
 */
final class PersonFixtures {

	static final String ID = IdCards.validEndingInX("440784", LocalDate.of(1958, 3, 12), 291, true);

	static final String NAME = "黄志明";

	static final String COUNTY_NAME = "黄智明";

	static final String PROVINCE_PHONE = "13800001111";

	static final String HESHAN_PHONE = "13900002222";

	static final ViewerLeaks.Sample SAMPLE = new ViewerLeaks.Sample(List.of(ID), List.of(NAME, COUNTY_NAME),
			List.of(PROVINCE_PHONE, HESHAN_PHONE), LocalDate.of(1958, 3, 12));

	private PersonFixtures() {
	}

	/** Loads everything; returns the run ids: province, heshan, kaiping, eye hospital. */
	static long[] load(Path dataDir, JdbcTemplate jdbc, RunLedger ledger, PersonMerger merger,
			PlatformTransactionManager transactions) {
		long province = ledger.start("province", RunTrigger.SCHEDULE, null, null);
		new TransactionTemplate(transactions).executeWithoutResult((tx) -> {
			try (PersonMerger.Batch batch = merger.begin(province)) {
				batch.add(new PersonObservation(ID, "province", PersonObservation.Kind.PROVINCE,
						OffsetDateTime.of(2026, 11, 10, 9, 30, 0, 0, ZoneOffset.ofHours(8)), "V-20261110-0042", NAME,
						"退役士兵", "中共党员", LocalDate.of(1978, 3, 5), null, PROVINCE_PHONE, "沙坪街道", "440784", null));
				batch.apply();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		ledger.finish(province, RunStatus.SUCCEEDED, 1, 1, 0, null, null);
		long heshan = drop(dataDir, jdbc, "inbox/county/heshan", "鹤山市退役军人花名册_20261115.csv",
				"姓名,身份证号码,联系电话,镇街,村（社区）,入伍时间,退伍时间,人员类别\r\n" + COUNTY_NAME + "," + ID.toLowerCase() + "," + HESHAN_PHONE
						+ ",共和镇,来苏村,1978-03-01,1983-01-01,伤残军人\r\n");
		long kaiping = drop(dataDir, jdbc, "inbox/county/kaiping", "开平市花名册_20261120.csv",
				"姓名,身份证号码,联系电话,镇街,村（社区）,退伍时间\r\n" + NAME + "," + ID + ",,长沙街道,幕沙村,1983-02-01\r\n");
		long eye = drop(dataDir, jdbc, "inbox/partners/eye-hospital", "眼科检查_202611.csv",
				"就诊日期,姓名,身份证号,检查项目,费用合计,优惠金额\r\n2026-11-23," + NAME + "," + ID + ",视力检查,30.00,30.00\r\n");
		return new long[] { province, heshan, kaiping, eye };
	}

	/** Drops a UTF-8 file into an inbox and waits until its run has ended. */
	static long drop(Path dataDir, JdbcTemplate jdbc, String inbox, String name, String content) {
		try {
			Path staged = Files.createDirectories(dataDir.resolve("staging")).resolve(name);
			Files.writeString(staged, content, StandardCharsets.UTF_8);
			Path folder = Files.createDirectories(dataDir.resolve(inbox));
			Files.move(staged, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> jdbc.queryForList(
					"SELECT id FROM ops.ingest_run WHERE file_name = ? AND status = 'succeeded' ORDER BY id DESC",
					Long.class, name), (ids) -> !ids.isEmpty())
			.get(0);
	}

}
