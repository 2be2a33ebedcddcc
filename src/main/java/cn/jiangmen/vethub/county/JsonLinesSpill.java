package cn.jiangmen.vethub.county;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records parked on disk as JSON lines while a load runs. A COPY holds the file's
 * database connection while rows stream in, so rejects and payment rows found meanwhile
 * cannot be written to the database yet; they wait here (constant memory, whatever the
 * file's size) and are written once the COPY is done.
 */
final class JsonLinesSpill<T> implements AutoCloseable {

	private final JsonMapper json;

	private final Class<T> type;

	private final Path file;

	private final BufferedWriter out;

	private long count;

	/**
	 * @param folder where the file is kept: the hub's work folder, never the system's
	 * temporary folder
	 */
	JsonLinesSpill(JsonMapper json, Class<T> type, Path folder) throws IOException {
		this.json = json;
		this.type = type;
		this.file = Files.createTempFile(folder, "spill-", ".jsonl");
		this.out = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8);
	}

	void add(T value) {
		try {
			this.out.write(this.json.writeValueAsString(value));
			this.out.newLine();
			this.count++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long count() {
		return this.count;
	}

	/** Reads back every record in the order added. */
	void forEach(SqlConsumer<T> consumer) throws Exception {
		this.out.flush();
		try (BufferedReader in = Files.newBufferedReader(this.file, StandardCharsets.UTF_8)) {
			String line;
			while ((line = in.readLine()) != null) {
				consumer.accept(this.json.readValue(line, this.type));
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.out.close();
		Files.deleteIfExists(this.file);
	}

	@FunctionalInterface
	interface SqlConsumer<T> {

		void accept(T value) throws Exception;

	}

}
