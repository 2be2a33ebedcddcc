package cn.jiangmen.vethub.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class InboxRetriesTest {

	@TempDir
	Path dir;

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T02:00:00Z"));

	private final InboxRetries retries = new InboxRetries(Duration.ofSeconds(30), Duration.ofMinutes(15), new Clock() {
		@Override
		public Instant instant() {
			return InboxRetriesTest.this.now.get();
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	});

	@Test
	void theWaitDoublesAfterEachFailureUpToItsCap() {
		assertThat(this.retries.backoff(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.retries.backoff(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.retries.backoff(4)).isEqualTo(Duration.ofSeconds(240));
		assertThat(this.retries.backoff(6)).isEqualTo(Duration.ofMinutes(15));
		assertThat(this.retries.backoff(60)).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void aFailedFileWaitsItsBackoffAndLongerAfterEachFailure() throws Exception {
		Path file = Files.writeString(this.dir.resolve("花名册.csv"), "姓名,身份证号码");
		long size = Files.size(file);
		FileTime modified = Files.getLastModifiedTime(file);
		assertThat(this.retries.isWaiting(file, size, modified)).isFalse();

		this.retries.failed(file);
		assertThat(this.retries.isWaiting(file, size, modified)).isTrue();
		advance(Duration.ofSeconds(30));
		assertThat(this.retries.isWaiting(file, size, modified)).isFalse();

		this.retries.failed(file);
		advance(Duration.ofSeconds(59));
		assertThat(this.retries.isWaiting(file, size, modified)).as("60 s after the second").isTrue();
		advance(Duration.ofSeconds(1));
		assertThat(this.retries.isWaiting(file, size, modified)).isFalse();
	}

	@Test
	void aNewVersionOfTheFileOrItsLeavingEndsTheWait() throws Exception {
		Path file = Files.writeString(this.dir.resolve("花名册.csv"), "姓名,身份证号码");
		FileTime modified = Files.getLastModifiedTime(file);
		this.retries.failed(file);

		assertThat(this.retries.isWaiting(file, Files.size(file) + 10, modified)).as("resent, corrected").isFalse();
		this.retries.failed(file);
		this.retries.done(file);
		assertThat(this.retries.isWaiting(file, Files.size(file), modified)).isFalse();
	}

	private void advance(Duration by) {
		this.now.set(this.now.get().plus(by));
	}

}
