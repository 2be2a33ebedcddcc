package cn.jiangmen.vethub.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run page's links carry only the parameters that are set: no empty {@code reason=}
 * or {@code unmask=}.
 */
class RunLinksTest {

	@Test
	void aMaskedPageOfAllReasonsLinksWithoutAnyEmptyParameter() {
		RunLinks links = new RunLinks(38, null, 0, false);
		assertThat(links.unmask()).isEqualTo("/runs/38?unmask=true");
		assertThat(links.mask()).isEqualTo("/runs/38");
		assertThat(links.page(1)).isEqualTo("/runs/38?page=1");
		assertThat(links.export()).isEqualTo("/runs/38/rejects.xlsx");
	}

	@Test
	void anUnmaskedPageOfOneReasonKeepsBothInItsPagesAndExport() {
		RunLinks links = new RunLinks(38, "invalid_date", 2, true);
		assertThat(links.page(3)).isEqualTo("/runs/38?reason=invalid_date&page=3&unmask=true");
		assertThat(links.page(0)).isEqualTo("/runs/38?reason=invalid_date&unmask=true");
		assertThat(links.mask()).isEqualTo("/runs/38?reason=invalid_date&page=2");
		assertThat(links.export()).isEqualTo("/runs/38/rejects.xlsx?reason=invalid_date&unmask=true");
	}

	@Test
	void aBlankReasonIsLeftOut() {
		assertThat(new RunLinks(7, " ", 0, true).export()).isEqualTo("/runs/7/rejects.xlsx?unmask=true");
	}

}
