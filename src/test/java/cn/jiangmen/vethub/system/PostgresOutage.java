package cn.jiangmen.vethub.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a running PostgreSQL really unavailable and brings it back, for tests of what the
 * hub does when its database goes away: a fast shutdown (SIGINT to the postmaster, what
 * {@code pg_ctl stop -m fast} sends: every session is terminated, as on a server
 * restart), then {@code pg_ctl start} on the same data folder with the options the server
 * was started with. Needs only the data folder: the postmaster's pid is in
 * {@code postmaster.pid}, its binary, port and options in {@code postmaster.opts}, so
 * this does not depend on how the embedded server was configured (zonky has no restart
 * API). {@code pg_ctl} refuses to run as root; as root (CI) it runs in a user namespace
 * of its own ({@code unshare -U}), as zonky starts it.
 */
public final class PostgresOutage {

	private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final Path dataDir;

	private final Path pgCtl;

	private final String options;

	private PostgresOutage(Path dataDir, Path pgCtl, String options) {
		this.dataDir = dataDir;
		this.pgCtl = pgCtl;
		this.options = options;
	}

	/** The server whose data folder this is; it must be running. */
	public static PostgresOutage of(Path dataDir) {
		String opts;
		try {
			opts = Files.readString(dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// <bin>/postgres "-D" "<dir>" "-p" "<port>" "-c" "name=value" ...
		int firstQuote = opts.indexOf(" \"");
		Path postgres = Path.of(opts.substring(0, firstQuote).strip());
		List<String> args = new ArrayList<>();
		Matcher m = QUOTED.matcher(opts.substring(firstQuote));
		while (m.find()) {
			args.add(m.group());
		}
		int d = args.indexOf("\"-D\"");
		if (d >= 0) {
			args.subList(d, d + 2).clear();
		}
		return new PostgresOutage(dataDir, postgres.resolveSibling("pg_ctl"), String.join(" ", args));
	}

	/** Stops the server, terminating every session, and waits until it is down. */
	public void stop() {
		long pid;
		try {
			pid = Long.parseLong(Files.readAllLines(this.dataDir.resolve("postmaster.pid")).get(0).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ProcessHandle postmaster = ProcessHandle.of(pid)
			.orElseThrow(() -> new IllegalStateException("No postmaster " + pid + " for " + this.dataDir));
		run(List.of("kill", "-INT", Long.toString(pid)));
		try {
			postmaster.onExit().get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The postmaster " + pid + " did not stop", ex);
		}
	}

	/** Starts the server again as it was, and waits until it accepts connections. */
	public void start() {
		List<String> command = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.addAll(List.of(this.pgCtl.toString(), "-D", this.dataDir.toString(), "-o", this.options, "-l",
				this.dataDir.resolveSibling("postgres-restarted.log").toString(), "-t", "60", "-w", "start"));
		run(command);
	}

	private static void run(List<String> command) {
		try {
			Path out = Files.createTempFile("pg_ctl", ".log");
			Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
			if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
				p.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(out));
			}
			Files.delete(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
