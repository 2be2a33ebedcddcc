package cn.jiangmen.vethub.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleModelAdviceTest {

	@Test
	void theLanguageSwitchKeepsTheQueryAsSentAndReplacesTheLanguage() {
		assertThat(ConsoleModelAdvice.switchTo("source=heshan&status=failed&from=2026-11-01&page=2", "en"))
			.isEqualTo("?source=heshan&status=failed&from=2026-11-01&page=2&lang=en");
		assertThat(ConsoleModelAdvice.switchTo("lang=en&source=%E9%B9%A4&language=x", "zh_CN"))
			.isEqualTo("?source=%E9%B9%A4&language=x&lang=zh_CN");
		assertThat(ConsoleModelAdvice.switchTo(null, "en")).isEqualTo("?lang=en");
		assertThat(ConsoleModelAdvice.switchTo("lang", "en")).isEqualTo("?lang=en");
	}

}
