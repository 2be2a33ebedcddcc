package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the README demo's partner samples into {@code samples/partners/<id>/} from the same fixtures the
 * tests use (synthetic people with valid ID numbers). Run from the project folder:
 * {@code java -cp target/classes:target/test-classes:<dependencies> cn.jiangmen.vethub.partner.PartnerSamplesWriter}.
 */
public final class PartnerSamplesWriter {

	private PartnerSamplesWriter() {
	}

	public static void main(String[] args) throws IOException {
		Path root = Path.of((args.length > 0) ? args[0] : "samples/partners");
		Path eye = Files.createDirectories(root.resolve("eye-hospital"));
		Files.writeString(eye.resolve("eye_202611.csv"), PartnerFixtures.eyeNovember(), StandardCharsets.UTF_8);
		Path his = Files.createDirectories(root.resolve("city-hospital"));
		Files.write(his.resolve("his_202611.txt"), PartnerFixtures.hisNovember().getBytes(Charset.forName("GBK")));
		Path insurer = Files.createDirectories(root.resolve("insurer"));
		PartnerFixtures.insurerWorkbook(insurer.resolve("insurer_2026H1.xlsx"));
	}

}
