package cn.jiangmen.vethub.county;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.ingest.Header;
import cn.jiangmen.vethub.ingest.HeaderLocator;
import cn.jiangmen.vethub.ingest.HeaderSynonyms;
import cn.jiangmen.vethub.ingest.SourceRow;
import cn.jiangmen.vethub.normalize.RawCell;
import cn.jiangmen.vethub.normalize.Town;
import cn.jiangmen.vethub.normalize.TownResolver;
import cn.jiangmen.vethub.normalize.ValueSynonyms;
import cn.jiangmen.vethub.ops.RejectReason;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountyRowsTest {

	private static final String ID = IdCards.valid("440784", LocalDate.of(1985, 3, 12), 1, true);

	private final CountyRows rows = new CountyRows("440784",
			new TownResolver(List.of(Town.of("沙坪街道", "440784"), Town.of("共和镇", "440784"), Town.of("白沙街道", "440703"))),
			ValueSynonyms.personCategories(), ValueSynonyms.politicalStatuses(), CountyRows.assistanceCategories());

	private final HeaderLocator locator = new HeaderLocator(new HeaderSynonyms(CountyField.synonyms(Map.of())),
			CountyField.ID_CARD.key());

	private final Header roster = header("姓名", "身份证号码", "出生年月", "入伍时间", "镇街", "人员类别", "政治面貌");

	private final Header payments = header("姓名", "证件号码", "救助类别", "救助金额（元）", "发放日期");

	@Test
	void firstReasonInPrecedenceOrderWins() {
		// Empty name and a bad ID: missing_required comes first.
		assertThat(refusal(this.roster, "", "4407841985", "1990-02-30")).isEqualTo(RejectReason.MISSING_REQUIRED);
		// Numeric-looking ID and a non-calendar date: id_lost_precision first.
		assertThat(refusal(this.roster, "黄志强", "4.40785E+17", "1990-02-30")).isEqualTo(RejectReason.ID_LOST_PRECISION);
		assertThat(refusal(this.roster, "黄志强", IdCards.withWrongCheckDigit(ID), "1990-02-30"))
			.isEqualTo(RejectReason.BAD_CHECKSUM);
		assertThat(refusal(this.roster, "黄志强", ID, "1990-02-30")).isEqualTo(RejectReason.INVALID_DATE);
		assertThat(refusal(this.roster, "黄志强", ID, "1985-04")).isEqualTo(RejectReason.ID_BIRTHDATE_MISMATCH);
		assertThat(refusal(this.roster, "黄志强", ID, "1985年3月", "", "白沙", "复员干部")).isEqualTo(RejectReason.BAD_VALUE);
		assertThat(refusal(this.roster, "黄志强", ID, "1985年3月", "", "白沙", "退伍军人")).isEqualTo(RejectReason.UNKNOWN_TOWN);
	}

	@Test
	void rosterRowIsNormalizedFieldByField() {
		CountyRows.Outcome<CountyRows.Roster> outcome = this.rows.roster(this.roster,
				row("黄 志强", "\u3000" + ID.substring(0, 9) + "\u00A0" + ID.substring(9), "1985.03", "2003年12月1日", "沙坪",
						"退伍军人", "党员"));

		assertThat(outcome.isOk()).isTrue();
		CountyRows.Roster r = outcome.record();
		assertThat(r.id().number()).isEqualTo(ID);
		assertThat(r.name()).isEqualTo("黄志强");
		assertThat(r.enlistDate()).isEqualTo(LocalDate.of(2003, 12, 1));
		assertThat(r.town()).isEqualTo("沙坪街道");
		assertThat(r.countyCode()).isEqualTo("440784");
		assertThat(r.category()).isEqualTo("退役士兵");
		assertThat(r.politicalStatus()).isEqualTo("中共党员");
	}

	@Test
	void paymentAmountsAreExactAndRefusedWhenNotNumbers() {
		assertThat(this.rows.payment(this.payments, row("黄志强", ID, "生活困难", "0.12万元", "2026-11-10")).record().amount())
			.isEqualByComparingTo("1200.00");
		assertThat(this.rows.payment(this.payments, row("黄志强", ID, "生活困难救助", "待定", "2026-11-10")).refusal().reason())
			.isEqualTo(RejectReason.BAD_AMOUNT);
		assertThat(this.rows.payment(this.payments, row("黄志强", ID, "生活困难救助", "壹仟元", "2026-11-10")).refusal().reason())
			.isEqualTo(RejectReason.BAD_AMOUNT);
		assertThat(this.rows.payment(this.payments, row("黄志强", ID, "旅游补贴", "100", "2026-11-10")).refusal().reason())
			.isEqualTo(RejectReason.BAD_VALUE);
		assertThat(this.rows.payment(this.payments, row("黄志强", ID, "生活困难救助", "100", "2026-11-31")).refusal().reason())
			.isEqualTo(RejectReason.INVALID_DATE);
	}

	@Test
	void refusalDetailsNeverHoldTheFullId() {
		CountyRows.Refusal refusal = this.rows.roster(this.roster, row("黄志强", IdCards.withWrongCheckDigit(ID), ""))
			.refusal();
		assertThat(refusal.detail()).doesNotContain(ID.substring(0, 17));
	}

	@Test
	void aSheetWithAnAmountColumnIsOfPaymentsAnyOtherARoster() {
		assertThat(CountyRows.SheetKind.of(this.payments)).isEqualTo(CountyRows.SheetKind.PAYMENTS);
		assertThat(CountyRows.SheetKind.of(this.roster)).isEqualTo(CountyRows.SheetKind.ROSTER);
	}

	private RejectReason refusal(Header header, String... values) {
		CountyRows.Outcome<CountyRows.Roster> outcome = this.rows.roster(header, row(values));
		assertThat(outcome.isOk()).as("refused").isFalse();
		return outcome.refusal().reason();
	}

	private Header header(String... texts) {
		return this.locator.asHeader(row(texts)).orElseThrow();
	}

	private static SourceRow row(String... texts) {
		List<RawCell> cells = new ArrayList<>();
		for (String t : texts) {
			cells.add(t.isEmpty() ? RawCell.blank() : RawCell.text(t));
		}
		return new SourceRow("花名册", 3, cells);
	}

}
