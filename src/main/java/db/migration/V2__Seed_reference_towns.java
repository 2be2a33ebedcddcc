package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.Arrays;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Loads the bureau's list of counties and towns ({@code db/seed/jiangmen-towns.csv}, a
 * copy of the bureau's reference file) into {@code ref.county} and {@code ref.town}. The
 * checksum follows the file, so an edited seed is noticed by Flyway's validation.
 */
public class V2__Seed_reference_towns extends BaseJavaMigration {

	static final String SEED = "/db/seed/jiangmen-towns.csv";

	@Override
	public Integer getChecksum() {
		try (InputStream in = open()) {
			return Arrays.hashCode(in.readAllBytes());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + SEED, ex);
		}
	}

	@Override
	public void migrate(Context context) throws Exception {
		try (Reader reader = new InputStreamReader(open(), StandardCharsets.UTF_8);
				CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(reader);
				PreparedStatement county = context.getConnection()
					.prepareStatement("INSERT INTO ref.county (code, name) VALUES (?, ?) ON CONFLICT DO NOTHING");
				PreparedStatement town = context.getConnection()
					.prepareStatement(
							"INSERT INTO ref.town (name, county_code, kind, short_name) VALUES (?, ?, ?, ?)")) {
			for (NamedCsvRecord row : csv) {
				String code = row.getField("county_code");
				String name = row.getField("town");
				String kind = row.getField("kind");
				county.setString(1, code);
				county.setString(2, row.getField("county"));
				county.executeUpdate();
				town.setString(1, name);
				town.setString(2, code);
				town.setString(3, kind);
				town.setString(4, name.endsWith(kind) ? name.substring(0, name.length() - kind.length()) : name);
				town.addBatch();
			}
			town.executeBatch();
		}
	}

	private static InputStream open() {
		InputStream in = V2__Seed_reference_towns.class.getResourceAsStream(SEED);
		if (in == null) {
			throw new IllegalStateException("Seed file missing from the classpath: " + SEED);
		}
		return in;
	}

}
