package cn.jiangmen.vethub.partner;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one reply of an HTTP API with Jackson's streaming parser: the records of the
 * array at the records pointer are handed one by one to the caller's function (which maps
 * each to something small, so that a page of thousands of records is never one tree in
 * memory), and only the few values the caller asked for by pointer (a code, a page count,
 * a next cursor) are kept; everything else is skipped as it streams by. A body that ends
 * before its JSON does (a cut-off reply) throws Jackson's exception. Pure.
 */
final class JsonPageReader {

	/**
	 * One reply.
	 *
	 * @param records what the function made of each record, in order
	 * @param recordsFound whether the reply had an array at the records pointer
	 * @param values the values found at the wanted pointers
	 */
	record Page<T>(List<T> records, boolean recordsFound, Map<String, JsonNode> values) {

		/** The value at a pointer as text, or null when absent, null or not a value. */
		String text(String pointer) {
			JsonNode node = (pointer != null) ? this.values.get(pointer) : null;
			if (node == null || node.isNull() || node.isMissingNode()) {
				return null;
			}
			return node.isValueNode() ? node.asString() : node.toString();
		}

	}

	private final JsonMapper json;

	private final String records;

	private final Set<String> wanted;

	/**
	 * @param records the JSON pointer of the records array ({@code ""}: the reply is the
	 * array)
	 * @param wanted the pointers whose values the caller needs
	 */
	JsonPageReader(JsonMapper json, String records, Collection<String> wanted) {
		this.json = json;
		this.records = records;
		this.wanted = new LinkedHashSet<>();
		wanted.stream().filter((w) -> w != null).forEach(this.wanted::add);
	}

	<T> Page<T> read(InputStream body, Function<JsonNode, T> each) {
		List<T> out = new ArrayList<>();
		Map<String, JsonNode> values = new LinkedHashMap<>();
		boolean found = false;
		try (JsonParser p = this.json.createParser(body)) {
			JsonToken token = p.nextToken();
			if (token == null) {
				throw new IllegalArgumentException("the reply is empty");
			}
			while (token != null) {
				String at = pointerOf(p, token);
				if (token == JsonToken.START_ARRAY && at.equals(this.records)) {
					found = true;
					while (p.nextToken() != JsonToken.END_ARRAY) {
						JsonNode record = p.readValueAsTree();
						out.add(each.apply(record));
					}
				}
				else if (!token.isStructEnd() && token != JsonToken.PROPERTY_NAME && this.wanted.contains(at)) {
					values.put(at, p.readValueAsTree());
				}
				else if (token.isStructStart() && !leadsSomewhere(at)) {
					p.skipChildren();
				}
				token = p.nextToken();
			}
		}
		return new Page<>(out, found, values);
	}

	/** The pointer of the value the parser stands on. */
	private static String pointerOf(JsonParser p, JsonToken token) {
		TokenStreamContext ctx = p.streamReadContext();
		if (token.isStructStart() || token.isStructEnd()) {
			ctx = ctx.getParent();
		}
		return (ctx != null) ? ctx.pathAsPointer().toString() : "";
	}

	/** Whether the records or a wanted value lies inside the value at this pointer. */
	private boolean leadsSomewhere(String at) {
		String prefix = at + "/";
		if (this.records.startsWith(prefix) || at.isEmpty()) {
			return true;
		}
		for (String w : this.wanted) {
			if (w.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
