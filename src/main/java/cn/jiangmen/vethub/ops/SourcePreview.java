package cn.jiangmen.vethub.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The answer of a dry run ({@code POST /api/sources/{id}/preview}): what a run of the
 * source would load and reject, found by the source's real mapping and checks, with
 * nothing written. Every value in it is masked by the role of its column
 * ({@link PersonalColumns}), as in every other reply that shows rows.
 *
 * @param source the source id
 * @param kind county, partner, database or province
 * @param fileName the uploaded file's name (null for a pull source)
 * @param limit the most records read from a pull source (null for a file: all of it)
 * @param rowsRead the data rows read
 * @param unreadable why the whole file would be refused ({@code unreadable_file}), else
 * null
 * @param wouldLoad the rows that would be loaded
 * @param loadSample the first of them as mapped (column to value), masked
 * @param wouldReject the rows that would be refused
 * @param rejectsByReason their count by reason ({@link RejectReason#code()})
 * @param rejectSample the first of them, in the order found, masked
 * @param notChecked what this preview does not find and a real run would
 */
public record SourcePreview(String source, String kind, String fileName, Integer limit, long rowsRead,
		String unreadable, long wouldLoad, List<Map<String, Object>> loadSample, long wouldReject,
		Map<String, Long> rejectsByReason, List<Reject> rejectSample, String notChecked) {

	/** How many mapped records the answer shows. */
	public static final int LOAD_SAMPLE = 20;

	/** How many rejected rows the answer shows. */
	public static final int REJECT_SAMPLE = 100;

	/**
	 * A rejected row as shown.
	 *
	 * @param sheet the sheet (null for text files and pull sources)
	 * @param rowNumber the row number (for a pull source, the record's place in the read)
	 * @param recordKey the record key, masked (a key made of an ID number as its
	 * pseudonym)
	 * @param reason the reject reason
	 * @param detail the masked explanation
	 * @param rawValues the row as it arrived, masked by column role
	 */
	public record Reject(String sheet, Long rowNumber, String recordKey, String reason, String detail,
			Map<String, Object> rawValues) {
	}

	/**
	 * Gathers a preview as a source's mapping produces it. Rows that would load only if
	 * their person is known are kept as candidates and settled at the end against the
	 * persons of the warehouse (read, never written) and those the same read would create
	 * (a county roster in the same file), as the real load settles them.
	 */
	public static final class Collector {

		private final String source;

		private final String kind;

		private final String fileName;

		private final Integer limit;

		private long read;

		private String unreadable;

		private long loaded;

		private final List<Map<String, Object>> loadSample = new ArrayList<>();

		private final Map<String, Long> byReason = new TreeMap<>();

		private final List<RejectedRow> rejectSample = new ArrayList<>();

		private final List<Candidate> candidates = new ArrayList<>();

		private final Set<String> created = new HashSet<>();

		private String notChecked;

		public Collector(String source, String kind, String fileName, Integer limit) {
			this.source = source;
			this.kind = kind;
			this.fileName = fileName;
			this.limit = limit;
		}

		/** A data row was read. */
		public void read() {
			this.read++;
		}

		/** Data rows were read. */
		public void read(long rows) {
			this.read += rows;
		}

		/** The data rows read so far. */
		public long rowsRead() {
			return this.read;
		}

		/** The whole file would be refused: nothing of it loads. */
		public void unreadable(String reason) {
			this.unreadable = reason;
		}

		/** What this kind of preview does not find. */
		public void notChecked(String what) {
			this.notChecked = what;
		}

		/** A row that would load as it is (one that creates or updates a person). */
		public void load(Map<String, Object> record) {
			this.loaded++;
			if (this.loadSample.size() < LOAD_SAMPLE) {
				this.loadSample.add(record);
			}
		}

		/** A row that creates its person, so that the same read's facts of it load. */
		public void creates(String idCard) {
			this.created.add(idCard);
		}

		/** A row that would be refused. */
		public void reject(RejectedRow row) {
			this.byReason.merge(row.reason().code(), 1L, Long::sum);
			if (this.rejectSample.size() < REJECT_SAMPLE) {
				this.rejectSample.add(row);
			}
		}

		/**
		 * A valid fact of a person: it loads when the person is known, else it is refused
		 * as the row {@code ifUnknown} gives ({@code unknown_person}).
		 */
		public void fact(String idCard, Map<String, Object> record, Supplier<RejectedRow> ifUnknown) {
			this.candidates.add(new Candidate(idCard, record, ifUnknown));
		}

		/**
		 * The answer, masked.
		 * @param known the persons of the warehouse among some ID numbers (a read)
		 */
		public SourcePreview answer(Function<Collection<String>, Set<String>> known, PersonalColumns columns) {
			if (this.unreadable != null) {
				// a file refused whole loads nothing, whatever rows were read before
				return new SourcePreview(this.source, this.kind, this.fileName, this.limit, this.read, this.unreadable,
						0, List.of(), 1, Map.of(RejectReason.UNREADABLE_FILE.code(), 1L), List.of(), this.notChecked);
			}
			if (!this.candidates.isEmpty()) {
				Set<String> persons = known.apply(this.candidates.stream().map(Candidate::idCard).distinct().toList());
				for (Candidate c : this.candidates) {
					if (persons.contains(c.idCard()) || this.created.contains(c.idCard())) {
						load(c.record());
					}
					else {
						reject(c.ifUnknown().get());
					}
				}
				this.candidates.clear();
			}
			ColumnRoles roles = columns.of(this.source);
			List<Map<String, Object>> loads = this.loadSample.stream()
				.map((r) -> PersonalDataMask.row(r, roles::roleOf))
				.toList();
			List<Reject> rejects = this.rejectSample.stream()
				.map((r) -> new Reject(r.sheet(), r.rowNumber(), columns.recordKey(roles, r.recordKey()),
						r.reason().code(), r.detail(), columns.rawValues(roles, r.rawValues())))
				.toList();
			long rejected = this.byReason.values().stream().mapToLong(Long::longValue).sum();
			return new SourcePreview(this.source, this.kind, this.fileName, this.limit, this.read, this.unreadable,
					this.loaded, loads, rejected, new LinkedHashMap<>(this.byReason), rejects, this.notChecked);
		}

		private record Candidate(String idCard, Map<String, Object> record, Supplier<RejectedRow> ifUnknown) {
		}

	}

}
