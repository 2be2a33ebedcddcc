package cn.jiangmen.vethub.console;

import java.time.LocalDate;

import cn.jiangmen.vethub.console.SearchQuery.Kind;
import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchQueryTest {

	private static final String ID = IdCards.valid("440784", LocalDate.of(1958, 3, 12), 291, true);

	@Test
	void aFullIdNumberIsSearchedNormalized() {
		assertThat(SearchQuery.parse(" " + ID + " ")).extracting(SearchQuery::kind, SearchQuery::text)
			.containsExactly(Kind.ID_CARD, ID);
		assertThat(SearchQuery.parse(ID.substring(0, 4) + " " + ID.substring(4)).text()).isEqualTo(ID);
		// full-width digits, as a Chinese input method types them
		assertThat(SearchQuery.parse(cn.jiangmen.vethub.testdata.ViewerLeaks.fullWidth(ID)).text()).isEqualTo(ID);
	}

	@Test
	void aLowerCaseXIsTheCheckDigitX() {
		String x = IdCards.validEndingInX("440703", LocalDate.of(1941, 3, 15), 21, true);
		assertThat(x).endsWith("X");
		assertThat(SearchQuery.parse(x.toLowerCase()).text()).isEqualTo(x);
	}

	@Test
	void anOld15DigitNumberBecomesItsEighteenCharacterForm() {
		String old15 = ID.substring(0, 6) + ID.substring(8, 17);
		assertThat(SearchQuery.parse(old15)).extracting(SearchQuery::kind, SearchQuery::text)
			.containsExactly(Kind.ID_CARD, ID);
	}

	@Test
	void aWrongCheckDigitIsSaidMasked() {
		SearchQuery q = SearchQuery.parse(IdCards.withWrongCheckDigit(ID));
		assertThat(q.kind()).isEqualTo(Kind.BAD_ID);
		assertThat(q.problem()).contains("校验位").doesNotContain(ID.substring(6, 17));
		assertThat(q.text()).isEqualTo("440784************");
	}

	@Test
	void shortNumbersAreRunsAndTheRestText() {
		assertThat(SearchQuery.parse("#123")).extracting(SearchQuery::kind, SearchQuery::text)
			.containsExactly(Kind.RUN, "123");
		assertThat(SearchQuery.parse("花名册_20261115").kind()).isEqualTo(Kind.TEXT);
		assertThat(SearchQuery.parse("黄志明").kind()).isEqualTo(Kind.TEXT);
		assertThat(SearchQuery.parse("  ").kind()).isEqualTo(Kind.EMPTY);
	}

	@Test
	void anIdIsShownMaskedAndTextScanned() {
		assertThat(SearchQuery.parse(ID).shown()).isEqualTo("440784************");
		assertThat(SearchQuery.parse("回执 " + ID.substring(0, 9) + " " + ID.substring(9)).shown())
			.doesNotContain(ID.substring(6, 14));
	}

}
