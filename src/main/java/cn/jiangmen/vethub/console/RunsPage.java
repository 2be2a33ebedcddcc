package cn.jiangmen.vethub.console;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which page of the runs list to show: pages are numbered from 0, a size of 0 means the
 * configured default, a larger size than {@link #MAX_SIZE} is cut to it, and a page past
 * the end (an old link, a hand-edited URL, runs deleted since) shows the last page. A
 * negative page or size is the caller's error.
 *
 * @param page the page shown
 * @param size runs per page
 * @param total runs matching the filter
 */
public record RunsPage(int page, int size, long total) {

	static final int MAX_SIZE = 500;

	static RunsPage of(int page, int size, int defaultSize, long total) {
		if (page < 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be 0 or more, not " + page);
		}
		if (size < 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "size must be 0 or more, not " + size);
		}
		int perPage = (size == 0) ? defaultSize : Math.min(size, MAX_SIZE);
		int last = (int) Math.max(0, (total - 1) / perPage);
		return new RunsPage(Math.min(page, last), perPage, total);
	}

	public long offset() {
		return (long) this.page * this.size;
	}

	/** How many pages there are; at least one, an empty list is one empty page. */
	public int pageCount() {
		return (int) Math.max(1, (this.total + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 0;
	}

	public boolean hasNext() {
		return this.page + 1 < pageCount();
	}

	/** The 1-based number of the first run on the page, 0 on an empty list. */
	public long first() {
		return (this.total == 0) ? 0 : offset() + 1;
	}

	public long last() {
		return Math.min(this.total, offset() + this.size);
	}

}
