package cn.jiangmen.vethub.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import cn.jiangmen.vethub.source.SourceDefinition;
import cn.jiangmen.vethub.source.SourceRegistry;
import cn.jiangmen.vethub.system.HubFolders;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The {@code vethub_files_waiting{source}} gauge: files lying in each inbox. Refreshed by
 * the {@code ops-inbox-gauges} route rather than on every scrape, so a slow network share
 * never slows the metrics endpoint.
 */
@Component("inboxGauges")
public class InboxGauges {

	private final SourceRegistry registry;

	private final HubFolders folders;

	private final Map<String, AtomicLong> waiting = new ConcurrentHashMap<>();

	InboxGauges(SourceRegistry registry, HubFolders folders, MeterRegistry meters) {
		this.registry = registry;
		this.folders = folders;
		for (SourceDefinition source : registry.all()) {
			if (source.kind().isFileDrop()) {
				AtomicLong value = new AtomicLong();
				this.waiting.put(source.id(), value);
				Gauge.builder("vethub.files.waiting", value, AtomicLong::get)
					.description("Files lying in the source's inbox")
					.tag("source", source.id())
					.register(meters);
			}
		}
	}

	/** Counts the files in every inbox; returns the total. */
	public long refresh() {
		long total = 0;
		for (SourceDefinition source : this.registry.all()) {
			AtomicLong value = this.waiting.get(source.id());
			if (value != null) {
				long n = this.folders.filesWaiting(source);
				value.set(n);
				total += n;
			}
		}
		return total;
	}

}
