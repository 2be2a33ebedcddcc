package cn.jiangmen.vethub.partner;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import cn.jiangmen.vethub.partner.PartnerFixtures.People;
import cn.jiangmen.vethub.partner.PartnerFixtures.Person;

/**
 * Writes the README demo's partner samples into {@code samples/partners/<id>/} from the
 * same fixtures the tests use. The people are three veterans of the synthetic provincial
 * sample ({@code samples/province/}), so their rows load once the demo's provincial sync
 * has run, and one person nobody knows, whose rows wait as {@code unknown_person}. Run
 * from the project folder, after {@code ./mvnw test-compile}:
 * {@code java -cp target/classes:target/test-classes:<dependencies> cn.jiangmen.vethub.partner.PartnerSamplesWriter}.
 */
public final class PartnerSamplesWriter {

	static final People DEMO = new People(new Person("440781194107101351", "李志强"),
			new Person("440705193911041176", "陈建国"), new Person("430421195911302189", "林丽娟"),
			new Person(PartnerFixtures.LIANG, "梁振邦"));

	private PartnerSamplesWriter() {
	}

	public static void main(String[] args) throws IOException {
		Path root = Path.of((args.length > 0) ? args[0] : "samples/partners");
		Path eye = Files.createDirectories(root.resolve("eye-hospital"));
		Files.writeString(eye.resolve("eye_202611.csv"), PartnerFixtures.eyeNovember(DEMO), StandardCharsets.UTF_8);
		Path his = Files.createDirectories(root.resolve("city-hospital"));
		Files.write(his.resolve("his_202611.txt"), PartnerFixtures.hisNovember(DEMO).getBytes(Charset.forName("GBK")));
		Path insurer = Files.createDirectories(root.resolve("insurer"));
		PartnerFixtures.insurerWorkbook(insurer.resolve("insurer_2026H1.xlsx"), DEMO);
	}

}
