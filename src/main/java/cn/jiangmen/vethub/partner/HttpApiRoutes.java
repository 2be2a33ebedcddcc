package cn.jiangmen.vethub.partner;

import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;

import org.springframework.stereotype.Component;

/**
 * The scheduled routes of the http-api sources, from the {@code http-api-sync} route
 * template of {@code routes/http-api-sync.camel.yaml} ({@link ScheduledPullRoutes}).
 */
@Component
class HttpApiRoutes extends ScheduledPullRoutes {

	static final String TEMPLATE = "http-api-sync";

	HttpApiRoutes(SourceRegistry sources) {
		super(TEMPLATE, sources, SourceKind.HTTP_API, (s) -> s.httpApi().schedule(), (s) -> s.httpApi().timeZone());
	}

}
