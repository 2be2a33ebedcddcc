package cn.jiangmen.vethub.partner;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.jiangmen.vethub.source.HttpApiSettings;
import cn.jiangmen.vethub.source.HttpApiSettings.Paging;
import cn.jiangmen.vethub.source.HttpApiSettings.PagingStyle;

/**
 * The pages of one read of an HTTP API source, in the paging style of its settings: what
 * the first request asks, and from what a reply said, what the next asks or that the read
 * is over. Page-number paging reads the page size and page count the server used back
 * from the reply (a server that caps 500 to 100 is paged by 100, and its page count
 * decides the end); offset paging moves by the records received; cursor and next-link
 * paging follow the reply until it has no next; keyset paging sends the cursor field of
 * the page's last record as the incremental parameter. Pure: the client makes the
 * requests.
 */
final class HttpPaging {

	/**
	 * One page request: the query parameters of the paging and the mark, or the whole URL
	 * of a next link.
	 */
	record Request(Map<String, String> params, URI link) {

	}

	/**
	 * What a reply says about the paging.
	 *
	 * @param records the records it held
	 * @param size the page size the server used (page-number), or null
	 * @param pages the number of pages (page-number), or null
	 * @param cursor the next cursor (cursor), or null
	 * @param next the next page's URL (next-link), or null
	 * @param lastValue the written cursor value of the page's last record (keyset), or
	 * null
	 */
	record Reply(int records, Integer size, Long pages, String cursor, String next, String lastValue) {

	}

	private final Paging paging;

	private final PagingStyle style;

	private final URI base;

	private final String markParam;

	private long page;

	private long offset;

	private long pagesRead;

	private String keyset;

	private String lastCursor;

	/**
	 * @param settings the source's settings
	 * @param base the endpoint's URL, against which a relative next link is resolved
	 * @param mark the mark as written into the incremental parameter, or null (a first or
	 * full read)
	 */
	HttpPaging(HttpApiSettings settings, URI base, String mark) {
		this.paging = settings.paging();
		this.style = this.paging.kind();
		this.base = base;
		this.markParam = settings.isIncremental() ? settings.incremental().param() : null;
		this.keyset = mark;
		this.page = this.paging.firstPage();
	}

	Request first() {
		return new Request(params(null), null);
	}

	/** The pages read so far (for the run's limit of pages). */
	long pagesRead() {
		return this.pagesRead;
	}

	/**
	 * The request after a reply, or null when the read is over.
	 * @throws IllegalStateException when the paging cannot move on (a keyset page whose
	 * records all share one value)
	 */
	Request next(Reply reply) {
		this.pagesRead++;
		switch (this.style) {
			case NONE -> {
				return null;
			}
			case PAGE_NUMBER -> {
				if (reply.records() == 0) {
					return null;
				}
				if (reply.pages() != null) {
					if (this.page - this.paging.firstPage() + 1 >= reply.pages()) {
						return null;
					}
				}
				else {
					int size = (reply.size() != null && reply.size() > 0) ? reply.size() : this.paging.pageSize();
					if (reply.records() < size) {
						return null;
					}
				}
				this.page++;
				return new Request(params(null), null);
			}
			case OFFSET -> {
				if (reply.records() == 0 || reply.records() < this.paging.pageSize()) {
					return null;
				}
				this.offset += reply.records();
				return new Request(params(null), null);
			}
			case CURSOR -> {
				if (reply.cursor() == null || reply.cursor().isBlank()
						|| (reply.records() == 0 && reply.cursor().equals(this.lastCursor))) {
					return null;
				}
				this.lastCursor = reply.cursor();
				return new Request(params(reply.cursor()), null);
			}
			case NEXT_LINK -> {
				if (reply.next() == null || reply.next().isBlank()) {
					return null;
				}
				return new Request(Map.of(), this.base.resolve(reply.next().strip()));
			}
			case KEYSET -> {
				if (reply.records() < this.paging.pageSize() || reply.lastValue() == null) {
					return null;
				}
				if (reply.lastValue().equals(this.keyset)) {
					throw new IllegalStateException("a full page of " + reply.records()
							+ " records shares the cursor value " + reply.lastValue()
							+ ", so keyset paging cannot move past it: raise paging.page-size");
				}
				this.keyset = reply.lastValue();
				return new Request(params(null), null);
			}
			default -> throw new IllegalStateException(String.valueOf(this.style));
		}
	}

	private Map<String, String> params(String cursor) {
		Map<String, String> params = new LinkedHashMap<>();
		if (this.markParam != null && this.keyset != null) {
			params.put(this.markParam, this.keyset);
		}
		switch (this.style) {
			case PAGE_NUMBER -> {
				params.put(this.paging.pageParamOrDefault(), Long.toString(this.page));
				params.put(this.paging.sizeParamOrDefault(), Integer.toString(this.paging.pageSize()));
			}
			case OFFSET -> {
				params.put(this.paging.offsetParamOrDefault(), Long.toString(this.offset));
				params.put(this.paging.sizeParamOrDefault(), Integer.toString(this.paging.pageSize()));
			}
			case CURSOR -> {
				if (this.paging.sizeParam() != null) {
					params.put(this.paging.sizeParam(), Integer.toString(this.paging.pageSize()));
				}
				if (cursor != null) {
					params.put(this.paging.cursorParamOrDefault(), cursor);
				}
			}
			case KEYSET -> params.put(this.paging.sizeParamOrDefault(), Integer.toString(this.paging.pageSize()));
			case NONE, NEXT_LINK -> {
				if (this.style == PagingStyle.NEXT_LINK && this.paging.sizeParam() != null) {
					params.put(this.paging.sizeParam(), Integer.toString(this.paging.pageSize()));
				}
			}
		}
		return params;
	}

}
