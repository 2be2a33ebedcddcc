package cn.jiangmen.vethub.system;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bad input is the caller's error (400 with a message), never a server error: request
 * parameters with control characters are refused once here, before any page, API call or
 * login sees them. (Wrongly typed parameters are already 400 by Spring MVC; pages and API
 * calls check the ranges of their own values.)
 */
@Configuration(proxyBeanMethods = false)
class BadInputConfiguration {

	@Bean
	FilterRegistrationBean<RequestParameterFilter> requestParameterFilter() {
		FilterRegistrationBean<RequestParameterFilter> registration = new FilterRegistrationBean<>(
				new RequestParameterFilter());
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 20);
		return registration;
	}

}
