package cn.jiangmen.vethub.province;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Opens the demo provincial API ({@link DemoProvinceApi}) under the {@code demo} profile:
 * it has its own OAuth2 token check, as the real one does, and is called by the hub
 * itself, so neither the hub's login nor CSRF applies to it. Nothing else is opened;
 * without the profile this chain does not exist.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoProvinceSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain demoProvinceChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/demo/province/**")
			.authorizeHttpRequests((auth) -> auth.anyRequest().permitAll())
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
