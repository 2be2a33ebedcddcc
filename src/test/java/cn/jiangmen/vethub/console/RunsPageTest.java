package cn.jiangmen.vethub.console;

import org.junit.jupiter.api.Test;

import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunsPageTest {

	@Test
	void aPagePastTheEndIsTheLastPage() {
		RunsPage page = RunsPage.of(99, 50, 50, 120);
		assertThat(page.page()).isEqualTo(2);
		assertThat(page.offset()).isEqualTo(100);
		assertThat(page.first()).isEqualTo(101);
		assertThat(page.last()).isEqualTo(120);
		assertThat(page.pageCount()).isEqualTo(3);
		assertThat(page.hasNext()).isFalse();
		assertThat(page.hasPrevious()).isTrue();
	}

	@Test
	void aHugePageOfAHugeSizeDoesNotOverflow() {
		RunsPage page = RunsPage.of(Integer.MAX_VALUE, Integer.MAX_VALUE, 50, 3_000_000_000L);
		assertThat(page.size()).isEqualTo(RunsPage.MAX_SIZE);
		assertThat(page.page()).isEqualTo(5_999_999);
		assertThat(page.offset()).isEqualTo(2_999_999_500L);
		assertThat(page.last()).isEqualTo(3_000_000_000L);
	}

	@Test
	void sizeZeroIsTheDefaultAndAnEmptyListIsOneEmptyPage() {
		RunsPage page = RunsPage.of(3, 0, 25, 0);
		assertThat(page.size()).isEqualTo(25);
		assertThat(page.page()).isZero();
		assertThat(page.pageCount()).isEqualTo(1);
		assertThat(page.first()).isZero();
		assertThat(page.last()).isZero();
		assertThat(page.hasNext()).isFalse();
	}

	@Test
	void aFullLastPageHasNoEmptyPageAfterIt() {
		RunsPage page = RunsPage.of(0, 10, 50, 20);
		assertThat(page.hasNext()).isTrue();
		assertThat(RunsPage.of(1, 10, 50, 20).hasNext()).isFalse();
	}

	@Test
	void negativeValuesAreTheCallersError() {
		assertThatThrownBy(() -> RunsPage.of(-1, 10, 50, 20)).isInstanceOf(ResponseStatusException.class)
			.hasMessageContaining("page must be 0 or more, not -1");
		assertThatThrownBy(() -> RunsPage.of(0, -5, 50, 20)).isInstanceOf(ResponseStatusException.class)
			.hasMessageContaining("size must be 0 or more, not -5");
	}

}
