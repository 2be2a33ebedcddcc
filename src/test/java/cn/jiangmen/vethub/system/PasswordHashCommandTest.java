package cn.jiangmen.vethub.system;

import java.time.Duration;
import java.util.List;

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
		assertThat(new HubSecurityProperties(List.of(), Duration.ofMinutes(30),
				new HubSecurityProperties.Lockout(5, 20, Duration.ofMinutes(10), Duration.ofMinutes(15)))
			.sessionTimeout()).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void htpasswdHashesWork() {
		// made with: htpasswd -bnBC 10 "" 'Jiangmen-2026!' | tr -d ':\n'
		String htpasswd = "$2y$10$nGocyn0xc7MQXO4M5ZNNRO93jShE3F8TFIVMX.lo5TfxD1pF.HaJy";
		assertThat(new BCryptPasswordEncoder().matches("Jiangmen-2026!", htpasswd)).isTrue();
		assertThat(new BCryptPasswordEncoder().matches("Jiangmen-2025!", htpasswd)).isFalse();
	}

}
