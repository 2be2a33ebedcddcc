package cn.jiangmen.vethub.source;

import jakarta.validation.Validator;

import cn.jiangmen.vethub.system.HubProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SourceConfiguration {

	@Bean
	SourceRegistry sourceRegistry(HubProperties hub, Validator validator, Environment environment) {
		return new SourceRegistry(hub.sourcesDir(), new SourceFileReader(validator, environment));
	}

	@Bean
	SourcePropertiesSource sourcePropertiesSource(SourceRegistry registry) {
		return new SourcePropertiesSource(registry);
	}

}
