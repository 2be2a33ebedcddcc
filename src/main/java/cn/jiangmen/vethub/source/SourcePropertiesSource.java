package cn.jiangmen.vethub.source;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * Lets routes read the declared sources as Camel property placeholders, so that a route's
 * schedule is the one IT staff set in {@code config/sources/<id>.yml}:
 * {@code {{source.<id>.enabled}}} and, for the province and database sources,
 * {@code {{source.<id>.schedule}}} and {@code {{source.<id>.time-zone}}}. Registered
 * before the routes are loaded; unknown keys resolve to nothing (a placeholder default
 * then applies).
 */
class SourcePropertiesSource implements PropertiesSource, CamelContextConfiguration {

	private static final String PREFIX = "source.";

	private final SourceRegistry registry;

	SourcePropertiesSource(SourceRegistry registry) {
		this.registry = registry;
	}

	@Override
	public String getName() {
		return "vethub-sources";
	}

	@Override
	public String getProperty(String name) {
		if (!name.startsWith(PREFIX)) {
			return null;
		}
		String rest = name.substring(PREFIX.length());
		int dot = rest.indexOf('.');
		if (dot < 0) {
			return null;
		}
		SourceDefinition source = this.registry.find(rest.substring(0, dot)).orElse(null);
		if (source == null) {
			return null;
		}
		ProvinceSettings province = source.province();
		DatabaseSettings database = source.database();
		return switch (rest.substring(dot + 1)) {
			case "enabled" -> String.valueOf(source.enabled());
			case "schedule" ->
				(province != null) ? province.schedule() : (database != null) ? database.schedule() : null;
			case "time-zone" ->
				(province != null) ? province.timeZone() : (database != null) ? database.timeZone() : null;
			default -> null;
		};
	}

	@Override
	public void beforeApplicationStart(CamelContext camelContext) {
		camelContext.getPropertiesComponent().addPropertiesSource(this);
	}

	@Override
	public void afterApplicationStart(CamelContext camelContext) {
	}

}
