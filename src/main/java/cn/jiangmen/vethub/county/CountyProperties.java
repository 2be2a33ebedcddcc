package cn.jiangmen.vethub.county;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Min;

import cn.jiangmen.vethub.partner.SheetKind;
import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the county file pipeline ({@code hub.county.*}). The synonym tables extend
 * the built-in ones, so IT staff only list what a county writes differently. Polling is
 * set for every inbox alike by {@code hub.inbox.*} ({@code InboxProperties}).
 *
 * @param headers extra header texts by field key (id-card, name, gender, birth-date,
 * birth-month, enlist-date, discharge-date, phone, town, village, political-status,
 * category, assistance-category, amount, paid-date, handler)
 * @param personCategories extra written forms of 人员类别, canonical value to forms
 * @param politicalStatuses extra written forms of 政治面貌, canonical value to forms
 * @param assistanceCategories extra written forms of 救助类别, canonical value to forms
 * @param progressEvery rows between two progress updates of a run
 * @param sheets further kinds of county sheet (honour plaques, job fairs, placements,
 * training ...), each recognised by its header and loaded through the partner mapping
 * into its fact table (see docs/sources.md "County sheets of the lines of work")
 */
@Validated
@ConfigurationProperties(prefix = "hub.county")
public record CountyProperties(@DefaultValue Map<String, List<String>> headers,
		@DefaultValue Map<String, List<String>> personCategories,
		@DefaultValue Map<String, List<String>> politicalStatuses,
		@DefaultValue Map<String, List<String>> assistanceCategories,
		@DefaultValue("10000") @Min(100) int progressEvery, @DefaultValue List<@Valid SheetKind> sheets) {

	public CountyProperties {
		for (String key : headers.keySet()) {
			if (CountyField.ofKey(key).isEmpty()) {
				throw new IllegalArgumentException("hub.county.headers: unknown field '" + key + "' (known: "
						+ java.util.Arrays.stream(CountyField.values()).map(CountyField::key).toList() + ")");
			}
		}
	}

}
