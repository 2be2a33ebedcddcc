package cn.jiangmen.vethub.console;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.jiangmen.vethub.ops.PersonalDataMask;
import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Work that waits: facts refused as {@code unknown_person} and not yet loaded (they load
 * by themselves once their person arrives: {@code warehouse.PendingFactResolver}), by
 * source and age; refused files in each source's {@code error/}; files waiting in each
 * inbox; and, for the counts of the runs list and a run's page, how many of a run's
 * refused rows are such waiting facts rather than refusals. Called from the templates as
 * {@code @waitingWork}. Nothing here shows an ID number or name: waiting facts are
 * counted, and file names are masked for whoever may not see personal data.
 */
@Component("waitingWork")
public class WaitingWork {

	/** The age buckets of waiting facts, by the start of the run that refused them. */
	static final List<String> BUCKETS = List.of("day", "week", "month", "older");

	private final JdbcTemplate jdbc;

	private final SourceRegistry registry;

	private final HubFolders folders;

	WaitingWork(JdbcTemplate jdbc, SourceRegistry registry, HubFolders folders) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.folders = folders;
	}

	/**
	 * Waiting facts by source: how many in each age bucket (under a day, a week, 30 days,
	 * older) and when the oldest was refused.
	 */
	public List<WaitingFacts> facts() {
		Map<String, WaitingFacts> bySource = new LinkedHashMap<>();
		this.jdbc.query("""
				SELECT r.source_id,
				       count(*) FILTER (WHERE i.started_at > now() - interval '1 day') AS day,
				       count(*) FILTER (WHERE i.started_at <= now() - interval '1 day'
				                          AND i.started_at > now() - interval '7 days') AS week,
				       count(*) FILTER (WHERE i.started_at <= now() - interval '7 days'
				                          AND i.started_at > now() - interval '30 days') AS month,
				       count(*) FILTER (WHERE i.started_at <= now() - interval '30 days') AS older,
				       count(*) AS total, min(i.started_at) AS oldest
				  FROM ops.rejected_row r JOIN ops.ingest_run i ON i.id = r.run_id
				 WHERE r.reason = 'unknown_person' AND r.resolved_at IS NULL
				 GROUP BY r.source_id ORDER BY count(*) DESC, r.source_id""", (rs) -> {
			String id = rs.getString("source_id");
			bySource.put(id, new WaitingFacts(id, name(id), rs.getLong("day"), rs.getLong("week"), rs.getLong("month"),
					rs.getLong("older"), rs.getLong("total"), rs.getObject("oldest", OffsetDateTime.class)));
		});
		return new ArrayList<>(bySource.values());
	}

	/**
	 * Of each given run, its {@code unknown_person} rows: all of them, and those still
	 * waiting (the others were loaded since).
	 */
	public Map<Long, Waiting> ofRuns(Collection<Long> runIds) {
		Map<Long, Waiting> counts = new HashMap<>();
		if (runIds.isEmpty()) {
			return counts;
		}
		this.jdbc.query("""
				SELECT run_id, count(*), count(*) FILTER (WHERE resolved_at IS NULL) FROM ops.rejected_row
				 WHERE run_id = ANY (?) AND reason = 'unknown_person' GROUP BY run_id""", (rs) -> {
			counts.put(rs.getLong(1), new Waiting(rs.getLong(2), rs.getLong(3)));
		}, (Object) runIds.toArray(Long[]::new));
		return counts;
	}

	/** One run's waiting facts (none: zero). */
	public Waiting ofRun(long runId) {
		return ofRuns(List.of(runId)).getOrDefault(runId, Waiting.NONE);
	}

	/**
	 * The files of a source's {@code error/} folder, newest first, names masked unless
	 * {@code full}.
	 */
	public List<FileEntry> refusedFiles(String sourceId, boolean full) {
		return list(this.folders.errorDir(sourceId), null, full);
	}

	/** The files of a source's inbox, newest first; none for a source without one. */
	public List<FileEntry> inboxFiles(SourceDefinition source, boolean full) {
		return (source.inboxFolder() != null) ? list(this.folders.inbox(source), null, full) : List.of();
	}

	/**
	 * The files archived for a source in the last {@code days} days (by archive folder),
	 * newest first, at most {@code max}.
	 */
	public List<FileEntry> archivedFiles(String sourceId, LocalDate today, int days, int max, boolean full) {
		List<FileEntry> files = new ArrayList<>();
		for (int i = 0; i < days && files.size() < max; i++) {
			LocalDate day = today.minusDays(i);
			for (FileEntry f : list(this.folders.archiveDir(sourceId, day), day, full)) {
				if (files.size() < max) {
					files.add(f);
				}
			}
		}
		return files;
	}

	private static List<FileEntry> list(Path folder, LocalDate day, boolean full) {
		List<FileEntry> files = new ArrayList<>();
		if (!Files.isDirectory(folder)) {
			return files;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
			for (Path f : entries) {
				BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
				if (a.isDirectory()) {
					continue;
				}
				String name = f.getFileName().toString();
				files.add(new FileEntry(name, full ? name : PersonalDataMask.text(name), day, a.size(),
						a.lastModifiedTime().toInstant(), a.isRegularFile()));
			}
		}
		catch (IOException ex) {
			// a folder that cannot be read shows as empty; the pipeline reports its own
			// trouble
		}
		files.sort(Comparator.comparing(FileEntry::modified).reversed());
		return files;
	}

	private String name(String sourceId) {
		return this.registry.find(sourceId).map(SourceDefinition::name).orElse(sourceId);
	}

	/** A source's waiting facts by age. */
	public record WaitingFacts(String sourceId, String sourceName, long underADay, long underAWeek, long underAMonth,
			long older, long total, OffsetDateTime oldest) {
	}

	/**
	 * A run's {@code unknown_person} rows.
	 *
	 * @param total all of them (counted in the run's rows_rejected)
	 * @param stillWaiting those not loaded yet
	 */
	public record Waiting(long total, long stillWaiting) {

		static final Waiting NONE = new Waiting(0, 0);

		/**
		 * The run's rows refused for good: its rejected rows that are not waiting facts.
		 */
		public long refused(long rowsRejected) {
			return Math.max(0, rowsRejected - this.total);
		}

		/** Its waiting facts loaded since. */
		public long loadedSince() {
			return this.total - this.stillWaiting;
		}

	}

	/**
	 * A file in a folder.
	 *
	 * @param name its real name (what a retake asks for)
	 * @param shown its name as shown (masked for whoever may not see personal data)
	 * @param day the archive day it lies under, null outside the archive
	 * @param regular whether it is a regular file (a link or special file cannot be taken
	 * again)
	 */
	public record FileEntry(String name, String shown, LocalDate day, long size, Instant modified, boolean regular) {
	}

}
