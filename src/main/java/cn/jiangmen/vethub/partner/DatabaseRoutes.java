package cn.jiangmen.vethub.partner;

import cn.jiangmen.vethub.source.SourceKind;
import cn.jiangmen.vethub.source.SourceRegistry;

import org.springframework.stereotype.Component;

/**
 * The scheduled routes of the database sources, from the {@code database-sync} route
 * template of {@code routes/database-sync.camel.yaml} ({@link ScheduledPullRoutes}).
 */
@Component
class DatabaseRoutes extends ScheduledPullRoutes {

	static final String TEMPLATE = "database-sync";

	DatabaseRoutes(SourceRegistry sources) {
		super(TEMPLATE, sources, SourceKind.DATABASE, (s) -> s.database().schedule(), (s) -> s.database().timeZone());
	}

}
