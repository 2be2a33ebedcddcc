package cn.jiangmen.vethub.system;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * What an error answer (the JSON of the API, the console's error page) says: for a client
 * error (4xx) the message, which says what was wrong with the request ("page must be 0 or
 * more", "the parameter 'source' holds a control character"); for a server error only the
 * status, as an exception's message may name internals. The log has the rest.
 */
@Component
class HubErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request,
				options.including(ErrorAttributeOptions.Include.MESSAGE));
		Object status = attributes.get("status");
		if (!(status instanceof Integer code) || code >= 500) {
			attributes.remove("message");
		}
		return attributes;
	}

}
