package cn.jiangmen.vethub.county;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The header texts a county sheet's columns are recognised by, built in and configured
 * ({@code hub.county.headers}), by field key: the mapping of a county source, shown on
 * its console page.
 */
@Component
public class CountyHeaderNames {

	private final Map<String, List<String>> synonyms;

	CountyHeaderNames(CountyProperties properties) {
		this.synonyms = CountyField.synonyms(properties.headers());
	}

	/**
	 * Field key ({@code id-card}, {@code town}, ...) to the header texts, in field order.
	 */
	public Map<String, List<String>> synonyms() {
		return this.synonyms;
	}

}
