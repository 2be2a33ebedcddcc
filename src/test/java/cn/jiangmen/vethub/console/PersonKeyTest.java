package cn.jiangmen.vethub.console;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import cn.jiangmen.vethub.testdata.IdCards;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonKeyTest {

	private static final String ID = IdCards.valid("440784", LocalDate.of(1958, 3, 12), 291, true);

	private final PersonKey keys = new PersonKey("secret of this installation".getBytes(StandardCharsets.UTF_8));

	@Test
	void aKeyGivesItsIdBackAndShowsNothingOfIt() {
		String key = this.keys.of(ID);
		assertThat(key).hasSize(22).matches("[A-Za-z0-9_-]+").doesNotContain("440784");
		assertThat(this.keys.of(ID)).as("the same person, the same key").isEqualTo(key);
		assertThat(this.keys.idCard(key)).contains(ID);
		String x = IdCards.validEndingInX("440703", LocalDate.of(1941, 3, 15), 21, true);
		assertThat(this.keys.idCard(this.keys.of(x))).contains(x);
	}

	@Test
	void anotherInstallationsKeyAnAlteredKeyAndGarbageAreRefused() {
		String key = this.keys.of(ID);
		PersonKey other = new PersonKey("another installation".getBytes(StandardCharsets.UTF_8));
		assertThat(other.idCard(key)).isEmpty();
		char c = key.charAt(3);
		String altered = key.substring(0, 3) + ((c == 'A') ? 'B' : 'A') + key.substring(4);
		assertThat(this.keys.idCard(altered)).isEmpty();
		assertThat(this.keys.idCard("persons")).isEmpty();
		assertThat(this.keys.idCard(ID)).isEmpty();
		assertThat(this.keys.idCard("%%%%%%%%%%%%%%%%%%%%%%")).isEmpty();
		assertThat(this.keys.idCard(null)).isEmpty();
	}

}
