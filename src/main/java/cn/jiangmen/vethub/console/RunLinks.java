package cn.jiangmen.vethub.console;

import java.util.Optional;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The links of a run page (its pages, mask and unmask, the rejects export), each with
 * only the parameters that are set: a link never carries an empty {@code reason=} or
 * {@code unmask=}, as a Thymeleaf link with a null parameter does. Pure: no Spring
 * context.
 *
 * @param runId the run
 * @param reason the reason the page shows, null for all
 * @param page the page shown (0 is the first)
 * @param unmasked whether the page shows full values (an ADMIN who asked)
 */
record RunLinks(long runId, String reason, int page, boolean unmasked) {

	/** This page with full values. */
	public String unmask() {
		return link("/runs/{id}", this.page, true);
	}

	/** This page masked. */
	public String mask() {
		return link("/runs/{id}", this.page, false);
	}

	/** Another page of the same rows, masked or not as this one. */
	public String page(int other) {
		return link("/runs/{id}", other, this.unmasked);
	}

	/** The rejects export of the rows this page shows, masked or not as this one. */
	public String export() {
		return link("/runs/{id}/rejects.xlsx", 0, this.unmasked);
	}

	private String link(String path, int page, boolean unmask) {
		return UriComponentsBuilder.fromPath(path)
			.queryParamIfPresent("reason", Optional.ofNullable(this.reason).filter((r) -> !r.isBlank()))
			.queryParamIfPresent("page", Optional.of(page).filter((p) -> p > 0))
			.queryParamIfPresent("unmask", Optional.of(unmask).filter((u) -> u))
			.buildAndExpand(this.runId)
			.encode()
			.toUriString();
	}

}
