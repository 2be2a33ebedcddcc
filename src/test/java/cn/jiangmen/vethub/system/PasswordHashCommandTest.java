package cn.jiangmen.vethub.system;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHashCommandTest {

	@Test
	void makesABcryptHashTheHubAcceptsInItsConfiguration() {
		String hash = PasswordHashCommand.hash("江门-veterans-2026".toCharArray());
		assertThat(new BCryptPasswordEncoder().matches("江门-veterans-2026", hash)).isTrue();
		assertThat(hash).startsWith("$2a$10$").doesNotContain("veterans");
		try (var factory = Validation.buildDefaultValidatorFactory()) {
			Validator validator = factory.getValidator();
			assertThat(validator
				.validate(new HubSecurityProperties.User("it-admin", hash, HubSecurityProperties.Role.ADMIN)))
				.isEmpty();
			assertThat(validator.validate(
					new HubSecurityProperties.User("it-admin", "plain-password", HubSecurityProperties.Role.ADMIN)))
				.singleElement()
				.satisfies((v) -> assertThat(v.getMessage()).contains("never a plain password"));
		}
	}

}
